"""Facets, totals, date sorting and pagination against brute force over random cables."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from index_helpers import random_cables

from cablegram.index import SearchIndex
from cablegram.index.document import cable_level
from cablegram.model import Cable, Classification

CABLES = random_cables(400)
BY_ID = {cid: c for cid, c, _ in CABLES}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with SearchIndex.open(tmp_path_factory.mktemp("facets") / "index") as opened:
        # Two commits, so that search and aggregation run over more than one segment.
        opened.upsert(CABLES[:250])
        opened.commit(1)
        opened.upsert(CABLES[250:])
        opened.commit(2)
        yield opened


def parts(cable: Cable) -> list[tuple[int, str]]:
    level = cable_level(cable)
    found = [(level, cable.subject)] if cable.subject else []
    for p in cable.paragraphs:
        found.append((int(p.classification) if p.classification is not None else level, p.text))
    return found


def sees(cable: Cable, max_level: int | None) -> bool:
    return max_level is None or min(lvl for lvl, _ in parts(cable)) <= max_level


def has_word(cable: Cable, word: str, max_level: int | None) -> bool:
    return any(
        word in re.findall(r"\w+", text.lower())
        for lvl, text in parts(cable)
        if max_level is None or lvl <= max_level
    )


def header_visible(cable: Cable, max_level: int | None) -> bool:
    return max_level is None or cable_level(cable) <= max_level


Matcher = Callable[[Cable, int | None], bool]
QUERIES: list[tuple[str, Matcher]] = [
    ("", lambda c, m: True),
    ("walrus", lambda c, m: has_word(c, "walrus", m)),
    ("walrus -ferry", lambda c, m: has_word(c, "walrus", m) and not has_word(c, "ferry", m)),
    ("walrus OR quinoa", lambda c, m: has_word(c, "walrus", m) or has_word(c, "quinoa", m)),
    ("tag:PREL", lambda c, m: header_visible(c, m) and any(t.code == "PREL" for t in c.tags)),
    (
        "class>=c",
        lambda c, m: c.classification is not None and c.classification >= Classification(2),
    ),
    ("caveat:noforn meadow", lambda c, m: "NOFORN" in c.caveats and has_word(c, "meadow", m)),
    (
        "from:2005 to:2007-06",
        lambda c, m: (
            c.created is not None and (2005, 1) <= (c.created.year, c.created.month) <= (2007, 6)
        ),
    ),
]
LEVELS = [None, 0, 1, 2, 3]


def expected_ids(matcher: Matcher, max_level: int | None) -> set[str]:
    return {cid for cid, c in BY_ID.items() if sees(c, max_level) and matcher(c, max_level)}


def expected_facets(ids: set[str], max_level: int | None) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {
        name: Counter()
        for name in ("origin", "year", "month", "classification", "tags", "caveats", "reasons")
    }
    for cid in ids:
        c = BY_ID[cid]
        if c.origin:
            counts["origin"][c.origin] += 1
        if c.created:
            counts["year"][str(c.created.year)] += 1
            counts["month"][f"{c.created.year}-{c.created.month:02d}"] += 1
        if c.classification is not None:
            counts["classification"][c.classification.label] += 1
        counts["caveats"].update(c.caveats)
        if header_visible(c, max_level):
            counts["tags"].update(t.code for t in c.tags)
            counts["reasons"].update(c.reasons)
    return {name: dict(counter) for name, counter in counts.items()}


@pytest.mark.parametrize("max_level", LEVELS)
@pytest.mark.parametrize(("query", "matcher"), QUERIES, ids=[q or "<all>" for q, _ in QUERIES])
def test_totals_hits_and_facets_match_brute_force(
    index: SearchIndex, query: str, matcher: Matcher, max_level: int | None
) -> None:
    expected = expected_ids(matcher, max_level)
    results = index.search(query, max_level=max_level, per_page=1000)
    assert results.total == len(expected)
    assert {h.cable_id for h in results.hits} == expected
    got = {name: dict(buckets) for name, buckets in results.facets.items()}
    assert got == expected_facets(expected, max_level)


def test_facet_order(index: SearchIndex) -> None:
    facets = index.search("").facets
    assert [k for k, _ in facets["year"]] == sorted(k for k, _ in facets["year"])
    assert [k for k, _ in facets["month"]] == sorted(k for k, _ in facets["month"])
    labels = [k for k, _ in facets["classification"]]
    assert labels == [c.label for c in Classification if c.label in labels]
    tag_counts = [n for _, n in facets["tags"]]
    assert tag_counts == sorted(tag_counts, reverse=True)


def test_facet_size_limits_the_long_facets(index: SearchIndex) -> None:
    facets = index.search("", facet_size=2).facets
    assert len(facets["origin"]) == 2 and len(facets["tags"]) == 2
    assert len(facets["year"]) > 2  # time facets are always complete


def test_no_facets_when_not_asked(index: SearchIndex) -> None:
    assert index.search("walrus", facets=False).facets == {}


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_date_sort(index: SearchIndex, sort: str) -> None:
    results = index.search("walrus", sort=sort, per_page=1000)
    dated = [h.created for h in results.hits if h.created is not None]
    assert dated == sorted(dated, reverse=sort == "-date")
    assert all(h.score is None for h in results.hits)
    expected = sorted(
        (
            c.created.replace(tzinfo=UTC)
            for cid, c in BY_ID.items()
            if c.created and has_word(c, "walrus", None)
        ),
        reverse=sort == "-date",
    )
    assert dated == expected


@pytest.mark.parametrize("sort", ["relevance", "date", "-date"])
def test_pages_partition_the_results(index: SearchIndex, sort: str) -> None:
    whole = [h.cable_id for h in index.search("walrus OR ferry", sort=sort, per_page=1000).hits]
    paged: list[str] = []
    page = 1
    while True:
        results = index.search("walrus OR ferry", sort=sort, page=page, per_page=7, facets=False)
        assert results.total == len(whole)
        assert (results.page, results.per_page) == (page, 7)
        if not results.hits:
            break
        paged.extend(h.cable_id for h in results.hits)
        page += 1
    assert paged == whole


def test_pages_beyond_the_end_are_empty(index: SearchIndex) -> None:
    total = index.search("").total
    for page in (total, total + 1, 10**9):
        results = index.search("", page=page, per_page=20)
        assert results.hits == [] and results.total == total


@pytest.mark.parametrize("max_level", LEVELS)
@pytest.mark.parametrize("query", ["", "walrus", "quinoa -walrus", "tag:KNNP"])
def test_both_ways_of_counting_agree(index: SearchIndex, query: str, max_level: int | None) -> None:
    """Counting the matches, everything minus the non-matches, or the matches without
    knowing their number (``count_eager``, run beside the hit collection) agree."""
    from cablegram.index.compile import compile_query
    from cablegram.index.facets import FACETS, FacetCounter
    from cablegram.query import parse_query

    searcher, epoch = index._searcher()
    compiled = compile_query(parse_query(query), index._schema, searcher, max_level)
    counter = FacetCounter()
    direct = counter.count(searcher, epoch, compiled, 0, 25, max_level)
    complement = counter.count(searcher, epoch, compiled, 10**9, 25, max_level)
    assert direct == complement
    eager = FacetCounter().count_eager(searcher, epoch, compiled, 25, FACETS, parse_query(query))
    assert eager == direct


def test_counts_follow_new_commits(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with SearchIndex.open(path) as writer, SearchIndex.open(path) as reader:
        writer.upsert(CABLES[:10])
        writer.commit(1)
        assert reader.search("").total == 10
        before = dict(reader.search("").facets["origin"])
        writer.upsert(CABLES[10:30])
        writer.commit(2)  # another object (as another process would) commits
        after = reader.search("")
        assert after.total == 30
        assert sum(n for _, n in after.facets["origin"]) == 30 != sum(before.values())


def test_concurrent_searches_never_mix_generations(tmp_path: Path) -> None:
    """Threads searching while commits land: facets always add up to that search's total."""
    import threading

    cables = [item for item in random_cables(300, seed=11) if item[1].origin]
    path = tmp_path / "index"
    errors: list[str] = []
    done = threading.Event()
    with SearchIndex.open(path) as writer, SearchIndex.open(path) as reader:

        def search() -> None:
            while not done.is_set():
                for query in ("", "walrus"):
                    results = reader.search(query, facet_size=100)
                    counted = sum(n for _, n in results.facets["origin"])
                    if counted != results.total:
                        errors.append(f"{query!r}: {counted} != {results.total}")

        threads = [threading.Thread(target=search) for _ in range(3)]
        for thread in threads:
            thread.start()
        for start in range(0, len(cables), 25):
            writer.upsert(cables[start : start + 25])
            writer.commit(start + 1)
        done.set()
        for thread in threads:
            thread.join()
        assert reader.search("").total == len(cables)
    assert errors == []


