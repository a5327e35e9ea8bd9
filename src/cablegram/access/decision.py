"""The outcome of a policy decision, as plain data the redaction and the views consume."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from cablegram.access.marks import CableMarks


class Visibility(enum.Enum):
    NONE = "none"  # the cable does not exist for this reader
    PARTIAL = "partial"  # envelope and some parts; the rest withheld
    FULL = "full"  # everything, raw text included


class DeclassifiedBy(enum.Enum):
    DATE = "date"  # the DECL date passed (and the deployment honours DECL dates)
    RELEASE = "release"  # an archivist recorded a release decision


@dataclass(frozen=True, slots=True)
class Assessment:
    """The decision for one reader and one cable, part by part."""

    visibility: Visibility
    declassified: DeclassifiedBy | None
    header: bool  # header fields visible
    subject: bool  # subject visible
    paragraphs: tuple[bool, ...]  # each paragraph visible, in order
    marks: CableMarks | None  # None when no marks were needed (declassified, sees all)

    @property
    def withheld(self) -> tuple[int, ...]:
        """Positions (0-based) of the withheld paragraphs."""
        return tuple(i for i, seen in enumerate(self.paragraphs) if not seen)


def everything(count: int, why: DeclassifiedBy | None) -> Assessment:
    return Assessment(Visibility.FULL, why, True, True, (True,) * count, None)
