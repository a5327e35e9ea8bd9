"""Invented cables for store tests: built directly as model objects, no parser involved."""

from __future__ import annotations

from datetime import datetime

from cablegram.model import (
    Cable,
    Classification,
    Paragraph,
    Reference,
    ReferenceKind,
    Tag,
    TagKind,
)
from cablegram.sources.record import SourceRecord
from cablegram.store import rows
from cablegram.store.base import ParsedRecord


def cable_text(station: str, serial: int, subject: str, body: str = "") -> str:
    return (
        f"C O N F I D E N T I A L {station} {serial:06d}\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 03/14/2017\nTAGS: PREL PGOV XY\n"
        f"SUBJECT: {subject}\n\n1. (C) {body or 'Embassy officers met the invented minister.'}\n"
    )


def record(
    cable_id: str,
    text: str,
    *,
    released: datetime | None = None,
    created: datetime | None = datetime(2007, 3, 14, 9, 30),
    subject: str = "INVENTED SUBJECT",
    refs: tuple[str, ...] = (),
    tags: tuple[str, ...] = ("PREL", "PGOV"),
    origin: str = "ALMATY",
    level: Classification | None = Classification.CONFIDENTIAL,
    fmt: str = "jsonl:cablegate-html",
    location: str = "invented.jsonl:1",
    extra: dict[str, str] | None = None,
) -> ParsedRecord:
    src = SourceRecord(
        text=text,
        format=fmt,
        location=location,
        reference_id=cable_id,
        created=created,
        released=released,
        origin=f"Embassy {origin.title()}",
        classification=level.name if level is not None else None,
        extra=extra or {},
    )
    cable = Cable(
        raw=text,
        reference_id=cable_id,
        origin=origin,
        created=created,
        classification=level,
        caveats=("SIPDIS",),
        tags=tuple(Tag(t, TagKind.SUBJECT) for t in tags),
        subject=subject,
        references=(
            *(
                Reference(ReferenceKind.CABLE, r, f"{chr(65 + i)}. {r}", chr(65 + i))
                for i, r in enumerate(refs)
            ),
            Reference(ReferenceKind.EMAIL, "invented e-mail of 3 March", "C. E-MAIL", "C"),
        ),
        paragraphs=(
            Paragraph(
                1, "Embassy officers met the invented minister.", "C", Classification.CONFIDENTIAL
            ),
        ),
    )
    return ParsedRecord(src, cable_id, cable, rows.text_sha256(text))
