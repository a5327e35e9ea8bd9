"""Who is reading: a clearance and the caveat accesses and grants they hold.

A ``Reader`` is plain frozen data, hashable, so views can cache per reader and tests can
enumerate readers. It says nothing about what a person may *do* (manage users, record
releases): that is ``User.roles``.

``clearance`` is ``None`` for a reader with no clearance at all, who reads only what has been
declassified or released: a closed archive (an embargoed leak) gives anonymous readers this.
``Classification.UNCLASSIFIED`` reads unclassified parts as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cablegram.access.marks import ACCESS_CAVEATS, Requirement, canonical_caveat
from cablegram.model import Classification

ALL = "*"  # in accesses or grants: every caveat of that kind, known or not

# Names a deployment may give its anonymous readers (``--public-profile``).
PROFILE_ALL = "all"  # the demo: the corpus was leaked, everything in it is public
PROFILE_NONE = "none"  # a closed archive: only what is declassified or released


def parse_clearance(text: str) -> Classification | None:
    """``secret``, ``TOP SECRET``, ``top-secret``, ``C``, ``none`` -> a clearance.

    Raises ValueError with the accepted spellings.
    """
    key = text.strip().upper().replace("-", "_").replace(" ", "_")
    if key == "NONE":
        return None
    for level in Classification:
        if key in (level.name, level.short, level.label.replace(" ", "_")):
            return level
    if key in ("FOUO", "LOU"):
        return Classification.SBU
    names = ", ".join(c.name.lower().replace("_", "-") for c in Classification)
    raise ValueError(f"unknown clearance {text!r}: use none, {names}")


def clearance_name(level: Classification | None) -> str:
    return "none" if level is None else level.name.lower().replace("_", "-")


def normalise_marks(values: Iterable[str]) -> frozenset[str]:
    """Caveat names as stored: canonical upper case, ``ALL``/``*`` meaning every one."""
    out: set[str] = set()
    for value in values:
        for part in value.replace(",", " ").split():
            key = canonical_caveat(part)
            out.add(ALL if key in (ALL, "ALL") else key)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Reader:
    name: str | None  # None: anonymous
    clearance: Classification | None
    accesses: frozenset[str] = frozenset()  # NOFORN, NOCONTRACT, ORCON (or ALL)
    grants: frozenset[str] = frozenset()  # EXDIS, NODIS, LIMDIS, STADIS, ... (or ALL)

    @classmethod
    def public(
        cls,
        profile: str = PROFILE_ALL,
        accesses: Iterable[str] = (),
        grants: Iterable[str] = (),
    ) -> Reader:
        """The anonymous reader of a deployment: ``all``, ``none``, or a clearance name.

        ``all`` holds every access and grant; a clearance profile holds only those given.
        """
        if profile.strip().lower() == PROFILE_ALL:
            return cls(None, Classification.TOP_SECRET, frozenset({ALL}), frozenset({ALL}))
        return cls(None, parse_clearance(profile), normalise_marks(accesses),
                   normalise_marks(grants))

    @property
    def sees_everything(self) -> bool:
        return (
            self.clearance is Classification.TOP_SECRET
            and ALL in self.accesses
            and ALL in self.grants
        )

    def holds(self, caveat: str) -> bool:
        """May this reader read text carrying ``caveat`` (canonical, controlling)?"""
        if caveat in ACCESS_CAVEATS:
            return ALL in self.accesses or caveat in self.accesses
        return ALL in self.grants or caveat in self.grants

    def meets(self, need: Requirement) -> bool:
        if self.clearance is None or self.clearance < need.level:
            return False
        return all(self.holds(c) for c in need.caveats)
