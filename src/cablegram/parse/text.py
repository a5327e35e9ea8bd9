"""Prepare raw cable text for the field extractors.

Extractors see text with the rendering noise of each source taken out (Windows line ends,
WikiLeaks' pilcrow anchors, PDF page headers inside the body), split at the point where the
header block ends and the numbered paragraphs begin. The raw text itself is never changed:
it lives on unchanged in ``Cable.raw``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PARTIAL_NOTE = "This record is a partial extract of the original cable"

# "PAGE 02 ROME 01196 01 OF 02 082030Z" and "PAGE 02        HARARE  05461  01 OF 02  271458Z",
# PlusD's bare "PAGE 01   STATE  097844", and the repeated section header of long cables
# ("ROME 00001196 002 OF 004").
_PAGE_HEADER = re.compile(
    r"^[ \t]*(?:PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}"
    r"(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?"
    r"|[A-Z][A-Z ]*?[ \t]\d{8}[ \t]+\d{3}[ \t]+OF[ \t]+\d{3})[ \t]*$",
    re.M,
)
# A classification banner glued to the end of a line just before a page header
# ("... THEY REALIZE  CONFIDENTIAL" then "PAGE 03 ...").
_BANNER_BEFORE_PAGE = re.compile(
    r"[ \t]+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*\n(?=PAGE[ \t]+\d)"
)
_GLUED_PAGE = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)?[ \t]*\n?"
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}"
    r"[ \t]+\d{6}Z[ \t]*"
)
# The repeated header of each later page of a long cable, on a line of its own, with the
# sub-version some posts add ("ROME 00001196 002 OF 004", "NEW DELHI 00009127 001.2 OF 006"):
# found from its "OF 0" (a str.find), then matched from the start of that line.
_SECTION_HEADER = re.compile(
    r"[ \t]*[A-Z][A-Z ]*?[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t\\]*(?=\n|$)"
)
_PILCROW = re.compile("(?m)^[ \t]*[\u00b6\ufffd][ \t]*")
# Pages saved as Markdown keep their links as ``[PREL](#)`` (tag links) and ``[1](#)``
# (the paragraph permalink glyph at the start of a paragraph).
_MD_PERMALINK = re.compile(r"(?m)^[ \t]*\[(?:\d+|\u00b6)\]\([^)\s]*\)[ \t]*")
_MD_LINK = re.compile(r"\[([^\]\n]{1,80})\]\((?:#|[^)\s]*)\)")
# A literal newline first: sre then skips ahead with a fast search instead of trying a
# ``(?m)^`` anchor at every character.
_FIRST_PARAGRAPH = re.compile(r"\n[ \t]*1[.)][ \t]")
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
        text = _PILCROW.sub("", text)
    if "]" in text and "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_PERMALINK.sub("", text))
    if "PAGE" in text:
        text = _BANNER_BEFORE_PAGE.sub("\n", text)
        text = _PAGE_HEADER.sub("", text)
        text = _GLUED_PAGE.sub(" ", text)
    return text


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
