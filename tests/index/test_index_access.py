"""``max_level``: a reader never finds, ranks, counts or sees text above their clearance."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from index_helpers import C, cable, para

from cablegram.index import SearchIndex

# A SECRET cable whose only word "okapi" is in its SECRET paragraph; it has an UNCLASSIFIED
# paragraph too, so a CONFIDENTIAL reader may see that part.
MIXED = cable(
    origin="ROME",
    level=C.SECRET,
    subject="SECRET SUBJECT ABOUT GONDOLAS",
    tags=("PREL", "KNNP"),
    reasons=("1.4(d)",),
    signers=("FERNWOOD",),
    paragraphs=(
        para(1, "Harbor schedules for the ferry.", C.UNCLASSIFIED),
        para(2, "The okapi negotiations stalled.", C.SECRET),
        para(3, "Unmarked text takes the cable level: pangolin."),
    ),
)
# Wholly SECRET: nothing in it is visible below SECRET.
SECRET_ONLY = cable(
    origin="ROME",
    level=C.SECRET,
    subject="HARBOR SECRETS",
    tags=("PREL",),
    paragraphs=(para(1, "Harbor okapi talk.", C.SECRET),),
)
OPEN = cable(
    origin="STATE",
    level=C.UNCLASSIFIED,
    subject="HARBOR NOTICE",
    tags=("ECON",),
    paragraphs=(para(1, "Harbor opening hours.", C.UNCLASSIFIED),),
)
# Header says CONFIDENTIAL, a paragraph says SECRET: the cable counts as SECRET.
UNDERMARKED = cable(
    origin="ALMATY",
    level=C.CONFIDENTIAL,
    subject="MISMARKED",
    paragraphs=(para(1, "Harbor report.", C.CONFIDENTIAL), para(2, "Okapi detail.", C.SECRET)),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    path = tmp_path_factory.mktemp("access") / "index"
    with SearchIndex.open(path) as opened:
        opened.upsert(
            [
                ("MIXED", MIXED, 1),
                ("SECRET", SECRET_ONLY, 1),
                ("OPEN", OPEN, 1),
                ("UNDER", UNDERMARKED, 1),
            ]
        )
        opened.commit(1)
        yield opened


def ids(index: SearchIndex, query: str, max_level: int | None) -> set[str]:
    return {h.cable_id for h in index.search(query, max_level=max_level, per_page=50).hits}


def test_word_only_in_a_secret_paragraph_is_not_found_below_secret(index: SearchIndex) -> None:
    assert ids(index, "okapi", None) == {"MIXED", "SECRET", "UNDER"}
    assert ids(index, "okapi", C.SECRET) == {"MIXED", "SECRET", "UNDER"}
    assert ids(index, "okapi", C.CONFIDENTIAL) == set()
    assert index.search("okapi", max_level=C.CONFIDENTIAL).total == 0
    assert ids(index, '"okapi negotiations"', C.CONFIDENTIAL) == set()
    assert ids(index, "oka*", C.CONFIDENTIAL) == set()


def test_unmarked_paragraphs_take_the_cable_level(index: SearchIndex) -> None:
    assert ids(index, "pangolin", C.CONFIDENTIAL) == set()
    assert ids(index, "pangolin", C.SECRET) == {"MIXED"}


def test_visible_parts_still_find_a_partly_withheld_cable(index: SearchIndex) -> None:
    assert ids(index, "ferry", C.UNCLASSIFIED) == {"MIXED"}
    assert ids(index, "harbor", C.UNCLASSIFIED) == {"MIXED", "OPEN"}
    assert ids(index, "harbor", C.CONFIDENTIAL) == {"MIXED", "OPEN", "UNDER"}


def test_cables_with_nothing_visible_are_left_out(index: SearchIndex) -> None:
    assert ids(index, "", C.UNCLASSIFIED) == {"MIXED", "OPEN"}
    assert ids(index, "", C.CONFIDENTIAL) == {"MIXED", "OPEN", "UNDER"}
    assert ids(index, "origin:rome", C.CONFIDENTIAL) == {"MIXED"}
    assert ids(index, "-ferry", C.CONFIDENTIAL) == {"OPEN", "UNDER"}


def test_subject_above_clearance_is_neither_searched_nor_shown(index: SearchIndex) -> None:
    assert ids(index, "gondolas", C.CONFIDENTIAL) == set()
    assert ids(index, "subject:gondolas", C.CONFIDENTIAL) == set()
    hit = index.search("ferry", max_level=C.UNCLASSIFIED).hits[0]
    assert hit.subject is None
    assert (hit.level, hit.classification) == (int(C.SECRET), C.SECRET)
    assert index.search("ferry").hits[0].subject == "SECRET SUBJECT ABOUT GONDOLAS"


def test_snippets_show_only_visible_text(index: SearchIndex) -> None:
    hit = index.search("harbor OR okapi OR pangolin", max_level=C.UNCLASSIFIED).hits
    text = " ".join(frag.text for h in hit for frag in h.snippet)
    assert "okapi" not in text.lower() and "pangolin" not in text.lower()
    lead = index.search("origin:rome", max_level=C.UNCLASSIFIED).hits[0].snippet
    assert "".join(frag.text for frag in lead) == "Harbor schedules for the ferry."


def test_header_fields_of_withheld_headers_cannot_be_probed(index: SearchIndex) -> None:
    assert ids(index, "tag:KNNP", None) == {"MIXED"}
    assert ids(index, "tag:KNNP", C.CONFIDENTIAL) == set()
    assert ids(index, "signer:fernwood", C.CONFIDENTIAL) == set()
    assert ids(index, "reason:d", C.CONFIDENTIAL) == set()
    assert ids(index, "tag:ECON", C.UNCLASSIFIED) == {"OPEN"}


def test_totals_and_facets_count_the_restricted_set(index: SearchIndex) -> None:
    results = index.search("harbor", max_level=C.UNCLASSIFIED)
    assert results.total == 2
    facets = results.facets
    assert facets["origin"] == [("ROME", 1), ("STATE", 1)]
    assert dict(facets["classification"]) == {"UNCLASSIFIED": 1, "SECRET": 1}
    # MIXED's header is SECRET: its tags and reasons are not counted for this reader.
    assert facets["tags"] == [("ECON", 1)]
    assert facets["reasons"] == []
    unrestricted = index.search("harbor").facets
    assert dict(unrestricted["tags"]) == {"PREL": 2, "KNNP": 1, "ECON": 1}
    assert dict(unrestricted["origin"]) == {"ROME": 2, "STATE": 1, "ALMATY": 1}


def test_top_secret_reader_sees_everything(index: SearchIndex) -> None:
    assert ids(index, "okapi", C.TOP_SECRET) == ids(index, "okapi", None)
    assert index.search("", max_level=C.TOP_SECRET).facets == index.search("").facets


def test_a_reader_cleared_for_nothing_finds_nothing(index: SearchIndex) -> None:
    results = index.search("harbor", max_level=-1)
    assert results.total == 0 and results.hits == []
    assert all(buckets == [] for buckets in results.facets.values())
