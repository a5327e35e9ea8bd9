"""The real corpus (read from ../shared at run time, never copied): ids, versions, re-runs."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cablegram.ingest import ingest
from cablegram.sources.jsonl import from_object
from cablegram.sources.record import SourceRecord
from cablegram.store.sqlite import SQLiteStore

# Not imported from conftest: tests/access has a conftest module of its own, and one
# pytest run over both directories would import whichever came first under that name.
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
CABLES = CORPUS / "cables.jsonl.gz"
VARIANTS = CORPUS / "variants.jsonl.gz"

pytestmark = pytest.mark.skipif(
    not (CABLES.exists() and VARIANTS.exists()),
    reason="the real corpus is not beside the repository (../shared/corpus)",
)


def records(path: Path) -> Iterator[SourceRecord]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = from_object(json.loads(line), f"{path}:{number}")
            assert isinstance(record, SourceRecord)
            yield record


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path_factory.mktemp("corpus") / "corpus.db")
    summary = ingest([CABLES, VARIANTS], store)
    store.summary = summary  # type: ignore[attr-defined]
    yield store
    store.close()


def test_every_record_is_stored(corpus_db: SQLiteStore) -> None:
    summary = corpus_db.summary  # type: ignore[attr-defined]
    totals = summary.totals
    assert totals.quarantined == 0, corpus_db.quarantined()[:3]
    assert totals.total == 6_746 + 192
    assert corpus_db.count() == 6_744
    stats = corpus_db.stats()
    assert stats.versions == 6_746 + 192
    assert 2009 in stats.by_year and stats.citations_resolved > 0


def test_variants_are_older_versions(corpus_db: SQLiteStore) -> None:
    variant_ids: set[str] = set()
    for record in records(VARIANTS):
        cable_id = record.reference_id
        assert cable_id is not None
        variant_ids.add(cable_id)
        sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        stored = [
            v
            for v in corpus_db.versions(cable_id)
            if v.text_sha256 == sha and v.metadata.get("created") == _iso(record)
        ]
        assert len(stored) == 1, f"variant of {cable_id} missing"
        assert not stored[0].is_current, f"an older version of {cable_id} became current"
    assert len(variant_ids) == 168
    for record in records(CABLES):
        if record.reference_id in variant_ids and record.format == "jsonl:cablegate-html":
            got = corpus_db.get(record.reference_id)
            assert got is not None and got.version.raw == record.text


def test_csv_row_and_pages_of_one_cable_are_versions(corpus_db: SQLiteStore) -> None:
    versions = corpus_db.versions("66BUENOSAIRES2481")
    # the undated CSV row ranks lowest; of the two pages the 2011-08-30 release is current
    assert [(v.source_format, v.released) for v in versions] == [
        ("jsonl:cablegate-csv", None),
        ("jsonl:cablegate-html", datetime(2011, 1, 21, 16, 4)),
        ("jsonl:cablegate-html", datetime(2011, 8, 30, 1, 44)),
    ]
    assert [v.is_current for v in versions] == [False, False, True]


def test_second_ingest_is_all_unchanged(corpus_db: SQLiteStore) -> None:
    seq = corpus_db.last_change()
    summary = ingest([CABLES, VARIANTS], corpus_db)
    totals = summary.totals
    assert (totals.new, totals.updated, totals.quarantined) == (0, 0, 0)
    assert totals.unchanged == 6_746 + 192
    assert corpus_db.last_change() == seq


def _iso(record: SourceRecord) -> str | None:
    return record.created.isoformat(timespec="seconds") if record.created else None
