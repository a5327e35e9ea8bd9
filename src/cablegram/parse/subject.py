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
    m = _label(head)
    if m is None:
        return None
    text = _wrapped(head, m.end())
    if _may_cut(text):
        cut = _CUT.search(text)
        if cut is not None:
            text = text[: cut.start()]
    page = _PAGE_NUMBER.search(text) if "OF" in text else None
    if page is not None:
        text = _before_station(text[: page.start()])
    text = " ".join(text.split()).lstrip(":; ")
    if text[:1] == "(":
        text = _MARK.sub("", text)
    if text[:1].isupper():
        prefix = _INDEX_PREFIX.match(text) if "-" in text else None  # it holds a date: "-SEP-"
        if prefix is not None:
            text = text[prefix.end() :]
        if text.endswith("]"):
            text = _INDEX_SUFFIX.sub("", text)
    return text or None


def _label(head: str) -> re.Match[str] | None:
    """The first SUBJECT label that does not end a word; found by ``str.find`` (a regex
    opening with "S" would stop at every S of the routing block)."""
    pos = 0
    while True:  # "Subj" is looked for only before the first "SUBJ": most heads have none
        upper = head.find("SUBJ", pos)
        mixed = head.find("Subj", pos, len(head) if upper < 0 else upper + 3)
        at = upper if mixed < 0 or 0 <= upper < mixed else mixed
        if at < 0:
            return None
        if not _after_letter(head, at):
            m = _LABEL.match(head, at)
            if m is not None:
                return m
        pos = at + 1


def _wrapped(head: str, start: int) -> str:
    """The subject's line from ``start`` and the lines it wraps onto (up to ``_MAX_LINES`` in
    all), joined; a line is sliced off the head only when it is read."""
    end = head.find("\n", start)
    if end < 0:
        return head[start:].rstrip(" \t\\")
    parts = [head[start:end].rstrip(" \t\\")]
    for _ in range(_MAX_LINES - 1):
        start = end + 1
        end = head.find("\n", start)
        line = head[start:] if end < 0 else head[start:end]
        if _END_LINE.match(line):
            break
        parts.append(line.rstrip(" \t\\"))
        if end < 0:
            break
    return parts[0] if len(parts) == 1 else " ".join(parts)


def _may_cut(text: str) -> bool:
    """Does ``text`` hold a word ``_CUT`` looks for? Most subjects do not."""
    low = text.lower()
    return "ref" in low or "classified" in low or "sensitive" in low or "summary" in low


def _after_letter(text: str, at: int) -> bool:
    return at > 0 and text[at - 1].isalpha()


def _before_station(text: str) -> str:
    """``text`` without the station name it ends with (the last word when none is known)."""
    words = text.split()
    for n in range(min(_MAX_STATION_WORDS, len(words)), 0, -1):
        if ids.station(" ".join(words[-n:])) is not None:
            return " ".join(words[:-n])
    return " ".join(words[:-1])
