"""The pure parts of the web layer: query editing, mark meanings, text reflow, histogram."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cablegram.index.results import SearchResults
from cablegram.model import Classification
from cablegram.web import refinfo, searchview, textfmt
from cablegram.web.querystate import SearchState, is_active, toggle, with_dates, without_dates


@pytest.mark.parametrize(("q", "clause", "expected", "was_there"), [
    ("", "tag:KNNP", "tag:KNNP", False),
    ("uranium", "tag:KNNP", "uranium tag:KNNP", False),
    ("uranium tag:KNNP", "tag:KNNP", "uranium", True),
    ("tag:knnp uranium", "tag:KNNP", "uranium", True),  # same filter, other spelling
    ("class:s", "class:secret", "", True),
    ("reason:1.4D x", "reason:1.4(d)", "x", True),
    ('origin:"RIO DE JANEIRO" x', "origin:RIODEJANEIRO", "x", True),
    ("-tag:KNNP", "tag:KNNP", "-tag:KNNP tag:KNNP", False),  # an exclusion is not the filter
    ("tag:PREL OR tag:KNNP", "tag:KNNP", "tag:PREL OR tag:KNNP tag:KNNP", False),
    ("(tag:KNNP x)", "tag:KNNP", "(tag:KNNP x) tag:KNNP", False),
    ('"unclosed', "tag:KNNP", '"unclosed tag:KNNP', False),
])
def test_toggle(q: str, clause: str, expected: str, was_there: bool) -> None:
    assert toggle(q, clause) == (expected, was_there)
    assert is_active(q, clause) is was_there


def test_date_filters_are_replaced_not_stacked() -> None:
    q = "iran from:2005-01 year:2006 to:2007 tag:PREL"
    assert with_dates(q, "from:2008-01 to:2008-03") == "iran tag:PREL from:2008-01 to:2008-03"
    assert without_dates(q) == "iran tag:PREL"


def test_state_urls_hold_the_whole_state_and_omit_defaults() -> None:
    state = SearchState("a & b", "-date", 3, 50)
    assert state.url() == "/search?q=a+%26+b&sort=-date&page=3&per_page=50"
    assert SearchState().url() == "/search"
    assert state.with_query("c").url() == "/search?q=c&sort=-date&per_page=50"


def test_reasons_exemptions_caveats_precedence() -> None:
    assert refinfo.reason("1.4 (D)") == refinfo.Decoded(
        "1.4(d)", "foreign relations or foreign activities of the United States, including "
        "confidential sources")
    assert refinfo.reason("1.5(b)").text == "1.5(b)"
    assert refinfo.reason("bogus") == refinfo.Decoded("bogus", None)
    x6 = refinfo.declassify("1.6X6")
    assert x6 is not None and x6.meaning and "ten years" in x6.meaning
    assert refinfo.declassify(date(2015, 11, 20)) == refinfo.Decoded(
        "Declassify on 20 November 2015", None)
    decl = refinfo.declassify("25x1")
    assert decl is not None and decl.meaning and "25 years" in decl.meaning
    assert refinfo.declassify("QQQ") == refinfo.Decoded("QQQ", None)
    assert refinfo.caveat("noforn") == "Not releasable to foreign nationals."
    assert refinfo.caveat("UNHEARD-OF") is None
    assert refinfo.precedence("NIACT IMMEDIATE")
    assert refinfo.level_style(Classification.SECRET).colour == "red"
    assert refinfo.level_style(Classification.TOP_SECRET).css == "ts"
    assert refinfo.level_style(None).css == "unknown"


def test_every_level_has_a_style() -> None:
    styles = {refinfo.level_style(level).css for level in Classification}
    assert styles == {"u", "sbu", "c", "s", "ts"}


def test_reflow_joins_wrapped_lines_and_keeps_lists() -> None:
    text = ("The working group had not met since early October and the draft tariff\n"
            "formula remains with the Prime Minister's office.  He said:\n"
            "-- the permit is unsigned;\n"
            "-- the budget is not approved.\n\nA new block.")
    assert textfmt.reflow(text) == [
        ["The working group had not met since early October and the draft tariff formula "
         "remains with the Prime Minister's office.  He said:",
         "-- the permit is unsigned;", "-- the budget is not approved."],
        ["A new block."],
    ]


def test_reflow_joins_lines_a_redaction_shortened_and_keeps_headings() -> None:
    text = ("XXXXXXXXXXXX argued that the\n"
            "constitutional amendments were technical, but XXXXXXXXXXXX declined\n"
            "to say who had drafted them.\n"
            "Tender Timeline Slips\n"
            "---------------------\n"
            "The Movement for Change\n"
            "(MFC) walked out.\n"
            "(a) first;\n"
            "(b) second.")
    assert textfmt.reflow(text) == [[
        "XXXXXXXXXXXX argued that the constitutional amendments were technical, but "
        "XXXXXXXXXXXX declined to say who had drafted them.",
        "Tender Timeline Slips",
        "The Movement for Change (MFC) walked out.",
        "(a) first;",
        "(b) second.",
    ]]


def test_times_state_their_zone() -> None:
    assert textfmt.when(datetime(2006, 5, 23, 22, 18)) == "23 May 2006, 22:18 UTC"
    aware = datetime(2006, 5, 23, 22, 18, tzinfo=UTC)
    assert textfmt.iso(aware) == "2006-05-23T22:18:00Z"
    assert textfmt.when(None) == "date unknown"
    assert textfmt.count(251287) == "251\u202f287"


def _results(facets: dict[str, list[tuple[str, int]]]) -> SearchResults:
    return SearchResults(total=sum(n for _, n in facets.get("year", [])), hits=[],
                         facets=facets)


def test_histogram_is_monthly_for_short_spans_and_fills_gaps() -> None:
    facets = {"month": [("2005-11", 4), ("2006-02", 2)], "year": [("2005", 4), ("2006", 2)]}
    h = searchview.histogram(SearchState("x"), facets)
    assert h is not None and h.unit == "month"
    assert [(b.start, b.count) for b in h.bars] == [
        ("2005-11", 4), ("2005-12", 0), ("2006-01", 0), ("2006-02", 2)]
    assert h.bars[0].height == 60 and h.bars[3].height == 30
    assert h.bars[1].href == "/search?q=x+from%3A2005-12+to%3A2005-12"
    assert h.base_q == "x"


def test_histogram_is_yearly_over_long_spans() -> None:
    facets = {"month": [("1990-01", 1), ("2010-12", 3)], "year": [("1990", 1), ("2010", 3)]}
    h = searchview.histogram(SearchState(), facets)
    assert h is not None and h.unit == "year" and len(h.bars) == 21
    assert searchview.histogram(SearchState(), {}) is None


def test_facet_links_toggle_and_classification_words() -> None:
    results = _results({"classification": [("SECRET", 2), ("TOP SECRET", 1)],
                        "tags": [("KNNP", 3), ('BAD"TAG', 1)], "year": [("2005", 3)]})
    groups = {g.name: g for g in searchview.facet_groups(SearchState("tag:KNNP"), results)}
    links = {link.label: link for link in groups["classification"].links}
    assert links["SECRET"].href == "/search?q=tag%3AKNNP+class%3Asecret"
    assert links["TOP SECRET"].href == "/search?q=tag%3AKNNP+class%3Ats"
    tags = groups["tags"].links
    assert [t.label for t in tags] == ["KNNP"]  # a value with a quote cannot be written
    assert tags[0].active and tags[0].href == "/search"


def test_pager_windows_and_stops_at_the_deep_limit() -> None:
    labels = [p.label for p in searchview.pager(SearchState("x", page=7), 1000)]
    assert labels == ["‹ Previous", "1", "…", "5", "6", "7", "8", "9", "…", "50", "Next ›"]
    last = searchview.pager(SearchState("x", per_page=100), 10**6)
    assert last[-2].label == "100"
    assert searchview.pager(SearchState(), 5) == []
