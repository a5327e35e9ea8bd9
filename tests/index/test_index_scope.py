"""The index with a policy scope: caveats, declassification, release, no clearance at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from index_helpers import C, cable, para

from cablegram.access import Policy, Reader
from cablegram.access.reader import ALL
from cablegram.index import SearchIndex
from cablegram.model import Paragraph

TODAY = date(2012, 6, 1)


def nf(number: int, text: str, level: C) -> Paragraph:
    return dataclasses.replace(para(number, text, level), caveats=("NOFORN",))


# A SECRET cable with a plain CONFIDENTIAL paragraph and a SECRET//NOFORN one.
PORTION_NF = cable(level=C.SECRET, subject="OPEN TOPIC KIWI", tags=("PREL",),
                   paragraphs=(para(1, "The walrus spoke.", C.CONFIDENTIAL),
                               nf(2, "The narwhal whispered.", C.SECRET)),
                   declassify_on=date(2030, 1, 1))
# Banner NOFORN: every part demands NOFORN.
BANNER_NF = cable(level=C.CONFIDENTIAL, caveats=("NOFORN", "SIPDIS"), subject="DINGO",
                  tags=("KNNP",), paragraphs=(para(1, "The platypus swam.", C.CONFIDENTIAL),),
                  declassify_on=date(2030, 1, 1))
# An unknown caveat: only readers holding every grant.
ODD = cable(level=C.CONFIDENTIAL, caveats=("ZEBRADIST",), subject="QUAGGA",
            paragraphs=(para(1, "The okapi ran.", C.CONFIDENTIAL),))
DECLASSIFIED = cable(level=C.TOP_SECRET, subject="OLD SECRETS", tags=("ECON",),
                     paragraphs=(para(1, "The mammoth slept.", C.TOP_SECRET),),
                     declassify_on=date(2001, 1, 1))
RELEASED = cable(level=C.TOP_SECRET, subject="FOIA", tags=("PTER",),
                 paragraphs=(para(1, "The dodo wandered.", C.TOP_SECRET),), declassify_on="X1")


class Released:
    def is_released(self, cable_id: str) -> bool:
        return cable_id == "REL"

    def released_ids(self) -> frozenset[str]:
        return frozenset({"REL"})


POLICY = Policy(releases=Released(), today=lambda: TODAY)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with SearchIndex.open(tmp_path_factory.mktemp("scope") / "index") as opened:
        opened.upsert([("PNF", PORTION_NF, 1), ("BNF", BANNER_NF, 1), ("ODD", ODD, 1),
                       ("OLD", DECLASSIFIED, 1), ("REL", RELEASED, 1)])
        opened.commit(1)
        yield opened


def ids(index: SearchIndex, query: str, reader: Reader) -> set[str]:
    scope = POLICY.search_scope(reader)
    return {h.cable_id for h in index.search(query, scope=scope, per_page=50).hits}


SECRET = Reader("s", C.SECRET)
SECRET_NF = Reader("n", C.SECRET, frozenset({"NOFORN"}))
NOBODY = Reader(None, None)


def test_caveated_text_needs_the_caveat(index: SearchIndex) -> None:
    assert ids(index, "walrus", SECRET) == {"PNF"}
    assert ids(index, "narwhal", SECRET) == set()
    assert ids(index, "narwhal", SECRET_NF) == {"PNF"}
    assert ids(index, "platypus", SECRET) == set()
    assert ids(index, "platypus", SECRET_NF) == {"BNF"}
    assert ids(index, "dingo", SECRET) == set()  # the subject carries the banner caveat
    assert ids(index, "tag:KNNP", SECRET) == set()
    assert ids(index, "tag:KNNP", SECRET_NF) == {"BNF"}


def test_unknown_caveats_need_every_grant(index: SearchIndex) -> None:
    assert ids(index, "okapi", SECRET_NF) == set()
    everything = Reader("t", C.SECRET, frozenset({ALL}), frozenset({ALL}))
    assert ids(index, "okapi", everything) == {"ODD"}


def test_declassified_and_released_cables_match_in_full(index: SearchIndex) -> None:
    for reader in (NOBODY, SECRET):
        assert ids(index, "mammoth", reader) == {"OLD"}
        assert ids(index, "dodo", reader) == {"REL"}
        assert ids(index, "tag:PTER", reader) == {"REL"}
    closed = Policy(honour_decl_dates=False, today=lambda: TODAY)
    assert index.search("mammoth", scope=closed.search_scope(SECRET)).total == 0


def test_no_clearance_sees_only_declassified(index: SearchIndex) -> None:
    scope = POLICY.search_scope(NOBODY)
    assert scope.max_level == -1
    results = index.search("", scope=scope, per_page=50)
    assert {h.cable_id for h in results.hits} == {"OLD", "REL"} and results.total == 2
    assert dict(results.facets["tags"]) == {"ECON": 1, "PTER": 1}
    assert all(h.subject for h in results.hits)


def test_totals_facets_subjects_and_snippets_follow_the_scope(index: SearchIndex) -> None:
    results = index.search("", scope=POLICY.search_scope(SECRET), per_page=50)
    assert {h.cable_id for h in results.hits} == {"PNF", "OLD", "REL"}
    assert results.total == 3
    assert dict(results.facets["tags"]) == {"PREL": 1, "ECON": 1, "PTER": 1}
    conf = index.search("", scope=POLICY.search_scope(Reader("c", C.CONFIDENTIAL)))
    assert "PREL" not in dict(conf.facets["tags"])  # PNF is visible, its header is not
    assert next(h for h in conf.hits if h.cable_id == "PNF").subject is None
    hit = next(h for h in results.hits if h.cable_id == "PNF")
    assert hit.subject == "OPEN TOPIC KIWI"
    text = " ".join(f.text for f in hit.snippet)
    assert "narwhal" not in text
    nf_hit = index.search("walrus", scope=POLICY.search_scope(SECRET)).hits[0]
    assert "narwhal" not in " ".join(f.text for f in nf_hit.snippet)
