"""Invented cables and readers for the access-control tests.

Everything here is invented (names, serials, subjects, text) in the real format: the banner,
captions, E.O. line, portion marks and REF conventions are the real ones. Each secret word
is unique to one part, so a test can ask "does this word appear anywhere?".
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cablegram.access.passwords import PasswordHasher
from cablegram.access.reader import ALL, Reader
from cablegram.model import Cable, Classification, Paragraph
from cablegram.parse import parse
from cablegram.sources.record import SourceRecord
from cablegram.store.base import ParsedRecord
from cablegram.store.sqlite import SQLiteStore

C = Classification
TODAY = date(2012, 6, 1)
FAST_HASHER = PasswordHasher(n=2**10)  # the real parameters are tested once, in passwords


def reader(level: Classification | None, accesses: Sequence[str] = (),
           grants: Sequence[str] = (), name: str | None = "reader") -> Reader:
    return Reader(name, level, frozenset(accesses), frozenset(grants))


EVERYONE = Reader(None, C.TOP_SECRET, frozenset({ALL}), frozenset({ALL}))


# A SECRET cable (no NOFORN banner) whose paragraphs are at every level, one NOFORN, and
# whose summary is in a SECRET paragraph and comment in a CONFIDENTIAL one.
MIXED_TEXT = """S E C R E T SECTION 01 OF 02 ALMATY 004321

SIPDIS

E.O. 12958: DECL: 11/20/2031
TAGS: PREL PGOV KZ
SUBJECT: ZEPHYRINE PIPELINE TALKS WITH THE INVENTED MINISTRY

REF: A. 05 ALMATY 4100 B. 05 STATE 190001

Classified By: Ambassador Quentin Marlowe, reasons 1.4 (b) and (d)

1. (S) Summary: Minister Tolvesk promised the quokkalith concession. End summary.

2. (U) The embassy hosted a lanternfish exhibition for local students.

3. (C) Comment: The vintrebold faction seems eager to settle. End comment.

4. (S//NF) A source named Dravenmoor described the marblefinch arrangement.

5. (SBU) Visa figures for the ferrowick program are attached.

MARLOWE
"""
MIXED_WORDS = {
    "header": ("ZEPHYRINE", "Marlowe", "MARLOWE"),
    1: ("Tolvesk", "quokkalith"),
    2: ("lanternfish",),
    3: ("vintrebold",),
    4: ("Dravenmoor", "marblefinch"),
    5: ("ferrowick",),
}


def mixed(**changes: object) -> Cable:
    cable = parse(MIXED_TEXT, reference_id="05ALMATY4321")
    return dataclasses.replace(cable, **changes) if changes else cable  # type: ignore[arg-type]


def single(level: Classification, *, caveats: tuple[str, ...] = (),
           para_caveats: tuple[str, ...] = (),
           decl: date | str | None = date(2031, 1, 1), cable_id: str = "06ROME0101") -> Cable:
    """A one-paragraph cable wholly at ``level``."""
    return Cable(
        raw=f"{level.label}\nSUBJECT: SOLITARY WOMBATRIX\n1. ({level.short}) Okapiwind.\n",
        reference_id=cable_id,
        origin="ROME",
        created=datetime(2006, 3, 1, 12, 0),
        classification=level,
        caveats=caveats,
        declassify_on=decl,
        subject="SOLITARY WOMBATRIX",
        paragraphs=(Paragraph(1, "Okapiwind.", level.short, level, para_caveats),),
    )


def strings(value: object) -> Iterator[str]:
    """Every string inside a (nested) dataclass, tuple, dict: what a view could print."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from strings(item)


def everywhere(value: object) -> str:
    return "\n".join(strings(value))


class Clock:
    """A settable UTC clock for expiry, audit times and DECL checks."""

    def __init__(self, start: datetime = datetime(2012, 6, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def store_cables(db: Path, items: Sequence[tuple[str, str]]) -> None:
    """Ingest (id, text) pairs through the record store, as ``ingest`` would."""
    records = []
    for cable_id, text in items:
        cable = parse(text, reference_id=cable_id)
        source = SourceRecord(text=text, format="text", location=f"invented:{cable_id}",
                              reference_id=cable_id)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        records.append(ParsedRecord(source, cable_id, cable, sha))
    with SQLiteStore(db) as store:
        store.add(records)


def banner_cable(level: str, serial: int, decl: str, subject: str, mark: str) -> str:
    return (
        f"{level} ROME {serial:06d}\n\nSIPDIS\n\nE.O. 12958: DECL: {decl}\n"
        f"TAGS: PREL IT\nSUBJECT: {subject}\n\n1. ({mark}) Invented text number {serial}.\n"
    )
