"""Ingest indexes each batch as it stores it: the index must equal one rebuilt from the store,
after a clean run, a re-run, an interrupted run and a real ``kill -9``."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tantivy
from invented_cables import generate, older_version, write_jsonl
from test_kill9 import kill_when, stored_versions

from cablegram.archive import Archive
from cablegram.index import SearchIndex, rebuild, sync
from cablegram.index import schema as f
from cablegram.ingest import ingest
from cablegram.ingest.inline import InlineIndexer
from cablegram.sources import read
from cablegram.sources.record import SourceRecord
from cablegram.store.sqlite import SQLiteStore


def documents(index: SearchIndex) -> dict[str, dict[str, Any]]:
    """Every live document's stored fields, by cable id (fails on a duplicated id)."""
    index.refresh()
    searcher = index._searcher()[0]
    found = searcher.search(tantivy.Query.all_query(), max(1, searcher.num_docs)).hits
    docs: dict[str, dict[str, Any]] = {}
    for _, address in found:
        doc = searcher.doc(address).to_dict()
        cable_id = doc[f.ID][0]
        assert cable_id not in docs, f"{cable_id} indexed twice"
        docs[cable_id] = doc
    return docs


def rebuilt(db: Path, where: Path) -> dict[str, dict[str, Any]]:
    with SQLiteStore(db) as store:
        rebuild(store, where)
    with SearchIndex.open(where, create=False) as index:
        return documents(index)


def in_step(archive: Archive) -> bool:
    index = archive.index()
    return index.watermark() == archive.store.last_change() and sync(archive.store, index) == 0


@pytest.mark.parametrize("workers", [0, 2])
def test_inline_index_equals_a_rebuild(tmp_path: Path, small_jsonl: Path, workers: int) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        summary = archive.ingest([small_jsonl], workers=workers, batch_size=7)
        assert summary.records == 37 and summary.index_seconds > 0
        assert in_step(archive)
        docs = documents(archive.index())
    expected = rebuilt(db, tmp_path / "rebuilt")
    assert len(expected) == 30 and docs == expected
    assert sorted({d[f.VERSIONS][0] for d in docs.values()}) == [1, 2]  # counts corrected
    with Archive(db) as archive:  # a re-run changes nothing, in the store or the index
        again = archive.ingest([small_jsonl], workers=workers, batch_size=7)
        assert again.by_format["jsonl:cablegate-html"].unchanged == 35
        assert in_step(archive) and documents(archive.index()) == expected


def test_a_run_stopped_between_store_and_index_commits_is_repaired(
    tmp_path: Path, small_jsonl: Path
) -> None:
    db = tmp_path / "a.db"

    def failing(source: str | Path, **options: Any) -> Iterator[SourceRecord]:
        for n, record in enumerate(read(source, **options)):
            if n == 20:
                raise RuntimeError("the machine went away")
            yield record

    with SQLiteStore(db) as store, SearchIndex.open(db.with_suffix(".db.index")) as index:
        indexer = InlineIndexer(index, store, every=10)
        with pytest.raises(RuntimeError):
            ingest([small_jsonl], store, indexer=indexer, workers=0, batch_size=3, chunk_size=2,
                   reader=failing)
        assert 0 < index.watermark() < store.last_change()  # committed some, not all
    with Archive(db) as archive:  # opening the index syncs what the store has beyond it
        assert archive.index_path == db.with_suffix(".db.index")
        docs = documents(archive.index())
        assert in_step(archive)
    assert docs == rebuilt(db, tmp_path / "rebuilt") and len(docs) > 0


SCRIPT = """
import sys
from cablegram.index import SearchIndex
from cablegram.ingest import ingest
from cablegram.ingest.inline import InlineIndexer
from cablegram.store import open_store
from cablegram.index import sync
store = open_store(sys.argv[1])
with SearchIndex.open(sys.argv[1] + ".index") as index:
    sync(store, index)
    ingest(sys.argv[2:], store, indexer=InlineIndexer(index, store, every=150), batch_size=40,
           chunk_size=16, index_sync=lambda: sync(store, index))
store.close()
"""


def run(db: Path, source: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(db), str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def test_kill_minus_nine_during_inline_indexing(tmp_path: Path) -> None:
    cables = generate(1500, seed=21)
    rnd = random.Random(22)
    objects = [c.obj for c in cables] + [older_version(c, rnd) for c in cables[::7]]
    source = write_jsonl(tmp_path / "cables.jsonl", objects)
    db = tmp_path / "a.db"
    total = 1500 + len(objects[1500:])
    partial = []
    for share in (0.3, 0.7):  # after some index commits (every 150 records), mid-batch
        kill_when(run(db, source), db, int(share * total), rnd.uniform(0, 0.03))
        partial.append(stored_versions(db))
    assert any(0 < n < total for n in partial), partial
    final = run(db, source)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()[-2000:]
    with SearchIndex.open(Path(f"{db}.index"), create=False) as index:
        docs = documents(index)
        with SQLiteStore(db) as store:
            assert index.watermark() == store.last_change()
    assert len(docs) == 1500 and docs == rebuilt(db, tmp_path / "rebuilt")