@pytest.mark.parametrize(
    ("query", "bound"),
    [
        ("tag:KNNP", 0),  # field filters are taken as narrow
        ("signer:ordway", 0),
        ("subject:uranium", 0),
        ("walrus tag:KNNP", 0),  # one narrowing filter is enough
        ("tag:KNNP OR tag:PREL", 0),
        ("elect*", None),  # a free-text prefix may match anything
        ("walrus OR elect*", None),  # a union is as wide as its widest side
        ("class:secret", None),
        ("from:2005-01 to:2006-12", None),
        ("-walrus", None),
        ("", None),
        ("zyzzyvaxq", 0),  # a word the index does not have
    ],
)
def test_what_a_query_is_estimated_to_match(
    index: SearchIndex, query: str, bound: int | None
) -> None:
    from cablegram.index.selectivity import matches_at_most
    from cablegram.query import parse_query

    assert matches_at_most(parse_query(query), index._searcher()[0]) == bound


@pytest.mark.parametrize("word", ["walrus", "ferry", "quinoa"])
def test_a_word_estimate_bounds_the_cables_with_it_in_their_text(
    index: SearchIndex, word: str
) -> None:
    from cablegram.index.selectivity import matches_at_most, selective
    from cablegram.query import parse_query

    searcher = index._searcher()[0]
    in_text = sum(any(word in re.findall(r"\w+", p.text.lower()) for p in c.paragraphs)
                  for c in BY_ID.values())
    estimate = matches_at_most(parse_query(word), searcher)
    assert estimate is not None and in_text <= estimate
    phrase = matches_at_most(parse_query(f'"{word} zyzzyvaxq"'), searcher)
    assert phrase == 0  # a phrase is bounded by its rarest word
    assert selective(parse_query(word), searcher) is (estimate <= 0.2 * searcher.num_docs)
