"""Page headers of cables printed to PDF (and the repeated header of long cables' pages).

Text extracted from the PDF releases carries each page's header: ``PAGE 02 ROME 01196 01 OF
02 082030Z`` on a line of its own, or glued into a line where the extraction lost the break,
often after a classification banner at the foot of the page before (``... THEY REALIZE
CONFIDENTIAL`` then ``PAGE 03 ...``). ``without_page_headers`` takes them out; each rule here
is the one the field extractors were written against:

- a banner at the end of the line just above a page header goes, with the blanks before it;
- a header alone on its line (``PAGE 01   STATE  097844``, ``ROME 00001196 002 OF 004``) is
  emptied, its line break kept, so that line numbers still count the lines of the raw text;
- a header glued into a line, with the banner, blanks and line break before it, becomes one
  blank.

Speed: written as ``re.sub`` over the whole text these rules start a match attempt at nearly
every character (the banner and the blanks before ``PAGE`` are optional), some 14 million
instructions for one 30 KB PDF text. Here each is anchored on a literal (``PAGE`` or a line
break) and what may stand before it is walked back in Python; ``tests/parse/test_text.py``
checks the result against the plain ``re.sub`` forms.
"""

from __future__ import annotations

import re

_BANNERS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL USE")
_BLANKS = " \t"
_PAGE_NEXT = re.compile(r"\n(?=PAGE[ \t]+\d)")
# "PAGE 02 ROME 01196 01 OF 02 082030Z" and "PAGE 02        HARARE  05461  01 OF 02  271458Z",
# PlusD's bare "PAGE 01   STATE  097844", and the repeated section header of long cables
# ("ROME 00001196 002 OF 004"), each alone on its line.
_HEADER = (
    r"[ \t]*(?:PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}"
    r"(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?"
    r"|[A-Z][A-Z ]*?[ \t]\d{8}[ \t]+\d{3}[ \t]+OF[ \t]+\d{3})[ \t]*(?=\n|\Z)"
)
_HEADER_LINE = re.compile(r"\n" + _HEADER)
_HEADER_FIRST_LINE = re.compile(_HEADER)
_GLUED = re.compile(
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}"
    r"[ \t]+\d{6}Z[ \t]*"
)


def without_page_headers(text: str) -> str:
    """``text`` with its PDF page headers taken out (see the module docstring)."""
    text = _without_banners_before_pages(text)
    text = _without_header_lines(text)
    return _without_glued_headers(text)


def _banner_before(text: str, end: int, floor: int) -> int:
    """Start of the banner word ending at ``end`` (not before ``floor``), or -1."""
    for word in _BANNERS:
        start = end - len(word)
        if start >= floor and text.startswith(word, start, end):
            return start
    return -1


def _blanks_before(text: str, end: int, floor: int) -> int:
    """Start of the run of blanks ending at ``end``, not before ``floor``."""
    while end > floor and text[end - 1] in _BLANKS:
        end -= 1
    return end


def _without_banners_before_pages(text: str) -> str:
    """``[ \\t]+BANNER[ \\t]*\\n`` before ``PAGE nn`` becomes the line break alone."""
    parts: list[str] = []
    done = 0
    for m in _PAGE_NEXT.finditer(text):
        newline = m.start()
        banner = _banner_before(text, _blanks_before(text, newline, 0), 0)
        if banner < 0:
            continue
        start = max(_blanks_before(text, banner, 0), done)
        if start >= banner:  # the banner needs a blank before it
            continue
        parts.append(text[done:start])
        parts.append("\n")
        done = newline + 1
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _without_header_lines(text: str) -> str:
    """Each header alone on its line is emptied; the line break stays."""
    first = _HEADER_FIRST_LINE.match(text)
    if first is not None:
        text = text[first.end() :]
    return _HEADER_LINE.sub("\n", text)


def _without_glued_headers(text: str) -> str:
    """``BANNER? [ \\t]* \\n? PAGE ... nnnnnnZ`` anywhere becomes one blank."""
    parts: list[str] = []
    done = 0
    for m in _GLUED.finditer(text):
        start = m.start()
        if start > done and text[start - 1] == "\n":
            start -= 1
        start = _blanks_before(text, start, done)
        banner = _banner_before(text, start, done)
        parts.append(text[done : banner if banner >= 0 else start])
        parts.append(" ")
        done = m.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)
