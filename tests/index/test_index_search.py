"""Search over a handful of invented cables: every part of the query language, end to end."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from index_helpers import C, cable, para

from cablegram.index import SearchIndex
from cablegram.query import QueryError, Term

CABLES = {
    "05ALMATY4143": cable(
        origin="ALMATY",
        created=datetime(2005, 11, 20, 8, 30),
        level=C.CONFIDENTIAL,
        caveats=("SIPDIS",),
        tags=("PREL", "KNNP", "KZ"),
        reasons=("1.4 (b)", "1.4(D)"),
        signers=("ORDWAY",),
        classified_by=("Brad Hollins",),
        refs=("05STATE190856",),
        declassify_on=date(2015, 11, 20),
        subject="KAZAKHSTAN: INTEREST IN CIVIL NUCLEAR COOPERATION WITH INDIA",
        paragraphs=(
            para(
                1,
                "Invented official Olzhas Tulebekov discussed civil nuclear cooperation "
                "with India.",
                C.CONFIDENTIAL,
            ),
            para(2, "Uranium reserves came up at the lantern committee.", C.CONFIDENTIAL),
        ),
    ),
    "06STATE1234": cable(
        origin="STATE",
        created=datetime(2006, 5, 23, 22, 18),
        level=C.SECRET,
        caveats=("NOFORN", "SIPDIS"),
        tags=("PARM", "PREL"),
        reasons=("1.4(d)",),
        signers=("RICE",),
        classified_by=("Anna Wallis",),
        refs=("05ALMATY4143",),
        declassify_on="X1",
        subject="ALLIED SHARING OF NUCLEAR DATA",
        paragraphs=(
            para(1, "This is an action message about nuclear sharing.", C.UNCLASSIFIED),
            para(2, "Discussion of zanzibar lanterns.", C.SECRET),
        ),
    ),
    "07ROME555": cable(
        origin="ROME",
        created=datetime(2007, 1, 2, 9),
        level=C.UNCLASSIFIED,
        tags=("ECON", "IT"),
        subject="ITALIAN ECONOMY WEEKLY",
        paragraphs=(para(1, "The economy grew. Nuclear energy debate continues."),),
    ),
    "08RIODEJANEIRO77": cable(
        origin="RIODEJANEIRO",
        created=datetime(2008, 3, 3, 12),
        level=C.SBU,
        tags=("ECON", "BR"),
        subject="BRAZIL ETHANOL",
        paragraphs=(para(1, "Ethanol output rose in Sao Paulo.", C.SBU),),
    ),
    "09USUNNEWYORK9": cable(
        origin="USUNNEWYORK",
        created=None,
        level=None,
        subject=None,
        paragraphs=(para(1, "Undated invented text about uranium."),),
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    path = tmp_path_factory.mktemp("search") / "index"
    with SearchIndex.open(path) as opened:
        opened.upsert((cid, c, 1) for cid, c in CABLES.items())
        opened.commit(1)
        yield opened


def found(index: SearchIndex, query: str, **options: object) -> set[str]:
    results = index.search(query, per_page=100, facets=False, **options)  # type: ignore[arg-type]
    assert results.total == len(results.hits)
    return {hit.cable_id for hit in results.hits}


A, B, R, D, E = "05ALMATY4143", "06STATE1234", "07ROME555", "08RIODEJANEIRO77", "09USUNNEWYORK9"
EXPECTED = [
    ("", {A, B, R, D, E}),
    ("nuclear", {A, B, R}),
    ("NUCLEAR", {A, B, R}),
    ("nuclear india", {A}),
    ("nuclear AND india", {A}),
    ("ethanol OR economy", {R, D}),
    ("nuclear -india", {B, R}),
    ("nuclear NOT india", {B, R}),
    ("-nuclear", {D, E}),
    ("-nuclear -ethanol", {E}),
    ("uranium OR -nuclear", {A, D, E}),
    ('"civil nuclear cooperation"', {A}),
    ('"cooperation nuclear civil"', set()),
    ('"Tulebekov discussed"', {A}),
    ("Tulebekov's", set()),  # "tulebekov s" as a phrase: there is no "s" after it
    ("ethan*", {D}),
    ("uran*", {A, E}),
    ("lantern*", {A, B}),
    ("tag:PREL", {A, B}),
    ("tag:prel", {A, B}),
    ("tag:KNNP OR tag:BR", {A, D}),
    ("nuclear -tag:PREL", {R}),
    ("origin:rome", {R}),
    ('origin:"rio de janeiro"', {D}),
    ("origin:secstate", {B}),
    ("class:secret", {B}),
    ("class:c", {A}),
    ("class>=c", {A, B}),
    ("class<c", {R, D}),
    ("class:sbu", {D}),
    ("caveat:noforn", {B}),
    ("caveat:sipdis", {A, B}),
    ("from:2006", {B, R, D}),
    ("to:2006-05", {A, B}),
    ("from:2006-05-24", {R, D}),
    ("to:2006-05-23", {A, B}),
    ("from:2005-11-20 to:2005-11-20", {A}),
    ("year:2007", {R}),
    ("year>=2007", {R, D}),
    ("signer:ordway", {A}),
    ("signer:rice", {B}),
    ("classifiedby:wallis", {B}),
    ('classifiedby:"anna wallis"', {B}),
    ("classifiedby:holl*", {A}),
    ("ref:05STATE190856", {A}),
    ('ref:"05 ALMATY 004143"', {B}),
    ("reason:1.4b", {A}),
    ("reason:1.4(d)", {A, B}),
    ("reason:d", {A, B}),
    ("para:S", {B}),
    ("para:u", {B}),
    ("para:sbu", {D}),
    ("para:c", {A}),
    ("decl:2015", {A}),
    ("decl:x1", {B}),
    ("id:05ALMATY4143", {A}),
    ("id:05almaty004143", {A}),
    ("subject:nuclear", {A, B}),
    ('subject:"civil nuclear"', {A}),
    ("subject:econ*", {R}),
    ("(nuclear OR ethanol) class<=c", {A, R, D}),
]


@pytest.mark.parametrize(("query", "expected"), EXPECTED, ids=[q or "<all>" for q, _ in EXPECTED])
def test_query_finds(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(index, query) == expected


def test_a_parsed_tree_is_accepted(index: SearchIndex) -> None:
    assert {h.cable_id for h in index.search(Term("ethanol")).hits} == {D}


def test_hits_carry_the_header(index: SearchIndex) -> None:
    hit = index.search("id:05ALMATY4143").hits[0]
    assert hit.created == datetime(2005, 11, 20, 8, 30, tzinfo=UTC)
    assert (hit.origin, hit.classification, hit.level) == ("ALMATY", C.CONFIDENTIAL, 2)
    assert hit.subject == CABLES[A].subject
    undated = index.search("id:09USUNNEWYORK9").hits[0]
    assert (undated.created, undated.classification, undated.subject) == (None, None, None)
    # A cable whose level cannot be read is treated as the highest level, not the lowest.
    assert undated.level == int(C.TOP_SECRET)


def test_relevance_scores_descend(index: SearchIndex) -> None:
    scores = [hit.score for hit in index.search("nuclear").hits]
    assert all(s is not None for s in scores)
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_filters_do_not_change_ranking(index: SearchIndex) -> None:
    plain = [(h.cable_id, h.score) for h in index.search("nuclear").hits if h.cable_id in {A, B}]
    filtered = [(h.cable_id, h.score) for h in index.search("nuclear tag:PREL").hits]
    assert filtered == plain


def test_malformed_queries_raise_query_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError):
        index.search('"unclosed')
    with pytest.raises(QueryError):
        index.search("colour:red")


def test_bad_options_raise_value_error(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="sort"):
        index.search("", sort="size")
    with pytest.raises(ValueError, match="page"):
        index.search("", page=0)


def test_took_ms_is_measured(index: SearchIndex) -> None:
    results = index.search("nuclear")
    assert 0 < results.took_ms < 10_000


def test_open_without_create_needs_an_index(tmp_path: Path) -> None:
    from cablegram.index import IndexUnusable

    with pytest.raises(IndexUnusable):
        SearchIndex.open(tmp_path / "none", create=False)


def test_absent_header_values_are_none_and_uncounted(tmp_path: Path) -> None:
    bare = cable(origin=None, created=None, level=None, subject=None, paragraphs=())
    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert([("BARE", bare, 1), ("ROME1", cable(origin="ROME"), 1)])
        index.commit(1)
        results = index.search("")
        hit = next(h for h in results.hits if h.cable_id == "BARE")
        assert (hit.origin, hit.created, hit.classification, hit.subject) == (None,) * 4
        assert hit.snippet == ()
        facets = results.facets
        assert facets["origin"] == [("ROME", 1)]
        assert facets["year"] == [("2005", 1)] and facets["month"] == [("2005-11", 1)]
        assert facets["classification"] == [("CONFIDENTIAL", 1)]
        assert facets["caveats"] == [] and facets["reasons"] == []
        assert found(index, "class<=ts") == {"ROME1"}


def test_any_typed_query_gives_results_or_a_query_error(index: SearchIndex) -> None:
    """Whatever is typed, the engine's own errors never reach the user."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        [
            "nuclear", "Ethan*", '"civil nuclear"', "-", "OR", "NOT", "(", ")", "tag:", "PREL",
            "class>", "class<", "s", "u", "ts", "from:", "to:", "year>", "year<", "2006",
            "1700", "2200", "0001", "9999", "reason:", "1.4(d)", "decl:", "x1", "ref:",
            "05STATE190856", "para:", "id:", "signer:", "subject:", "a*", " ", '"', "é", "&",
        ]
    )  # fmt: skip

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=8).map("".join))
    def check(text: str) -> None:
        for max_level in (None, 1):
            with contextlib.suppress(QueryError):
                index.search(text, max_level=max_level, per_page=3)

    check()
