"""Prepare raw cable text for the field extractors.

Extractors see text with the rendering noise of each source taken out (Windows line ends,
WikiLeaks' pilcrow anchors, PDF page headers inside the body), split at the point where the
header block ends and the numbered paragraphs begin. The raw text itself is never changed:
it lives on unchanged in ``Cable.raw``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cablegram.parse.pages import without_page_headers

PARTIAL_NOTE = "This record is a partial extract of the original cable"

# The repeated header of each later page of a long cable, on a line of its own, with the
# sub-version some posts add ("ROME 00001196 002 OF 004", "NEW DELHI 00009127 001.2 OF 006"):
# found from its "OF 0" (a str.find), then matched from the start of that line.
_SECTION_HEADER = re.compile(
    r"[ \t]*[A-Z][A-Z ]*?[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t\\]*(?=\n|$)"
)
# Rules for line starts are written with a literal line break first (sre then skips ahead with
# a fast search instead of trying a ``(?m)^`` anchor at every character), the first line
# apart; ``_at_line_starts`` applies such a pair.
_PILCROW = "[ \t]*[\u00b6\ufffd][ \t]*"
_PILCROWS = (re.compile(_PILCROW), re.compile("\n" + _PILCROW))
# Pages saved as Markdown keep their links as ``[PREL](#)`` (tag links) and ``[1](#)``
# (the paragraph permalink glyph at the start of a paragraph).
_MD_PERMALINK = r"[ \t]*\[(?:\d+|\u00b6)\]\([^)\s]*\)[ \t]*"
_MD_PERMALINKS = (re.compile(_MD_PERMALINK), re.compile(r"\n" + _MD_PERMALINK))
_MD_LINK = re.compile(r"\[([^\]\n]{1,80})\]\((?:#|[^)\s]*)\)")
_FIRST_PARAGRAPH = re.compile(r"\n[ \t]*1[.)][ \t]")
# Is there a "PAGE" (the page-header rules need one)? sre's search for a literal runs about
# half again as fast as ``str.find``, whose skip loop mispredicts on upper-case text.
_PAGE = re.compile("PAGE")
_FIRST_PARAGRAPH_AT_START = re.compile(r"[ \t]*1[.)][ \t]")


class Prepared(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    text: str  # normalised full text
    head: str  # header block: everything before the first numbered paragraph
    body: str  # from the first numbered paragraph on
    body_line: int  # 1-based line of ``body`` within ``text``
    partial: bool


def normalise(raw: str) -> str:
    """Each rewrite runs only where a cheap substring test says it can apply: most texts need
    none of them, and a regex pass costs several microseconds on a typical cable."""
    text = raw
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and ("\u00b6" in text or "\ufffd" in text):
        text = _at_line_starts(_PILCROWS, text)
    if "]" in text and "](" in text:
        text = _MD_LINK.sub(r"\1", _at_line_starts(_MD_PERMALINKS, text))
    if _PAGE.search(text) is not None:
        text = without_page_headers(text)
    return text


def _at_line_starts(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> str:
    """``text`` without what the pair (first line, later lines) matches at line starts."""
    first = patterns[0].match(text)
    if first is not None:
        text = text[first.end() :]
    return patterns[1].sub("\n", text)


def _without_section_headers(text: str) -> str:
    """``text`` with each later page's header line emptied (its line break stays, so that line
    numbers still count the lines of the raw text)."""
    parts: list[str] = []
    done = 0
    at = text.find("OF 0")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        m = _SECTION_HEADER.match(text, start) if start >= done else None
        if m is not None:
            parts.append(text[done:start])
            done = m.end()
        at = text.find("OF 0", at + 4)
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _first_paragraph(text: str) -> int:
    """Start of the line that opens paragraph 1, or -1."""
    if _FIRST_PARAGRAPH_AT_START.match(text):
        return 0
    m = _FIRST_PARAGRAPH.search(text)
    return -1 if m is None else m.start() + 1


def prepare(raw: str) -> Prepared:
    text = normalise(raw)
    cut = _first_paragraph(text)
    head, body = (text, "") if cut < 0 else (text[:cut], text[cut:])
    partial = PARTIAL_NOTE in head  # the note heads the page, above the cable's text
    if "OF 0" in head:
        cleaned = _without_section_headers(head)
        if cleaned is not head:
            head, text = cleaned, cleaned + body
    return Prepared(text, head, body, head.count("\n") + 1, partial)
