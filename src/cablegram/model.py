"""The typed record every other part of cablegram stands on.

Records are frozen so that a parsed cable can be shared between the store, the index and the
views without anyone mutating it behind the others' backs; every collection is a tuple for the
same reason. Fields that the text does not carry are empty (``None`` or ``()``), never missing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Classification(enum.IntEnum):
    """Levels in their legal order, so that ``max()`` and ``>=`` mean what a reader expects.

    The administrative controls (SBU, FOUO, LOU) share one rung: none of them is a national
    security classification, and readers cleared for one are cleared for the others.
    """

    UNCLASSIFIED = 0
    SBU = 1
    CONFIDENTIAL = 2
    SECRET = 3
    TOP_SECRET = 4

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def short(self) -> str:
        """The portion-mark letter(s): U, SBU, C, S, TS."""
        return _SHORT[self]


_LABELS = {
    Classification.UNCLASSIFIED: "UNCLASSIFIED",
    Classification.SBU: "SENSITIVE BUT UNCLASSIFIED",
    Classification.CONFIDENTIAL: "CONFIDENTIAL",
    Classification.SECRET: "SECRET",
    Classification.TOP_SECRET: "TOP SECRET",
}
_SHORT = {
    Classification.UNCLASSIFIED: "U",
    Classification.SBU: "SBU",
    Classification.CONFIDENTIAL: "C",
    Classification.SECRET: "S",
    Classification.TOP_SECRET: "TS",
}


class Precedence(enum.StrEnum):
    """Message precedence, highest first in urgency."""

    FLASH = "FLASH"
    NIACT_IMMEDIATE = "NIACT IMMEDIATE"
    IMMEDIATE = "IMMEDIATE"
    PRIORITY = "PRIORITY"
    ROUTINE = "ROUTINE"


class TagKind(enum.StrEnum):
    GEOGRAPHIC = "geographic"
    SUBJECT = "subject"
    ORGANISATION = "organisation"
    PROGRAM = "program"
    PERSON = "person"
    UNKNOWN = "unknown"


class ReferenceKind(enum.StrEnum):
    CABLE = "cable"
    EMAIL = "email"
    MEETING = "meeting"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that could not be read as expected, and where."""

    field: str
    message: str
    line: int | None = None  # 1-based line in the raw text, when known


@dataclass(frozen=True, slots=True)
class Recipient:
    """An addressee from a TO/INFO block: ``RUEHC/SECSTATE WASHDC IMMEDIATE 6818``."""

    name: str
    route: str | None = None  # routing indicator, e.g. RUEHC
    precedence: Precedence | None = None
    mcn: str | None = None  # message control number at the receiving station


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    code: str
    kind: TagKind


@dataclass(frozen=True, slots=True)
class Reference:
    """One cited document. ``value`` is the canonical id for cables, else the cleaned text."""

    kind: ReferenceKind
    value: str
    raw: str
    bullet: str | None = None  # the REF list letter, "A", "B", ...


@dataclass(frozen=True, slots=True)
class Section:
    """``SECTION 01 OF 03``: this text is part ``number`` of a cable sent in ``total`` parts."""

    number: int
    total: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered paragraph (``number`` is None for unnumbered body text).

    ``marking`` is the portion mark as written inside the parentheses (``C``, ``S//NF``,
    ``SBU-N``); ``classification`` and ``caveats`` are what it means.
    """

    number: int | None
    text: str
    marking: str | None = None
    classification: Classification | None = None
    caveats: tuple[str, ...] = ()
    heading: str | None = None  # section heading printed above this paragraph
    line: int | None = None  # 1-based line in the text as normalised (page headers removed)


@dataclass(frozen=True, slots=True)
class Cable:
    """A parsed cable. ``raw`` is the exact text that was parsed; all else derives from it."""

    raw: str
    reference_id: str | None = None
    origin: str | None = None  # station as written in ids: ALMATY, STATE, USUNNEWYORK
    serial: int | None = None
    created: datetime | None = None
    classification: Classification | None = None
    classification_raw: str | None = None  # the marking as written: "C O N F I D E N T I A L"
    caveats: tuple[str, ...] = ()  # SIPDIS, NOFORN, EXDIS ... most restrictive first
    precedence: Precedence | None = None
    transmission_id: str | None = None  # VZCZCXRO4954
    sender: str | None = None  # FM line: AMEMBASSY ALMATY
    recipients: tuple[Recipient, ...] = ()
    info_recipients: tuple[Recipient, ...] = ()
    offices: tuple[str, ...] = ()  # "DEPT FOR EUR/CACEN (J. MUDGE)": who it was written for
    executive_order: str | None = None  # "12958"
    declassify_on: date | str | None = None  # a date, or an exemption code: X1, 25X1, OADR
    reasons: tuple[str, ...] = ()  # "1.4(b)", "1.4(d)"
    classified_by: tuple[Person, ...] = ()
    tags: tuple[Tag, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    summary: str | None = None
    comment: str | None = None
    signers: tuple[str, ...] = ()
    partial: bool = False
    sections: tuple[Section, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def year(self) -> int | None:
        return self.created.year if self.created else None
