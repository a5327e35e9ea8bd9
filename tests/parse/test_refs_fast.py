"""The REF reader's fast path for plain citation lists against its general reader.

``refs._simple_block`` reads a block that is nothing but citations (``A. 05 STATE 190856 B.
RIO DE JANEIRO 128``) with one pattern per citation and must give what the general reader
gives: the same references, and the same station and year passed on to the next block. Blocks
are generated from the pieces real ones are made of, plain and not, so both the fast answer and
the fast path's refusals are exercised.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Reference
from cablegram.parse import refs
from cablegram.parse.text import prepare

# Plain pieces first, then the ones that make a block something else (or trip the reader).
STATIONS = (["STATE", "ALMATY", "RIO DE JANEIRO", "ABU DHABI", "SAN JOSE", "Managua"],
            ["SECSTATE", "TRIPOLII", "FOO", "CONAKRY", "SOFIA", "USUN NEW YORK", "N DJAMENA",
             "AMEMBASSY ROME", "STATE STATE", "A B C D E"])
YEARS = (["", "'08 ", "08 ", "2008 ", "1999 "], ["05      ", "123 ", "08", "'0 "])
SERIALS = (["190856", "4143", "0001234", "7"],
           ["0", "1234567", "19O856", "12345678", "123456789", "12/08", "1.2"])
BULLETS = (["", "A. ", "(A) ", "A) "], ["B. ", "C) ", "(D) ", "A. A. ", "A . ", "a) ", "Z. "])
SEPARATORS = ([" ", "  ", "\n", ", ", "; ", ". ", "\n     "],
              [" AND ", " (NOTAL) ", "-", ": ", " (08) ", "..."])


def _piece(draw: st.DrawFn, choices: tuple[list[str], list[str]]) -> str:
    plain, other = choices
    return draw(st.sampled_from(plain if draw(st.integers(0, 9)) else other))


@st.composite
def blocks(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["", " ", "\n "]))]
    lettered = draw(st.booleans())
    for i in range(draw(st.integers(1, 5))):
        bullet = _piece(draw, BULLETS)
        if lettered and draw(st.integers(0, 9)):  # a list lettered in sequence, the usual one
            bullet = f"{chr(ord('A') + i)}{draw(st.sampled_from(['. ', ') ']))}"
        parts += [bullet, _piece(draw, YEARS), _piece(draw, STATIONS), " ",
                  _piece(draw, SERIALS), _piece(draw, SEPARATORS)]
    return "".join(parts)


CONTEXTS = [
    (2005, None, None, None, None, None),
    (2005, "05STATE190856", "STATE", 190856, "STATE", None),
    (None, None, None, None, "ALMATY", 4),
    (2009, "09ALMATY12", "ALMATY", 12, "ALMATY", None),
]


def _read(block: str, context: tuple[object, ...], fast: bool) -> tuple[object, ...]:
    ctx = refs._Context(*context)  # type: ignore[arg-type]
    if fast:
        found = refs._simple_block(block, ctx)
        if found is None:
            return ("refused",)
    else:
        saved = refs._simple_block
        refs._simple_block = lambda block, ctx: None  # type: ignore[assignment]
        try:
            found = list(refs._read_block(block, ctx))
        finally:
            refs._simple_block = saved  # type: ignore[assignment]
    return tuple(found), dataclasses.astuple(ctx)


@settings(max_examples=1500, deadline=None)
@given(blocks(), st.sampled_from(CONTEXTS))
def test_fast_path_reads_what_the_general_reader_reads(
    block: str, context: tuple[object, ...]
) -> None:
    fast = _read(block, context, fast=True)
    if fast != ("refused",):
        assert fast == _read(block, context, fast=False)


@pytest.mark.parametrize(
    "block",
    [
        " A. STATE 190856\n\nB. STATE 203310\n",
        " 05 ALMATY 4143",
        " (A) RIO DE JANEIRO 128; (B) 2008 STATE 7",
        " STATE 112900; QUITO 885; 08 QUITO 1128 \n ",
        " A) 07 Managua 99  B) SAN JOSE 1",
    ],
)
def test_plain_lists_take_the_fast_path(block: str) -> None:
    fast = _read(block, CONTEXTS[1], fast=True)
    assert fast != ("refused",)
    assert fast == _read(block, CONTEXTS[1], fast=False)
    assert all(isinstance(r, Reference) for r in fast[0])  # type: ignore[union-attr]


CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "cables.jsonl.gz"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not found beside the repo")
def test_real_blocks_agree() -> None:
    fast_read = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            head = prepare(f"{rec.get('header') or ''}\n\n{rec['content']}").head
            end = 0
            for start in refs._labels(head):
                if start < end:
                    continue
                end = refs._block_end(head, start)
                fast = _read(head[start:end], CONTEXTS[0], fast=True)
                if fast != ("refused",):
                    assert fast == _read(head[start:end], CONTEXTS[0], fast=False), rec["id"]
                    fast_read += 1
    assert fast_read > 3000  # most blocks are plain lists
