"""Text preparation: the fast forms of the rewrite rules against their plain ``re.sub`` forms.

``pages`` and ``text`` anchor each rule on a literal and walk back in Python (see their
docstrings); the plain forms below are the rules as first written, obviously right but slow.
The two must agree on any text: on random mixtures of the tokens page headers are made of,
and on every real cable that has a page header.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parse.text import normalise, prepare

_PAGE_HEADER = re.compile(
    r"^[ \t]*(?:PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}"
    r"(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?"
    r"|[A-Z][A-Z ]*?[ \t]\d{8}[ \t]+\d{3}[ \t]+OF[ \t]+\d{3})[ \t]*$",
    re.M,
)
_BANNER_BEFORE_PAGE = re.compile(
    r"[ \t]+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*\n(?=PAGE[ \t]+\d)"
)
_GLUED_PAGE = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)?[ \t]*\n?"
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}"
    r"[ \t]+\d{6}Z[ \t]*"
)
_PILCROW = re.compile("(?m)^[ \t]*[\u00b6\ufffd][ \t]*")
_MD_PERMALINK = re.compile(r"(?m)^[ \t]*\[(?:\d+|\u00b6)\]\([^)\s]*\)[ \t]*")
_MD_LINK = re.compile(r"\[([^\]\n]{1,80})\]\((?:#|[^)\s]*)\)")


def plain_normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _PILCROW.sub("", text)
    text = _MD_LINK.sub(r"\1", _MD_PERMALINK.sub("", text))
    if "PAGE" not in text:  # the page rules apply to PDF text only
        return text
    text = _BANNER_BEFORE_PAGE.sub("\n", text)
    text = _PAGE_HEADER.sub("", text)
    return _GLUED_PAGE.sub(" ", text)


TOKENS = [
    "PAGE", "PAGE ", " 02", " 123", " ROME", " RIO DE JAN", "  01196", " 01 OF 02", " 082030Z",
    " 00001196", " 002 OF 004", "ROME 00001196 002 OF 004", "CONFIDENTIAL", "SECRET",
    "UNCLASSIFIED", "LIMITED OFFICIAL USE", "XCONFIDENTIAL", "\n", "\n", " ", "  ", "\t", "\r\n",
    "\r", "\u00b6", "\ufffd", "[1](#)", "[PREL](#)", "[\u00b6](#x)", "1. (C) Text.", "THEY SAID",
    "a", ".", "0", "9",
]  # fmt: skip
PAGE_TEXT = (
    "1. (C) FIRST POINT THEY REALIZE  CONFIDENTIAL\nPAGE 02 ROME 01196 01 OF 02 082030Z\n"
    "MORE TEXT  SECRET \nPAGE 03        ROME  01196  01 OF 02  082030Z   AND ON\n"
    "PAGE 01   STATE  097844\nROME 00001196 002 OF 004\nLAST LINE.\n"
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_fast_rules_agree_with_plain_rules(text: str) -> None:
    assert normalise(text) == plain_normalise(text)


def test_invented_pdf_page() -> None:
    assert normalise(PAGE_TEXT) == plain_normalise(PAGE_TEXT)
    # the banner before a header goes; a header alone on its line leaves its line break; a
    # glued one, with the line break before it, becomes a blank
    assert normalise(PAGE_TEXT) == (
        "1. (C) FIRST POINT THEY REALIZE\n\nMORE TEXT AND ON\n\n\nLAST LINE.\n"
    )


def test_section_header_lines_leave_the_head_but_keep_its_line_count() -> None:
    head = "C O N F I D E N T I A L ROME 001196\nROME 00001196 002 OF 004\nSUBJECT: WIDGETS\n"
    prep = prepare(head + "1. (C) Text.\n")
    assert "00001196" not in prep.head
    assert prep.head.count("\n") == head.count("\n")
    assert prep.body_line == 4


CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "cables.jsonl.gz"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not found beside the repo")
def test_real_pdf_pages_agree() -> None:
    checked = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = f"{rec['header']}\n\n{rec['content']}" if rec.get("header") else rec["content"]
            if "PAGE" in text or "\r" in text or "\ufffd" in text:
                assert normalise(text) == plain_normalise(text), rec["id"]
                checked += 1
    assert checked > 50
