"""Prepare raw cable text for the field extractors.

Extractors see text with the rendering noise of each source taken out (Windows line ends,
WikiLeaks' pilcrow anchors, PDF page headers inside the body), split at the point where the
header block ends and the numbered paragraphs begin. The raw text itself is never changed:
it lives on unchanged in ``Cable.raw``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTIAL_NOTE = "This record is a partial extract of the original cable"

# "PAGE 02 ROME 01196 01 OF 02 082030Z" and "PAGE 02        HARARE  05461  01 OF 02  271458Z",
# PlusD's bare "PAGE 01   STATE  097844", and the repeated section header of long cables
# ("ROME 00001196 002 OF 004").
_PAGE_HEADER = re.compile(
    r"^[ \t]*(?:PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?"
    r"(?:[ \t]+\d{6}Z)?"
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
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}[ \t]+\d{6}Z[ \t]*"
)
_PILCROW = re.compile("(?m)^[ \t]*[\u00b6\ufffd][ \t]*")
# Pages saved as Markdown keep their links as ``[PREL](#)`` (tag links) and ``[1](#)``
# (the paragraph permalink glyph at the start of a paragraph).
_MD_PERMALINK = re.compile(r"(?m)^[ \t]*\[(?:\d+|\u00b6)\]\([^)\s]*\)[ \t]*")
_MD_LINK = re.compile(r"\[([^\]\n]{1,80})\]\((?:#|[^)\s]*)\)")
_FIRST_PARAGRAPH = re.compile(r"(?m)^[ \t]*1[.)][ \t]")


@dataclass(frozen=True, slots=True)
class Prepared:
    text: str  # normalised full text
    head: str  # header block: everything before the first numbered paragraph
    body: str  # from the first numbered paragraph on
    body_line: int  # 1-based line of ``body`` within ``text``
    partial: bool


def normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00b6" in text or "\ufffd" in text:
        text = _PILCROW.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_PERMALINK.sub("", text))
    if "PAGE" in text:
        text = _BANNER_BEFORE_PAGE.sub("\n", text)
        text = _PAGE_HEADER.sub("", text)
        text = _GLUED_PAGE.sub(" ", text)
    return text


def prepare(raw: str) -> Prepared:
    text = normalise(raw)
    partial = PARTIAL_NOTE in text
    m = _FIRST_PARAGRAPH.search(text)
    if m is None:
        return Prepared(text, text, "", text.count("\n") + 1, partial)
    cut = m.start()
    return Prepared(text, text[:cut], text[cut:], text.count("\n", 0, cut) + 1, partial)
