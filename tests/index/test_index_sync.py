"""The index follows the real SQLite store, through re-runs, crashes and replaced stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from index_helpers import C, cable, para

from cablegram.index import IndexUnusable, SearchIndex, rebuild, sync
from cablegram.index import meta as index_meta
from cablegram.model import Cable
from cablegram.sources.record import SourceRecord
from cablegram.store import rows
from cablegram.store.base import ParsedRecord
from cablegram.store.sqlite import SQLiteStore


def parsed(cable_id: str, word: str, *, released: datetime | None = None) -> ParsedRecord:
    """A record whose only distinctive word is ``word`` (a new word makes a new version)."""
    text = f"UNCLASSIFIED\n\nSUBJECT: INVENTED {word.upper()}\n\n1. (U) Invented text: {word}.\n"
    model: Cable = cable(
        level=C.UNCLASSIFIED,
        subject=f"INVENTED {word.upper()}",
        paragraphs=(para(1, f"Invented text: {word}.", C.UNCLASSIFIED),),
    )
    model = dataclasses.replace(model, raw=text, reference_id=cable_id)
    record = SourceRecord(
        text=text,
        format="text",
        location=f"invented/{cable_id}.txt",
        reference_id=cable_id,
        released=released,
    )
    return ParsedRecord(record, cable_id, model, rows.text_sha256(text))


def cable_ids(count: int, start: int = 0) -> list[str]:
    return [f"06ALMATY{n}" for n in range(start + 1, start + count + 1)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "archive.db") as opened:
        opened.add([parsed(cid, f"word{n}") for n, cid in enumerate(cable_ids(30))])
        yield opened


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "index"


def hits(index: SearchIndex, query: str) -> list[str]:
    return [h.cable_id for h in index.search(query, per_page=100, facets=False).hits]


def test_sync_fills_a_new_index_then_has_nothing_to_do(
    store: SQLiteStore, index_path: Path
) -> None:
    with SearchIndex.open(index_path) as index:
        assert index.fresh and index.watermark() == 0
        assert sync(store, index) == 30
        assert index.ids() == set(store.cable_ids())
        assert index.watermark() == store.last_change()
        assert sync(store, index) == 0
        assert hits(index, "word7") == ["06ALMATY8"]
    with SearchIndex.open(index_path) as reopened:
        assert not reopened.fresh
        assert sync(store, reopened) == 0
        assert reopened.count() == 30


def test_a_new_version_replaces_the_document(store: SQLiteStore, index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        sync(store, index)
        store.add([parsed("06ALMATY3", "replacement", released=datetime(2011, 8, 30))])
        assert sync(store, index) == 1
        assert hits(index, "replacement") == ["06ALMATY3"]
        assert hits(index, "word2") == []
        assert hits(index, "id:06ALMATY3") == ["06ALMATY3"]
        assert index.count() == 30


def test_sync_in_small_batches(store: SQLiteStore, index_path: Path) -> None:
    progress: list[tuple[int, int | None]] = []
    with SearchIndex.open(index_path) as index:
        sync(store, index)
        store.add([parsed(cid, "second") for cid in cable_ids(25, start=30)])
        applied = sync(store, index, batch=7, progress=lambda d, t: progress.append((d, t)))
        assert applied == 25
        assert [done for done, _ in progress] == [7, 14, 21, 25]
        assert index.count() == 55 and index.watermark() == store.last_change()


def test_crash_between_index_commit_and_watermark(
    store: SQLiteStore, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SearchIndex.open(index_path) as index:
        sync(store, index)
        mark = index.watermark()
    store.add([parsed("06ALMATY5", "crashword", released=datetime(2011, 1, 1))])
    store.add([parsed(cid, "more") for cid in cable_ids(3, start=30)])

    def crash(directory: Path, seq: int) -> None:
        raise OSError("simulated crash after the tantivy commit")

    monkeypatch.setattr(index_meta, "write_watermark", crash)
    with SearchIndex.open(index_path) as index, pytest.raises(OSError, match="simulated"):
        sync(store, index)
    monkeypatch.undo()

    with SearchIndex.open(index_path) as index:
        assert index.watermark() == mark  # the index has the changes, the watermark does not
        assert hits(index, "crashword") == ["06ALMATY5"]
        assert sync(store, index) == 4  # applied again: harmless
        assert index.watermark() == store.last_change()
        assert hits(index, "crashword") == ["06ALMATY5"]
        assert hits(index, "id:06ALMATY5") == ["06ALMATY5"]
        assert index.count() == store.count() == 33


def test_crash_before_index_commit(store: SQLiteStore, index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        sync(store, index)
    store.add([parsed("06ALMATY9", "lostword", released=datetime(2011, 1, 1))])
    with SearchIndex.open(index_path) as index:
        found = store.get("06ALMATY9")
        assert found is not None
        index.upsert([("06ALMATY9", found.cable, found.version_count)])
        # closed without commit: as if the process died here
    with SearchIndex.open(index_path) as index:
        assert hits(index, "lostword") == []
        assert sync(store, index) == 1
        assert hits(index, "lostword") == ["06ALMATY9"]


def test_a_replaced_store_removes_extras(
    store: SQLiteStore, index_path: Path, tmp_path: Path
) -> None:
    with SearchIndex.open(index_path) as index:
        sync(store, index)
    with SQLiteStore(tmp_path / "other.db") as other, SearchIndex.open(index_path) as index:
        other.add([parsed(cid, "fresh") for cid in cable_ids(4, start=100)])
        assert other.last_change() < index.watermark()
        assert sync(other, index) == 4
        assert index.ids() == set(other.cable_ids())
        assert index.watermark() == other.last_change()


def test_watermark_zero_means_refill(store: SQLiteStore, index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        index.upsert([("99NOWHERE1", cable(subject="STRAY"), 1)])
        index.commit(0)
        assert "99NOWHERE1" in index.ids()
        assert sync(store, index) == 30
        assert index.ids() == set(store.cable_ids())


def test_count_mismatch_is_repaired(store: SQLiteStore, index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        sync(store, index)
        mark = index.watermark()
        index.delete(["06ALMATY1", "06ALMATY2"])
        index.upsert([("99NOWHERE1", cable(subject="STRAY"), 1)])
        index.commit(mark)
        assert sync(store, index) == 3
        assert index.ids() == set(store.cable_ids())
        assert index.watermark() == mark


def test_rebuild_starts_over(store: SQLiteStore, index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        index.upsert([("99NOWHERE1", cable(subject="STRAY"), 1)])
        index.commit(12345)
    assert rebuild(store, index_path) == 30
    with SearchIndex.open(index_path, create=False) as index:
        assert index.ids() == set(store.cable_ids())
        assert index.watermark() == store.last_change()


def test_watermark_survives_merges_and_garbage_collection(index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        for n in range(15):
            index.upsert([(f"06ROME{n}", cable(origin="ROME"), 1)])
            index.commit(n + 1)
    with SearchIndex.open(index_path) as index:
        assert index.watermark() == 15 and index.count() == 15
    assert not list(index_path.glob(".*.tmp"))


def test_an_index_of_another_schema_is_recreated(index_path: Path) -> None:
    with SearchIndex.open(index_path) as index:
        index.upsert([("06ROME1", cable(), 1)])
        index.commit(7)
    index_meta.write_atomic(index_path / index_meta.MARK, '{"schema": 0}\n')
    with pytest.raises(IndexUnusable):
        SearchIndex.open(index_path, create=False)
    with SearchIndex.open(index_path) as index:
        assert index.fresh and index.count() == 0 and index.watermark() == 0


def test_a_folder_that_is_not_an_index_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(IndexUnusable, match="not a search index"):
        SearchIndex.open(folder)
    assert (folder / "notes.txt").read_text() == "keep me"


def test_a_second_writer_is_refused(index_path: Path) -> None:
    with SearchIndex.open(index_path) as first, SearchIndex.open(index_path) as second:
        first.upsert([("06ROME1", cable(), 1)])
        with pytest.raises(IndexUnusable, match="cannot write"):
            second.upsert([("06ROME2", cable(), 1)])
        first.commit(1)
        second.refresh()
        assert second.search("").total == 1  # readers never need the lock
