"""Patterns rewritten for speed match what their plain forms match.

Several patterns are written the long way round so that sre can skip ahead or avoid entering a
repeat (see the comments beside them): an optional group as ``(?:X|)``, a lookbehind moved
after a first letter, a repeated group with its first turn written out. The plain forms below
are the patterns as first written; on random mixtures of the tokens cable headers and bodies
are made of (all invented), the two must find the same matches with the same groups.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parse import captions, classline, envelope, layout

_CAVEAT = r"(?:NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON|NOCONTRACT|EFTO|E F T O|SBU|REL TO [A-Z, ]+?)"
_PLAIN_LEVEL = (
    r"(?<![A-Za-z])(?P<level>(?:[A-Z]{1,2}(?: [A-Z](?![A-Za-z])){3,})"
    r"|TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE"
    rf"|SENSITIVE BUT UNCLASSIFIED)(?P<caveats>(?:(?://|[ /-])+{_CAVEAT}(?![A-Za-z]))*)"
)
_CAPTION_WORD = r"(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|NOCONTRACT|ORCON)"
_PLAIN = {
    "class line": (
        re.compile(_PLAIN_LEVEL + classline._LINE_PATTERN[len(classline._LEVEL) :]),
        classline._LINE,
    ),
    "class line, any case": (
        re.compile(_PLAIN_LEVEL + classline._LINE_PATTERN[len(classline._LEVEL) :], re.I),
        classline._LINE_ANY_CASE,
    ),
    "captions end": (
        re.compile(r"E\.[ \t]?O\.|\bEO[ \t]+\d|TAGS|SUBJECT"),
        classline._CAPTIONS_END,
    ),
    "caption run": (re.compile(rf"(?<![A-Za-z(]){_CAPTION_WORD}+"), captions._RUN),
    "caption run, any case": (
        re.compile(rf"(?<![A-Za-z(]){_CAPTION_WORD}+", re.I),
        captions._RUN_ANY_CASE,
    ),
    "date-time group": (
        re.compile(
            r"\n[ \t]*(?:([ZOPR])(?:[ \t]+([ZOPR]))?[ \t]+)?(\d{2})(\d{2})(\d{2})[ \t]*Z[ \t]+"
            r"(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[ \t]+(\d{4}|\d{2})\b[^\n]*"
        ),
        envelope._DTG,
    ),
    "addressee line": (
        re.compile(
            r"\n[ \t]*(?:(TO|INFO|XMT)(?:[ \t]+|(?=\n|R[A-Z]{3,7}/|ZEN/)|$))?"
            r"(?:(R[A-Z]{3,7}|ZEN)/)?([^\n]*)"
        ),
        envelope._LINE,
    ),
}
_PLAIN_BODY_LINE = re.compile(
    r"\n[ \t]*(?:(\d{1,3})[.)](?=[ \t(])([ \t]*)(?:" + layout._MARK + r")?[ \t]*"
    r"|((?:SIPDIS|CONFIDENTIAL|SECRET|UNCLAS|TOP SECRET|"
    r"LIMITED OFFICIAL USE|SENSITIVE BUT|C O N|S E C|U N C)[^\n]{0,40})(?=\n|$))"
)

_TOKENS = [
    "\n", "\n", " ", "  ", "\t", "/", "//", "-", "(", ")", ".", ":", ",", "1", "12", "3.", "0",
    "\n4. ", "\n 123) ", "\n1234. ", "\n\t2) (C) ", "\n\tSECRET",
    "C", "S", "U", "X", "a", "Z", "O", "P", "R", "E", "SBU", "NF", "(C)", "(S//NF)", "(a)",
    "SECRET", "CONFIDENTIAL", "UNCLAS", "UNCLASSIFIED", "TOP SECRET", "LIMITED OFFICIAL USE",
    "SENSITIVE BUT UNCLASSIFIED", "C O N F I D E N T I A L", "S E C R E T", "CC O N F I D",
    "E F T O", "REL TO UK, AUS", "NOFORN", "SIPDIS", "EXDIS", "NODIS", "ORCON", "NOCONTRACT",
    "LIMDIS", "STADIS", "Sipdis", "noforn", "SECTION", "01", "OF", "02", "VALLETTA", "000123",
    "RIO DE JANEIRO", "75", "021439Z", "DEC", "08", "2009", "TO", "INFO", "XMT", "RUEHC/",
    "RUEHXX", "ZEN/", "AMEMBASSY VALLETTA", "IMMEDIATE", "4321", "EO", "E.O.", "E. O.", "TAGS",
    "SUBJECT", "Invented words", "wordSIPDIS",
]  # fmt: skip
_texts = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)
_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _found(pattern: re.Pattern[str], text: str) -> _Found:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_header_patterns_match_their_plain_forms(text: str) -> None:
    for name, (plain, fast) in _PLAIN.items():
        assert _found(fast, text) == _found(plain, text), name
        assert _found(fast, text.lower()) == _found(plain, text.lower()), name


def _body_lines(pattern: re.Pattern[str], text: str, fast: bool) -> list[tuple[object, ...]]:
    """(span, number, blanks span, mark, bare mark, noise start) of each line the pattern finds."""
    out: list[tuple[object, ...]] = []
    for m in pattern.finditer(text):
        if fast:
            blanks = m.span(1)
            number = int(text[m.start() + 1 : blanks[0] - 1]) if blanks[0] >= 0 else None
            mark, bare = m.group(2, 3)
            noise = m.end() - len(m.group().lstrip()) if number is None else None
        else:
            blanks = m.span(2)
            number = int(m.group(1)) if m.group(1) is not None else None
            mark, bare = m.group(3, 4)
            noise = m.start(5) if number is None else None
        out.append((m.span(), number, blanks if number is not None else None, mark, bare, noise))
    return out


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_body_line_pattern_matches_its_plain_form(text: str) -> None:
    assert _body_lines(layout._LINE, text, fast=True) == _body_lines(
        _PLAIN_BODY_LINE, text, fast=False
    )


def test_invented_lines_the_fast_forms_must_read() -> None:
    head = (
        "\nR 021439Z DEC 08\nFM AMEMBASSY VALLETTA\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 4321\n"
        "INFO RUEHXX/AMEMBASSY ROME 0042\nC O N F I D E N T I A L//NOFORN SECTION 01 OF 02 "
        "VALLETTA 000123\nSIPDIS\nNOFORNEXDIS\nEO 12958: DECL: 12/02/2018\nTAGS: PREL\n"
    )
    for name, (plain, fast) in _PLAIN.items():
        assert _found(fast, head) == _found(plain, head), name
    line = classline._LINE.search(head)
    assert line is not None and line.group("level", "caveats", "station", "serial") == (
        "C O N F I D E N T I A L", "//NOFORN", "VALLETTA", "000123"
    )  # fmt: skip
    body = "\n1. (C) Invented text.\nSIPDIS\n 12) (S//NF) More.\nCONFIDENTIAL\n"
    assert _body_lines(layout._LINE, body, fast=True) == _body_lines(
        _PLAIN_BODY_LINE, body, fast=False
    )
