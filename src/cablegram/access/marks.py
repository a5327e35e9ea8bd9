"""What each part of a cable demands of its reader: a level and a set of caveats.

One decomposition of a cable into parts, used by the policy for pages and by whatever builds
search documents, so that what a page shows and what a search finds can never disagree.

Rules (also in ``docs/access.md``):

- The cable's *effective level* is the highest of its banner level and every paragraph's
  portion mark; a cable with neither is treated as TOP SECRET. A mis-marked cable (banner
  CONFIDENTIAL, a paragraph SECRET) is at least as secret as its most secret part. This is
  the index's ``cable_level`` rule, on purpose.
- The *header* (sender, addressees, tags, references, classification authority, signers and,
  by default, the subject) demands the effective level and the banner caveats.
- An unmarked paragraph demands the effective level; a marked one demands its own level.
- Every paragraph also demands the banner caveats (a cable's captions are message-level
  handling instructions: in the real corpus 216 of 836 NOFORN cables mark no paragraph NF,
  so reading the banner as a roll-up of portion marks would release those paragraphs), plus
  its own portion caveats (``(S//NF)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cablegram.model import Cable, Classification

UNKNOWN_LEVEL = Classification.TOP_SECRET

# What a caveat asks of a reader. Access caveats are handling clearances a reader holds as a
# person (a NOFORN reader is a cleared US national); grant caveats are distribution lists a
# reader is put on by name. Free caveats restrict nothing for a cleared reader (SIPDIS is a
# routing note, REL TO widens release). Any caveat not listed is treated as a grant caveat of
# its own name: an unknown mark fails closed.
ACCESS_CAVEATS = frozenset({"NOFORN", "NOCONTRACT", "ORCON"})
GRANT_CAVEATS = frozenset({"EXDIS", "NODIS", "LIMDIS", "STADIS"})
FREE_CAVEATS = frozenset({"SIPDIS", "REL", "EFTO", "SBU", "FOUO", "LOU"})
_ALIASES = {"NF": "NOFORN", "OC": "ORCON", "N": "NOFORN", "NOCON": "NOCONTRACT"}
_SHORT = {"NOFORN": "NF", "ORCON": "OC"}


def canonical_caveat(caveat: str) -> str:
    key = caveat.strip().upper()
    return _ALIASES.get(key, key)


def controlling(caveats: Iterable[str]) -> frozenset[str]:
    """The caveats that restrict who may read, spelled canonically."""
    found = {canonical_caveat(c) for c in caveats}
    return frozenset(c for c in found if c and c not in FREE_CAVEATS)


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a reader needs to read one part: a clearance at ``level`` and every caveat."""

    level: Classification
    caveats: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        """``SECRET//NOFORN``: how the part is announced when it is withheld."""
        return "//".join((self.level.label, *sorted(self.caveats)))

    @property
    def mark(self) -> str:
        """``S//NF``: the portion mark a withheld paragraph is shown with."""
        return "//".join((self.level.short, *(_SHORT.get(c, c) for c in sorted(self.caveats))))


@dataclass(frozen=True, slots=True)
class CableMarks:
    """A cable's requirements, without its text: the header's and each paragraph's, in order.

    Small enough to keep per cable wherever a decision is needed without the parse (citation
    lists, search hits).
    """

    header: Requirement
    paragraphs: tuple[Requirement, ...]

    @property
    def parts(self) -> frozenset[Requirement]:
        return frozenset((self.header, *self.paragraphs))


def effective_level(cable: Cable) -> Classification:
    marks = [p.classification for p in cable.paragraphs if p.classification is not None]
    if cable.classification is not None:
        marks.append(cable.classification)
    return max(marks) if marks else UNKNOWN_LEVEL


def marks_of(cable: Cable) -> CableMarks:
    level = effective_level(cable)
    banner = controlling(cable.caveats)
    header = Requirement(level, banner)
    paragraphs = tuple(
        Requirement(
            p.classification if p.classification is not None else level,
            banner | controlling(p.caveats),
        )
        for p in cable.paragraphs
    )
    return CableMarks(header, paragraphs)
