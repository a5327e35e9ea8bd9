"""The SUBJECT line, which may wrap over several lines.

The label is ``SUBJECT:`` in nearly every cable, ``Subject:`` in lower-cased ones, ``SUBJ:``
in older ones. The subject ends at the first of: a blank line, a REF or ``Classified By``
line, a numbered paragraph, a summary heading, the repeated section header of long cables
(``ROME 00000878 001.2 OF 003``), a handling phrase (``SENSITIVE BUT UNCLASSIFIED``), or
after ``_MAX_LINES`` lines. Where a rendering lost the line breaks these follow on the same
line (``VISIT TO EGYPTREF: CAIRO 493``), so they are cut there too.

The result has its leading portion mark (``(C)``, ``(SBU)``) removed, trailing backslashes of
the MySQL-escaped pages dropped, and whitespace collapsed; the raw text keeps them all.
"""

from __future__ import annotations

import re

from cablegram import ids

# A literal "S" first lets the engine skip ahead; the letter before it is checked in ``subject``.
_LABEL = re.compile(r"S(?:UBJECT|UBJ|ubject|ubj)[ \t]*:[ \t]*")
_END_LINE = re.compile(
    r"[ \t\\]*(?:$"
    r"|(?:REFS?|Refs?|REFTEL|Reftel|REFERENCE|Ref)\b"
    r"|(?:\(\w+\)[ \t]*)?(?:CLASSIFIED|Classified|classified)[ \t]+(?:BY|By|by)\b"
    r"|\d{1,2}[.)]"
    r"|(?:BEGIN[ \t]+)?(?:SUMMARY|Summary)\b"
    r"|-{3,}"
    r"|PAGE[ \t]+\d"
    r"|[A-Z][A-Z .]*[ \t]\d{8}[ \t]+\d{3}"
    r"|(?i:SENSITIVE BUT UNCLASSIFIED|THIS CABLE IS)"
    r")"
)
_CUT = re.compile(
    r"(?:REFS?|Refs?|REFTEL)[ \t]*:"
    r"|\b(?:CLASSIFIED|Classified)[ \t]+(?:BY|By)\b"
    r"|(?i:SENSITIVE BUT UNCLASSIFIED)"
    r"|[ \t]+(?:Summary|SUMMARY)[ \t]*(?:and[ \t]+\w+[ \t]*)?-{3,}(?:[ \t]|$)"
)
# The section header of a long cable glued to the subject: "... U.S. WATERS TRIPOLI 00000310
# 001.2 OF 004". The station before the number is found with ``ids.station``.
_PAGE_NUMBER = re.compile(r"[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}")
_MAX_STATION_WORDS = 3
_MARK = re.compile(r"^\((?:U|C|S|TS|SBU|LOU|FOUO|[CSU][/-][A-Z]+|S//NF|C//NF)\)[ \t]*", re.I)
# Embassy Tripoli's 2008-09 subjects carry their own index: "TRIPOLI 00000686 R UN 02-SEP-08
# LIBYA FURTHER PRIVATIZES FUEL DISTRIBUTION [7982233]".
_INDEX_PREFIX = re.compile(r"^[A-Z][A-Z ]* \d{8} [A-Z] [A-Z]{2} \d{2}-[A-Z]{3}-\d{2} ")
_INDEX_SUFFIX = re.compile(r" \[\d{5,}\]$")
_MAX_LINES = 5


def subject(head: str) -> str | None:
    """The subject of the cable, or None when ``head`` has no SUBJECT line."""
    m = next((m for m in _LABEL.finditer(head) if not _after_letter(head, m.start())), None)
    if m is None:
        return None
    lines = head[m.end() :].split("\n", _MAX_LINES)[:_MAX_LINES]
    parts = [lines[0]]
    for line in lines[1:]:
        if _END_LINE.match(line):
            break
        parts.append(line)
    text = " ".join(p.rstrip(" \t\\") for p in parts)
    cut = _CUT.search(text)
    if cut is not None:
        text = text[: cut.start()]
    page = _PAGE_NUMBER.search(text)
    if page is not None:
        text = _before_station(text[: page.start()])
    text = " ".join(text.split()).lstrip(":; ")
    text = _MARK.sub("", text)
    if text[:1].isupper() and text[:1] != "(":
        text = _INDEX_SUFFIX.sub("", _INDEX_PREFIX.sub("", text))
    return text or None


def _after_letter(text: str, at: int) -> bool:
    return at > 0 and text[at - 1].isalpha()


def _before_station(text: str) -> str:
    """``text`` without the station name it ends with (the last word when none is known)."""
    words = text.split()
    for n in range(min(_MAX_STATION_WORDS, len(words)), 0, -1):
        if ids.station(" ".join(words[-n:])) is not None:
            return " ".join(words[:-n])
    return " ".join(words[:-1])
