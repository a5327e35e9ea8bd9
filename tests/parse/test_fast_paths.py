"""Shortcuts taken for speed give what the general readers give.

Each reader below reads its common case a faster way (one match for the usual E.O. line, a
string test for a rule of dashes, a formatted id for a known station); the general reader is
still there for the rest, and on these invented snippets the two must agree exactly.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram import ids
from cablegram.model import Problem
from cablegram.parse import captions, envelope, eo, layout, refs, subject

# What follows the order number on invented E.O. lines, in the shapes the fast path reads.
_COMMON_RESTS = [
    ": DECL: 11/20/2015 ",
    ": DECL: 11/20/2015",
    " DECL: 04/07/2019 ",
    ": DECL:  9/03/2016 ",
    ": DECL:  9/3/2016 ",
    ": DECL: 2015/11/20 ",
    ": DECL: 2017/1/5",
    ": DECL: 10/14/2018 \\",
    ": N/A ",
    ":  N/A",
    " N/A ",
    ": DECL: 25/12/2015 ",  # day and month exchanged: read with a problem
    ": DECL: 02/30/2015 ",  # no such date either way: a problem, no date
    ": DECL: 2015/13/40",
]
# Shapes the fast path leaves to the general reader.
_OTHER_RESTS = [
    ": DECL: 11/20/15 ",
    ": DECL 11/20/2015",
    ": decl: 11/20/2015",
    ": DECL: 1.6X6 ",
    ": DECL: 11/20/2015 TAGS: PREL",
    ": DECL: TEN YEARS AFTER THE INVENTED TREATY",
    ": DECL:",
]


@pytest.mark.parametrize("rest", _COMMON_RESTS)
def test_common_eo_rest_reads_as_the_general_reader_reads_it(rest: str) -> None:
    m = eo._COMMON_REST.fullmatch(rest)
    assert m is not None
    fast: list[Problem] = []
    general: list[Problem] = []
    assert eo._common_date(m, fast, 7) == eo._declassify_on(rest, general, 7)
    assert fast == general


@pytest.mark.parametrize("rest", _OTHER_RESTS)
def test_other_eo_rests_take_the_general_reader(rest: str) -> None:
    assert eo._COMMON_REST.fullmatch(rest) is None


def test_eo_line_through_the_fast_path() -> None:
    head = "UNCLAS VALLETTA 000123\nSIPDIS\nE.O. 12958: DECL: 25/12/2015 \nTAGS: PREL\n"
    order = eo.executive_order(head)
    assert order.order == "12958" and order.declassify_on == date(2015, 12, 25)
    assert [p.line for p in order.problems] == [3]


_RULE = re.compile(r"[-=_ \t]{4,}")


@pytest.mark.parametrize(
    "line",
    ["----", "-------------", "== ==", "_ _ _", "---", "", "-- a --", "----x", "\t-\t-", "- -\n-"],
)
def test_rule_test_is_the_dash_pattern(line: str) -> None:
    assert layout._is_rule(line) == (_RULE.fullmatch(line) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-=_ \tAb\n.", max_size=12))
def test_rule_test_is_the_dash_pattern_everywhere(line: str) -> None:
    assert layout._is_rule(line) == (_RULE.fullmatch(line) is not None)


def test_ids_of_known_stations_are_those_make_id_gives() -> None:
    stations = refs._plain_stations()
    assert stations
    for station in sorted(stations)[:50]:
        assert f"{7:02d}{station}{4321}" == ids.make_id(7, station, 4321)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("SUBJECT: INVENTED VISIT", "INVENTED VISIT"),
        ("SUBJECT: INVENTED VISIT\n", "INVENTED VISIT"),
        (
            "SUBJECT: INVENTED\nVISIT OF THE\nMINISTER\n\nREF: NONE",
            "INVENTED VISIT OF THE MINISTER",
        ),
        ("SUBJECT: ONE\nTWO\nTHREE\nFOUR\nFIVE\nSIX\n", "ONE TWO THREE FOUR FIVE"),
        ("Subject: invented words\nREF: A. STATE 1", "invented words"),
        ("SUBJ: OLDER LABEL \\\nWRAPPED \\\n1. TEXT", "OLDER LABEL WRAPPED"),
        ("TAGS: PREL Subject: MIXED FIRST\nSUBJECT: UPPER", "MIXED FIRST SUBJECT: UPPER"),
    ],
)
def test_subject_lines_read_lazily(head: str, expected: str) -> None:
    assert subject.subject(head) == expected


@pytest.mark.parametrize(
    "head",
    ["SIPDIS\nNOFORN\nE.O. 12958", "NODIS\nSIPDIS\n", "LIMDIS NOFORN SIPDIS\nTAGS:", "nothing"],
)
def test_caption_order_is_stable_when_merged_again(head: str) -> None:
    """The orchestrator merges the class line's caveats only when there are any."""
    found = captions.captions(head)
    assert captions.order_caveats(found) == found


def test_dtg_above_fm_is_the_last_one() -> None:
    head = (
        "\nVZCZCXYZ0001\nRR RUEHC\nR 010101Z JAN 08\nFM AMEMBASSY VALLETTA\n"
        "P 021439Z DEC 08\nFM AMEMBASSY VALLETTA\nTO RUEHC/SECSTATE WASHDC 0001\n"
    )
    before = head.index("\nFM", head.index("DEC 08"))
    found = envelope._dtg(head, before)
    assert found is not None and found.group(0).strip() == "P 021439Z DEC 08"
    assert [m.start() for m in envelope._DTG.finditer(head, 0, before)][-1] == found.start()

