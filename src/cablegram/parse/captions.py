"""Captions and caveats of the header: SIPDIS, NOFORN, EXDIS, NODIS, ...

Captions stand on their own lines between the class line and the E.O. line (``SIPDIS``,
``NOFORN, SIPDIS, FOR DCMS AND ALL CABLE DRAFTERS``), or, where a rendering lost the line
breaks, on the class line itself, glued to the serial (``ANKARA 003352SIPDISSIPDISNOFORNE.O.``).
The same words also occur where they are no caption of this cable, in REF lines about other
cables (``REF: ANKARA 1561 (EXDIS)``) and in paragraph marks (``(S/REL TO UK)``); so only the
caption block is read (from the first caption to the E.O., TAGS or SUBJECT line), and only
words that start a line or follow the serial.

``SENSITIVE`` and the handling phrase "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT
ACCORDINGLY" are not returned: they mark the level (SBU), not who may read the cable, and
``classline`` reads them as such.

``CAVEAT_ORDER`` puts the most restrictive first. The State distribution captions narrow the
readership to named people or offices: NODIS (no distribution beyond the addressees), EXDIS
(exclusive distribution to named officers), LIMDIS (limited distribution), STADIS (State
Department only). Then the control markings, in the order of the US classification-marking
register: ORCON (further dissemination only with the originator's consent), NOFORN (no foreign
nationals), NOCONTRACT (no contractors), REL (releasable to the named partners). Last SIPDIS,
which only says the cable was posted to the classified inter-agency network, widening its
readership.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CAVEAT_ORDER: tuple[str, ...] = (
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "ORCON",
    "NOFORN",
    "NOCONTRACT",
    "REL",
    "SIPDIS",
)
_RANK = {c: i for i, c in enumerate(CAVEAT_ORDER)}

_WORD = r"(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|NOCONTRACT|ORCON)"
# Not after a letter or "(": "(EXDIS)" notes a cited cable, "WORDSIPDIS" is no caption.
# No boundary after: glued text runs captions into each other and into the next word
# ("003352SIPDISSIPDISNOFORNE.O.", "SIPDISDEPT FOR").
# Speed: the check of the character before the run is made after each word's first letter
# (where it reads the same character), so that a run starts with a letter that sre can look
# for, instead of a lookbehind and a repeat tried at every character of the block.
_RUN = re.compile(
    "(?:"
    + "|".join(f"{w[0]}(?<![A-Za-z(]{w[0]}){w[1:]}" for w in _WORD[3:-1].split("|"))
    + rf"){_WORD}*"
)
_RUN_ANY_CASE = re.compile(_RUN.pattern, re.I)
_CAPTION = re.compile(_WORD)
_COMMON_KEYS = ("SIPDIS", "NOFORN")
_RARE_KEYS = ("NODIS", "EXDIS", "LIMDIS", "STADIS", "NOCONTRACT", "ORCON")
_LOWER_KEYS = ("sipdis", "Sipdis", "noforn", "Noforn")
_LOOKBACK = 400  # how far before the first common caption a rare one may stand
_END = re.compile(r"E\.[ \t]?O\.|E\.?O[ \t]+\d|TAGS?[ \t]*:|SUBJECT|SUBJ:|Subject:|E\.o\.")
_SPAN = 3000  # a caption block longer than this is a distribution list, not captions


def captions(head: str) -> tuple[str, ...]:
    """Caveats named in the caption block of ``head``, most restrictive first."""
    (start, sure), pattern = _block_start(head), _RUN
    if start < 0:
        start = sure = _first(head, _LOWER_KEYS, 0, len(head))
        pattern = _RUN_ANY_CASE
        if start < 0:
            return ()
    end = _END.search(head, sure, sure + _SPAN)
    block_end = end.start() if end is not None else sure + _SPAN
    words: list[str] = []
    for m in pattern.finditer(head, start, block_end):
        run = m.group(0).upper()
        if run in _RANK:  # one caption, the usual case
            words.append(run)
        else:
            words.extend(_CAPTION.findall(run))
    return _ordered(dict.fromkeys(words))  # upper case already


def order_caveats(caveats: Iterable[str]) -> tuple[str, ...]:
    """``caveats`` de-duplicated, most restrictive first; unknown ones last, in given order."""
    return _ordered(dict.fromkeys([c.upper() for c in caveats]))


def _ordered(unique: dict[str, None]) -> tuple[str, ...]:
    if len(unique) < 2:
        return tuple(unique)
    return tuple(sorted(unique, key=_rank))


def _rank(caveat: str) -> int:
    return _RANK.get(caveat, len(CAVEAT_ORDER))


def _block_start(head: str) -> tuple[int, int]:
    """Where the first caption may stand and where a caption surely stands; -1 for neither.

    Nearly every caption block holds SIPDIS or NOFORN; a rare caption is looked for only
    in the few lines before it (or everywhere when neither occurs). Cheap substring tests
    decide whether those lines need the regex at all: it costs some 30 ns a character on
    upper-case text.
    """
    common = _first(head, _COMMON_KEYS, 0, len(head))
    if common < 0:
        rare = _first(head, _RARE_KEYS, 0, len(head))
        return rare, rare
    lo = max(common - _LOOKBACK, 0)
    before = head[lo:common]
    if "DIS" in before or "ORCON" in before or "NOCONTRACT" in before:
        return lo, common
    return common, common


def _first(text: str, keys: tuple[str, ...], start: int, end: int) -> int:
    """Where the first of ``keys`` occurs in ``text[start:end]``, or -1."""
    first = -1
    for key in keys:  # each later key need only be looked for before the earliest so far
        at = text.find(key, start, end if first < 0 else first + len(key) - 1)
        if at >= 0:
            first = at
    return first
