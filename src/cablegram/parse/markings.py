"""Classification markings: whole-cable banners and paragraph portion marks.

Both spellings appear in every source: spaced banners (``S E C R E T``), abbreviations
(``UNCLAS``), slashes and hyphens between level and caveat (``S//NF``, ``SBU-N``). One table
here means the class line, the metadata column and the portion marks all agree.
"""

from __future__ import annotations

import re

from cablegram.model import Classification

_LEVEL_WORDS: tuple[tuple[str, Classification], ...] = (
    ("TOP SECRET", Classification.TOP_SECRET),
    ("SECRET", Classification.SECRET),
    ("CONFIDENTIAL", Classification.CONFIDENTIAL),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", Classification.SBU),
    ("UNCLASSIFIED/FOR OFFICIAL USE ONLY", Classification.SBU),
    ("UNCLASSIFIED FOR OFFICIAL USE ONLY", Classification.SBU),
    ("SENSITIVE BUT UNCLASSIFIED", Classification.SBU),
    ("LIMITED OFFICIAL USE", Classification.SBU),
    ("FOR OFFICIAL USE ONLY", Classification.SBU),
    ("UNCLASSIFIED", Classification.UNCLASSIFIED),
    ("UNCLAS", Classification.UNCLASSIFIED),
)

# A whole-cable banner word as it opens a line: page-break banners and trailers in the body.
BANNER_WORDS = (
    r"(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|"
    r"SENSITIVE BUT UNCLASSIFIED|C O N F I D E N T I A L|S E C R E T|"
    r"U N C L A S S I F I E D)"
)

_CAVEAT_WORDS = ("NOFORN", "NODIS", "EXDIS", "STADIS", "LIMDIS", "NOCONTRACT", "ORCON", "REL")

_CAVEAT_PATTERNS = tuple((c, re.compile(rf"\b{c}\b")) for c in _CAVEAT_WORDS)

_SPACED = re.compile(r"\b(?:[A-Z] ){3,}[A-Z]\b")


def unspace(text: str) -> str:
    """``S E C R E T`` -> ``SECRET``; leaves ordinary words alone."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def classification_of(text: str) -> tuple[Classification | None, tuple[str, ...]]:
    """Level and caveats of a banner or metadata value: ``SECRET//NOFORN``, ``UNCLAS EFTO``."""
    words = unspace(text.upper()).strip()
    level: Classification | None = None
    for word, value in _LEVEL_WORDS:
        if words.startswith(word):
            level = value
            break
    if level is None:
        return None, ()
    if level is Classification.UNCLASSIFIED and "SBU" in words.split():
        level = Classification.SBU
    caveats = tuple(c for c, word in _CAVEAT_PATTERNS if c in words and word.search(words))
    return level, caveats


_PORTION_LEVELS: dict[str, Classification] = {
    "U": Classification.UNCLASSIFIED,
    "UNCLAS": Classification.UNCLASSIFIED,
    "SBU": Classification.SBU,
    "FOUO": Classification.SBU,
    "LOU": Classification.SBU,
    "C": Classification.CONFIDENTIAL,
    "S": Classification.SECRET,
    "TS": Classification.TOP_SECRET,
}
_PORTION_CAVEATS: dict[str, str] = {
    "NF": "NOFORN",
    "N": "NOFORN",
    "NOFORN": "NOFORN",
    "REL": "REL",
    "OC": "ORCON",
    "ORCON": "ORCON",
    "EXDIS": "EXDIS",
    "NODIS": "NODIS",
}
_PORTION_SPLIT = re.compile(r"[\s/\\\-,]+")


def portion_mark(mark: str) -> tuple[Classification | None, tuple[str, ...]]:
    """Meaning of a paragraph mark written inside parentheses: ``C``, ``S//NF``, ``SBU-N``.

    Malformed marks (``C0``, `` C ``) are read by their letters where that is unambiguous;
    anything else yields ``None`` so the caller can report it.
    """
    parts = [p for p in _PORTION_SPLIT.split(mark.strip().upper()) if p]
    if not parts:
        return None, ()
    head = parts[0]
    level = _PORTION_LEVELS.get(head)
    if level is None and head.endswith("0"):
        level = _PORTION_LEVELS.get(head[:-1])  # "(C0" typed for "(C)"
    if level is None:
        return None, ()
    caveats = tuple(dict.fromkeys(_PORTION_CAVEATS[p] for p in parts[1:] if p in _PORTION_CAVEATS))
    return level, caveats
