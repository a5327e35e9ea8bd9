"""Classification, captions, declassification and authority lines, with Cablegate's shares.

The shares of the six Cablegate levels are those of the 2010 release (251,287 cables); the
portion-mark mixes per level and the caption frequencies were measured on the real corpus
(``../shared/corpus``). A cable's highest paragraph mark equals its banner level, as the
rules require, except for the unmarked cables that real traffic also has.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from cablegram.synth.weighted import Weighted


@dataclass(frozen=True, slots=True)
class Level:
    label: str  # the WikiLeaks classification column: "SECRET//NOFORN"
    banners: tuple[str, ...]  # classification-line spellings, most common first
    security: str  # the ZNY/ZNR line letter: U E C S T
    marks: tuple[str, ...]  # portion marks in use at this level ...
    mark_weights: tuple[float, ...]  # ... and how often
    top: str  # the mark of the banner level, at least once per marked cable
    classified: bool
    noforn: bool = False


UNCLASSIFIED = Level("UNCLASSIFIED", ("UNCLAS", "UNCLASSIFIED"), "U", ("U",), (1,), "U", False)
FOUO = Level(
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY", ("UNCLAS",), "U", ("SBU", "U"), (68, 32), "SBU", False
)
CONFIDENTIAL = Level(
    "CONFIDENTIAL",
    ("C O N F I D E N T I A L", "CONFIDENTIAL"),
    "C",
    ("C", "SBU", "U"),
    (80, 11, 9),
    "C",
    True,
)
CONFIDENTIAL_NF = Level(
    "CONFIDENTIAL//NOFORN",
    ("C O N F I D E N T I A L", "CONFIDENTIAL"),
    "C",
    ("C/NF", "C", "C//NF", "SBU", "U"),
    (55, 28, 5, 8, 4),
    "C/NF",
    True,
    True,
)
SECRET = Level(
    "SECRET", ("S E C R E T", "SECRET"), "S", ("S", "C", "U", "SBU"), (50, 35, 8, 7), "S", True
)
SECRET_NF = Level(
    "SECRET//NOFORN",
    ("S E C R E T", "SECRET"),
    "S",
    ("S/NF", "C", "S", "S//NF", "SBU", "U", "C/NF"),
    (45, 22, 9, 6, 7, 6, 5),
    "S/NF",
    True,
    True,
)
# 1970s levels, seen only in the PlusD pages of the demo.
LOU = Level(
    "LIMITED OFFICIAL USE", ("LIMITED OFFICIAL USE",), "E", ("LOU", "U"), (70, 30), "LOU", False
)
TOP_SECRET = Level(
    "TOP SECRET",
    ("T O P S E C R E T", "TOP SECRET"),
    "T",
    ("TS", "S", "C"),
    (60, 30, 10),
    "TS",
    True,
)

CABLEGATE = (UNCLASSIFIED, FOUO, CONFIDENTIAL, CONFIDENTIAL_NF, SECRET, SECRET_NF)
CABLEGATE_WEIGHTS = (75_792, 58_095, 97_070, 4_678, 11_322, 4_330)
_LEVELS = Weighted(CABLEGATE, CABLEGATE_WEIGHTS)
BY_LABEL = {lv.label: lv for lv in (*CABLEGATE, LOU, TOP_SECRET)}

SIPDIS_FROM = datetime(2005, 12, 1)
FOUO_CAPTIONS = (
    "SENSITIVE",
    "SENSITIVE",
    "SENSITIVE",
    "SENSITIVE BUT UNCLASSIFIED",
    "Sensitive but unclassified - please protect accordingly",
)
RARE_CAPTIONS = (
    ("EXDIS", 0.004),
    ("NODIS", 0.001),
    ("STADIS", 0.0005),
    ("LIMDIS", 0.0005),
    ("NOCONTRACT", 0.0003),
    ("ORCON", 0.0003),
)


def level(rng: random.Random) -> Level:
    return _LEVELS.pick(rng)


def captions(
    rng: random.Random, lv: Level, created: datetime, force: tuple[str, ...] = ()
) -> list[str]:
    """Caption lines under the classification line, most restrictive first."""
    out: list[str] = [c for c in force]
    if lv.classified:
        out += [name for name, share in RARE_CAPTIONS if rng.random() < share and name not in out]
    if lv.noforn and "NOFORN" not in out:
        out.insert(0, "NOFORN")
    sipdis = created >= SIPDIS_FROM and rng.random() < 0.96
    if lv is FOUO:
        caption = rng.choice(FOUO_CAPTIONS)
        if sipdis and rng.random() < 0.12:
            out.append(caption + rng.choice((", SIPDIS", " SIPDIS")))
            sipdis = False
        else:
            out.append(caption)
    if sipdis:
        out.append("SIPDIS")
        if rng.random() < 0.18:
            out.append("SIPDIS")  # printed twice in about a sixth of real cables
    return out


_MARKS: dict[str, Weighted[str]] = {}


def portion_mark(rng: random.Random, lv: Level) -> str:
    table = _MARKS.get(lv.label)
    if table is None:
        table = _MARKS[lv.label] = Weighted(lv.marks, lv.mark_weights)
    return table.pick(rng)


def decl_line(rng: random.Random, lv: Level, created: datetime, media: bool) -> str:
    """``E.O. 12958: DECL: 11/20/2015``: ten years on, an exemption, or N/A if unclassified."""
    order = executive_order(created)
    prefix = f"EO {order} " if media else f"E.O. {order}: "
    if not lv.classified:
        return prefix + "N/A"
    roll = rng.random()
    if roll < 0.006:
        return prefix + "DECL: " + rng.choice(("1.6X6", "X1", "25X1", "1.6X1"))
    due = created.replace(year=created.year + 10, day=min(created.day, 28))
    if roll < 0.035:
        return prefix + f"DECL: {due.year}/{due.month:02d}/{due.day:02d}"
    if roll < 0.15:
        return prefix + f"DECL: {due.month}/{due.day}/{due.year}"
    return prefix + f"DECL: {due.month:02d}/{due.day:02d}/{due.year}"


def executive_order(created: datetime) -> str:
    """The order in force: 11652 (1972), 12065 (1978), 12356 (1982), 12958 (1995)."""
    if created.year < 1978 or (created.year == 1978 and created.month < 12):
        return "11652"
    if created.year < 1982 or (created.year == 1982 and created.month < 8):
        return "12065"
    if created.year < 1995 or (created.year == 1995 and created.month < 10):
        return "12356"
    return "12958"


REASON_SETS = (
    ("b", "d"),
    ("d",),
    ("b",),
    ("c",),
    ("b", "c", "d"),
    ("a", "d"),
    ("d", "g"),
    ("b", "d", "h"),
    ("e",),
)
_REASONS = Weighted(REASON_SETS, (70, 12, 5, 3, 4, 1, 1, 1, 1))


def reasons(rng: random.Random) -> tuple[str, ...]:
    return _REASONS.pick(rng)


def reasons_text(rng: random.Random, letters: tuple[str, ...], created: datetime) -> str:
    """The reasons phrase in one of the spellings drafters used."""
    section = "1.5" if created.year < 2003 else "1.4"
    if len(letters) == 1:
        return rng.choice(
            (
                f"reason {section} ({letters[0]}).",
                f"Reason {section} ({letters[0]})",
                f"REASON: {section}({letters[0].upper()}).",
            )
        )
    paren = " and ".join(f"({x})" for x in letters)
    commas = ",".join(letters)
    return rng.choice(
        (
            f"reasons {section} {paren}.",
            f"reasons {section} {paren}",
            f"REASON: {section} " + ", ".join(f"({x})" for x in letters),
            f"Reasons {section} ({commas.upper()})",
            f"reasons {section}({commas})",
            f"reasons {section} {'/'.join(letters)}.",
            f"REASONS {section} {paren.upper()}",
        )
    )
