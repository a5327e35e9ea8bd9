"""E.O. line: invented headers in the real spellings, then the real corpus."""

from __future__ import annotations

import re
from datetime import date

import pytest
from header_fields_corpus import needs_corpus, records
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parse.eo import executive_order

SIPDIS = "C O N F I D E N T I A L ALMATY 004143 \n\nSIPDIS\n\n"


@pytest.mark.parametrize(
    ("head", "order", "declassify_on"),
    [
        (SIPDIS + "E.O. 12958: DECL: 11/20/2015 \nTAGS: PREL\n", "12958", date(2015, 11, 20)),
        ("EO 12958 DECL: 09/21/10 \nTAGS PGOV, ZI\n", "12958", date(2010, 9, 21)),
        ("E. O. 11652:  N/ A\nTAGS:   SPOP  IT\n", "11652", None),
        ("E.O. 12958: N/A \nTAGS: ECON\n", "12958", None),
        ("E.O. 12958:N/A\n", "12958", None),
        ("E.o. 12958: n/a\n", "12958", None),
        ("E.O. 12958: NA\n", "12958", None),
        ("E.O. 12958: DECL: N/A\n", "12958", None),
        ("E.O. 12958: DECL: 1.6X6\n", "12958", "1.6X6"),
        ("E.O. 12958: DECL: X1\n", "12958", "X1"),
        ("E.O. 12958: DECL: (X1)\n", "12958", "X1"),
        ("E.O. 12958: DECL: 25X1\n", "12958", "25X1"),
        ("E.O. 12958: DECL: 25X1-HUMAN\n", "12958", "25X1-HUMAN"),
        ("E.O. 12958 DECL: OADR\n", "12958", "OADR"),
        ("E.O. 12958:DECL:OADR\n", "12958", "OADR"),
        ("E.O. 11652: GDS\n", "11652", "GDS"),
        ("E.O. 13526: DECL: 2019/12/31\n", "13526", date(2019, 12, 31)),
        ("E.O. 12958: DECL: 2019-12-31\n", "12958", date(2019, 12, 31)),
        ("E.O. 12958: DECL:  4/7/2019 \n", "12958", date(2019, 4, 7)),
        ("E.O. 12958: DECL: 02-03-13\n", "12958", date(2013, 2, 3)),
        ("E.O. 12958: DECL: 12/31/75\n", "12958", date(1975, 12, 31)),
        ("E.O. 12958: DECL: 20 OCTOBER 2019\n", "12958", date(2019, 10, 20)),
        ("E.O. 12958: DECL ON: 01/02/2019\n", "12958", date(2019, 1, 2)),
        ("E.O. 12958: Declassify on 9/30/2019\n", "12958", date(2019, 9, 30)),
        ("E.O. 12958: DECLASSIFY 10/21/2018\n", "12958", date(2018, 10, 21)),
        ("E.O. 12958: 1.4 (B) 1.4(D) DECLASSIFY 10/21/2018 \n", "12958", date(2018, 10, 21)),
        ("E.O. 12958: 03/03/2019\n", "12958", date(2019, 3, 3)),
        ("E.O. 12958: DECL: DECL: 01/01/2016\n", "12958", date(2016, 1, 1)),
        ("E.0. 12958: N/A\n", "12958", None),
        ("E.O.: 12958: N/A\n", "12958", None),
        ("E.O. 12958 AS AMENDED: DECL: 06/30/2019\n", "12958", date(2019, 6, 30)),
        ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\n", "12958", date(2009, 9, 2)),
        ("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006 \n", "12958", date(2006, 6, 21)),
        (
            "E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION\n",
            "12958",
            "TEN YEARS AFTER KOREAN UNIFICATION",
        ),
        # glued to the next field, wrapped after DECL:
        ("INL FOR NOBODYE.O. 12958: DECL: 08/16/2015TAGS: EMIN PE\n", "12958", date(2015, 8, 16)),
        ("E.O. 12958: DECL:\n05/19/2031\nTAGS: AMGT\n", "12958", date(2031, 5, 19)),
        # no E.O. line, only the DECL line
        ("SIPDIS\nDECL: 05/19/2031\nTAGS: AMGT\n", None, date(2031, 5, 19)),
    ],
)
def test_executive_order(head: str, order: str | None, declassify_on: object) -> None:
    found = executive_order(head)
    assert (found.order, found.declassify_on) == (order, declassify_on)
    assert found.problems == ()
    assert found.raw is not None and "TAGS" not in found.raw


@pytest.mark.parametrize(
    ("head", "declassify_on", "message"),
    [
        ("E.O. 12958: DECL: 02/30/2015\n", None, "no such date: 02/30/2015"),
        ("E.O. 12958: DECL: 25/12/2015\n", date(2015, 12, 25), "read as day/month/year"),
        ("E.O. 12958: DECL: 108/4/2019\n", None, "no such date"),
        ("E.O. 12958: DE...\n", None, "not understood"),
        ("EO 12958 XXXXXXXXXXXXX\n", None, "not understood"),
        ("E.O. 12598: DECL: 02/23/2028\n", date(2028, 2, 23), "unknown executive order 12598"),
    ],
)
def test_problems_not_exceptions(head: str, declassify_on: object, message: str) -> None:
    found = executive_order(head)
    assert found.declassify_on == declassify_on
    assert [p for p in found.problems if message in p.message], found.problems
    assert all(p.line == 1 for p in found.problems)


@pytest.mark.parametrize("head", ["", "SUBJECT: THE E.O. REVIEW\n", "TAGS: PREL\n"])
def test_absent(head: str) -> None:
    assert executive_order(head) == executive_order("")
    assert executive_order(head).order is None


def test_problem_line_is_the_eo_line() -> None:
    found = executive_order("UNCLAS STATE 000001\n\nSIPDIS\n\nE.O. 12958: DECL: 13/13/2013\n")
    assert [p.line for p in found.problems] == [5]


def test_classified_by_line_is_not_the_eo_line() -> None:
    head = "Classified By: DCM Jane Roe, E.O. 12958 reasons 1.4 (b) and (d).\n"
    assert executive_order("EO 12958 DECL: 07/13/2029 \n" + head).declassify_on == date(2029, 7, 13)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("E.O DECLNA/X0123456789 -:()\nJUNETAGS")), max_size=300)
)
def test_never_raises(head: str) -> None:
    executive_order(head)


@needs_corpus
def test_corpus_declassification_dates() -> None:
    """Measured: 6,727 of 6,746 heads have an E.O. line, 4,658 with a date; 3,782 of the dates
    are ten years after the cable's year, as the rule says; 17 lines give problems."""
    with_order = dated = ten_years = problems = 0
    for r in records():
        found = executive_order(r.head)
        with_order += found.order is not None
        problems += len(found.problems)
        year = re.match(r"(\d{2})[A-Z]", r.id)
        if isinstance(found.declassify_on, date) and year:
            dated += 1
            cabled = int(year.group(1)) + (1900 if int(year.group(1)) > 50 else 2000)
            ten_years += found.declassify_on.year - cabled == 10
    assert with_order >= 6700
    assert dated >= 4600
    assert ten_years / dated >= 0.8
    assert problems <= 25
