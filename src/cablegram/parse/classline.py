"""The classification line: ``C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461``.

It gives the cable's level, the station and serial that make its id, and the section. What the
corpus shows, and what this reader therefore accepts:

- the level spelled out (``CONFIDENTIAL``, ``UNCLAS``, ``LIMITED OFFICIAL USE``) or spaced
  (``S E C R E T``), including spacing slips where a letter is doubled or lost
  (``CC O N F I D E N T I A L``, ``O N F I D E N T I A L``, ``E C R E T``), optionally followed by
  caveats (``SECRET//NOFORN``, ``SECRET NOFORN``, ``UNCLAS E F T O``);
- glued to what precedes it where a rendering lost the line breaks
  (``Cable dated:2006-01-30T13:38:00S E C R E T``) and to what follows the serial
  (``ANKARA 000331SIPDIS``);
- a spaced level alone on its line, with the section and station on the next line;
- ``SECTION 01 of 02``, station names of up to four words (``RIO DE JANEIRO``), serials of one
  to eight digits.

Where no class line exists (ACP-127 headers of cables whose text starts later, PlusD and PDF
pages), the level comes from ``banner_level``: a lone banner line or the ZNY security line.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from cablegram import ids
from cablegram.model import Classification, Section
from cablegram.parse import records
from cablegram.parse.markings import classification_of, unspace

_CAVEAT = r"(?:NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON|NOCONTRACT|EFTO|E F T O|SBU|REL TO [A-Z, ]+?)"
# Speed: a repeated group costs sre some thousand instructions to enter even where it matches
# nothing, at every upper-case letter the search tries, and a lookahead in it costs as much
# again at each letter of "C O N F I D E N T I A L". So the spaced level writes its first
# "letter, blank" out (a plain word fails there at once) and checks for a letter after its last
# one only (only the last can have one: each other is followed by a blank); the caveats are an
# alternation with an empty branch, whose first branch fails at once on anything but a blank,
# "/" or "-". Same matches as ``[A-Z]{1,2}(?: [A-Z](?![A-Za-z])){3,}`` and
# ``(?:(?://|[ /-])+CAVEAT(?![A-Za-z]))*``.
_SPACED_LEVEL = r"[A-Z][A-Z]? [A-Z](?: [A-Z]){2,}(?![A-Za-z])"
_CAVEATS = rf"[ /-]+{_CAVEAT}(?![A-Za-z])"
_LEVEL = (
    r"(?<![A-Za-z])(?P<level>"
    + _SPACED_LEVEL  # spaced, with the doubled-letter slips
    + r"|TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE"
    r"|SENSITIVE BUT UNCLASSIFIED"
    rf")(?P<caveats>{_CAVEATS}(?:{_CAVEATS})*|)"
)
_LINE_PATTERN = (
    _LEVEL + r"[ \t]*(?:\n[ \t]*)?"
    r"(?:S?EC?TI?ON[ \t]*(?P<part>\d{1,3})[ \t]+[Oo][Ff][ \t]+(?P<total>\d{1,3})[ \t]+)?"
    r"(?:\d{2}[ \t]+)?"  # a year before the station: "C O N F I D E N T I A L 75 LIBREVILLE 1895"
    r"(?P<station>(?!S?EC?TI?ON)[A-Z][A-Z'.\-]*(?:[ \t][A-Z][A-Z'.\-]*){0,3}?)"
    r"[ \t]+(?P<serial>\d{1,8})(?!\d|Z\b)"  # not a date-time group: "R 021439Z DEC 08"
)
_LINE = re.compile(_LINE_PATTERN)
# Some releases lower-cased whole cables ("S e c r e t state 135366"): tried only as a fallback.
_LINE_ANY_CASE = re.compile(_LINE_PATTERN, re.I)
# Fragments every spelling of a level contains (spaced, glued or with a letter doubled or lost);
# the lower-case set serves the releases that lower-cased whole cables.
_UPPER_KEYS = ("N F I D", "E C R E", "NCLAS", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL")
_LOWER_KEYS = ("n f i d", "e c r e", "nclas", "onfidential", "ecret", "imited official")
_KEY_SLACK = 6  # characters a level may have before its fragment: "CC O N F I D"
_PLAIN_LEVELS = frozenset(
    {
        "TOP SECRET",
        "SECRET",
        "CONFIDENTIAL",
        "UNCLASSIFIED",
        "UNCLAS",
        "LIMITED OFFICIAL USE",
        "SENSITIVE BUT UNCLASSIFIED",
    }
)
_SPACED_LEVELS = ("TOPSECRET", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS")
_BANNER = re.compile(
    r"^[ \t]*(?P<banner>TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE"
    r"|(?:[A-Z] ){3,}[A-Z])(?P<caveats>(?:(?://|[ /-])+" + _CAVEAT + r")*)"
    r"(?:[ \t]+[A-Z]{2,4}\d{3,6})?[ \t]*$",  # PDF pages: "CONFIDENTIAL     PTQ2529"
    re.M,
)
_CAPTION_SPAN = 1500
# "\bEO" written "E(?<!\wE)O": a branch opening with a letter lets sre skip ahead.
_CAPTIONS_END = re.compile(r"E\.[ \t]?O\.|E(?<!\wE)O[ \t]+\d|TAGS|SUBJECT")
# Any case: some posts write the caption as "Sensitive but Unclassified. Please handle ..."
_SENSITIVE = re.compile(r"(?<![A-Za-z])SENSITIVE(?![A-Za-z])", re.I)
_ZNY = re.compile(r"^ZN[YR][ \t]+(?P<code>[TSCEU])(?P=code){3,4}", re.M)
_ZNY_LEVELS = {
    "T": Classification.TOP_SECRET,
    "S": Classification.SECRET,
    "C": Classification.CONFIDENTIAL,
    "E": Classification.UNCLASSIFIED,  # EFTO: unclassified, encrypted for transmission
    "U": Classification.UNCLASSIFIED,
}


class ClassLine(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    level: Classification | None = None
    raw: str | None = None  # the marking as written: "C O N F I D E N T I A L", "UNCLAS"
    caveats: tuple[str, ...] = ()
    station: str | None = None  # canonical id form: RIODEJANEIRO, STATE
    serial: int | None = None
    section: Section | None = None


def classification_line(head: str) -> ClassLine:
    """The class line of ``head``; without one, only the level from ``banner_level``."""
    found = _class_line(head, _LINE, _UPPER_KEYS) or _class_line(head, _LINE_ANY_CASE, _LOWER_KEYS)
    if found is not None:
        return found
    level, raw = banner_level(head)
    if level is None or raw is None:
        return ClassLine()
    return ClassLine(level, raw, classification_of(unspace(raw))[1])


def _class_line(head: str, pattern: re.Pattern[str], keys: tuple[str, ...]) -> ClassLine | None:
    """The first match of ``pattern``, scanning from the first place a level word occurs.

    ``str.find`` skips the address block far faster than the regex, which would try its
    alternatives at every upper-case letter of the routing lines.
    """
    first = len(head)
    for key in keys:  # each later key need only be looked for before the earliest so far
        at = head.find(key, 0, first + len(key) - 1)
        if at >= 0:
            first = at
    if first == len(head):
        return None
    for m in pattern.finditer(head, max(first - _KEY_SLACK, 0)):
        written, caveats_written, part, total, station, serial = m.group(
            "level", "caveats", "part", "total", "station", "serial"
        )
        level, caveats = _meaning(written.upper(), caveats_written.upper())
        if level is None:
            continue  # spaced letters that are no level: "C O R R E C T E D  C O P Y 12"
        if level is Classification.UNCLASSIFIED and _sensitive(head, m.end()):
            level = Classification.SBU
        section = None if part is None else records.section(int(part), int(total))
        return ClassLine(
            level,
            (written + caveats_written).strip(),
            caveats,
            _station(station.upper()),
            int(serial),
            section,
        )
    return None


def _sensitive(head: str, start: int) -> bool:
    """Is ``SENSITIVE`` among the captions after the class line (before E.O., TAGS, SUBJECT)?

    ``UNCLAS`` with that caption is how posts marked SBU traffic: with this rule 1,139 of the
    1,154 cables WikiLeaks lists as UNCLASSIFIED//FOR OFFICIAL USE ONLY read as SBU, and 3 of
    the 875 it lists as UNCLASSIFIED.
    """
    block = head[start : start + _CAPTION_SPAN]
    end = _CAPTIONS_END.search(block)
    return _SENSITIVE.search(block, 0, end.start() if end else len(block)) is not None


def banner_level(head: str) -> tuple[Classification | None, str | None]:
    """Level and marking of the header when it has no class line.

    A lone banner line (PlusD and PDF pages repeat one at the top of each page) is preferred
    to the ZNY security line of the transmission header, because the banner is the marking a
    reader saw; ``ZNY SSSSS`` gives SECRET, ``CCCCC`` CONFIDENTIAL, ``EEEEE`` (EFTO) and
    ``UUUUU`` UNCLASSIFIED.
    """
    for m in _BANNER.finditer(head):
        level, _ = _meaning(m.group("banner"), m.group("caveats"))
        if level is not None:
            return level, (m.group("banner") + m.group("caveats")).strip()
    z = _ZNY.search(head)
    if z is not None:
        return _ZNY_LEVELS[z.group("code")], z.group(0)
    return None, None


@functools.lru_cache(maxsize=256)
def _meaning(level: str, caveats: str) -> tuple[Classification | None, tuple[str, ...]]:
    """Cached: a handful of spellings recur in every cable, and reading one costs microseconds."""
    if level not in _PLAIN_LEVELS:
        level = _respell(level.replace(" ", ""))
    return classification_of(level + unspace(caveats))


def _respell(letters: str) -> str:
    """A spaced level as a word, forgiving one doubled or lost first letter (``CCONFIDENTIAL``)."""
    for word in _SPACED_LEVELS:
        if letters == word or (abs(len(letters) - len(word)) == 1 and letters.endswith(word[1:])):
            return "TOP SECRET" if word == "TOPSECRET" else word
    return letters


@functools.lru_cache(maxsize=1024)  # a few hundred stations write every class line
def _station(written: str) -> str:
    name = " ".join(written.split())
    return ids.station(name) or name.replace(" ", "").upper()
