from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from db_snapshot import snapshot

from cablegram.ingest import ingest
from cablegram.ingest import work as work_module
from cablegram.ingest.pool import ordered_map
from cablegram.ingest.summary import UNREADABLE
from cablegram.store.sqlite import SQLiteStore

HTML = "jsonl:cablegate-html"


class Recorder:
    def __init__(self) -> None:
        self.started: list[int | None] = []
        self.totals: list[int] = []
        self.done = 0
        self.notes: list[str] = []

    def start(self, total: int | None) -> None:
        self.started.append(total)

    def set_total(self, total: int) -> None:
        self.totals.append(total)

    def advance(self, n: int) -> None:
        self.done += n

    def note(self, message: str) -> None:
        self.notes.append(message)


def test_first_ingest(tmp_path: Path, small_jsonl: Path) -> None:
    calls: list[str] = []
    progress = Recorder()
    with SQLiteStore(tmp_path / "a.db") as store:
        summary = ingest(
            [small_jsonl],
            store,
            workers=0,
            batch_size=7,
            progress=progress,
            index_sync=lambda: calls.append("sync"),
        )
        html = summary.by_format[HTML]
        assert (html.new, html.updated, html.unchanged, html.quarantined) == (30, 5, 0, 1)
        assert summary.by_format[UNREADABLE].quarantined == 1
        assert summary.records == 37 and progress.done == 37 and progress.started == [None]
        assert calls == ["sync"] and summary.rate > 0 and summary.store_seconds > 0
        stats = store.stats()
        assert (stats.cables, stats.versions, stats.quarantined) == (30, 35, 2)
        assert stats.citations_resolved > 0 and stats.citations_missing >= 0
        reasons = sorted(e.reason.split(":")[0] for e in store.quarantined())
        assert reasons == ["no cable id", "not a JSON line"]
        assert all(e.location.startswith(str(small_jsonl)) for e in store.quarantined())
        assert all(e.raw for e in store.quarantined())


def test_older_versions_are_kept_but_not_current(tmp_path: Path, small_jsonl: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        ingest([small_jsonl], store, workers=0)
        multi = [cid for cid in store.cable_ids() if len(store.versions(cid)) > 1]
        assert len(multi) == 5
        for cid in multi:
            old, new = store.versions(cid)
            assert old.released is not None and new.released is not None
            assert old.released < new.released and new.is_current and not old.is_current
            assert old.metadata["extra"] == {
                "source": "invented/mirror:cable.html@000000000000",
                "version": "2",
            }


def test_second_ingest_changes_nothing(tmp_path: Path, small_jsonl: Path) -> None:
    db = tmp_path / "a.db"
    with SQLiteStore(db) as store:
        ingest([small_jsonl], store, workers=0)
        before = snapshot(db)
        summary = ingest([small_jsonl], store, workers=0)
        html = summary.by_format[HTML]
        assert (html.new, html.updated, html.unchanged) == (0, 0, 35)
        assert snapshot(db) == before


def test_workers_and_batches_do_not_change_the_result(tmp_path: Path, small_jsonl: Path) -> None:
    with SQLiteStore(tmp_path / "serial.db") as store:
        ingest([small_jsonl], store, workers=0, batch_size=500)
    with SQLiteStore(tmp_path / "parallel.db") as store:
        ingest([small_jsonl], store, workers=2, batch_size=3, chunk_size=4)
    assert snapshot(tmp_path / "serial.db") == snapshot(tmp_path / "parallel.db")


def test_unreadable_source_is_reported_and_the_run_goes_on(
    tmp_path: Path, small_jsonl: Path
) -> None:
    progress = Recorder()
    with SQLiteStore(tmp_path / "a.db") as store:
        summary = ingest(
            [tmp_path / "missing.jsonl", small_jsonl], store, workers=0, progress=progress
        )
        assert store.count() == 30
        assert summary.by_format[UNREADABLE].quarantined == 2
        assert any("missing.jsonl" in e.location for e in store.quarantined())
        assert any("missing.jsonl" in n for n in progress.notes)


def test_parser_crash_costs_one_record(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = work_module.parse
    victim = {"n": 0}

    def flaky(text: str, **hints: object) -> object:
        victim["n"] += 1
        if victim["n"] == 3:
            raise RuntimeError("invented parser bug")
        return real(text, **hints)  # type: ignore[arg-type]

    monkeypatch.setattr(work_module, "parse", flaky)
    with SQLiteStore(tmp_path / "a.db") as store:
        summary = ingest([small_jsonl], store, workers=0)
        assert summary.by_format[HTML].quarantined == 2
        assert any("RuntimeError: invented parser bug" in e.reason for e in store.quarantined())


def test_lone_surrogates_are_quarantined() -> None:
    result = work_module.run_one("C O N F I D E N T I A L ROME 000001 \udc80", "07ROME1", None)
    assert isinstance(result, work_module.Failed)
    assert "not valid Unicode" in result.reason


def _square(n: int) -> int:
    return n * n


def test_ordered_map_keeps_order_and_bounds_what_it_reads() -> None:
    consumed = itertools.count()

    def numbers() -> itertools.chain[int]:
        return itertools.chain.from_iterable((next(consumed), n)[1:] for n in range(1000))

    results = ordered_map(_square, numbers(), lambda n: n, workers=1, window=3)
    first = next(results)
    assert first == (0, 0)
    assert next(consumed) <= 5  # window + the one being waited for, not 1000
    rest = list(results)
    assert [n for n, _ in rest] == list(range(1, 1000))
    assert all(sq == n * n for n, sq in rest)


def test_reparse_rewrites_only_what_changed(tmp_path: Path, small_jsonl: Path) -> None:
    from cablegram.ingest import reparse

    db = tmp_path / "a.db"
    with SQLiteStore(db) as store:
        ingest([small_jsonl], store, workers=0)
        assert reparse(store, workers=0) == 0
        before = snapshot(db)
        conn = sqlite3.connect(db)
        target = conn.execute(
            "SELECT current_version_id, cable_id FROM cables ORDER BY cable_id LIMIT 1"
        ).fetchone()
        conn.execute(
            'UPDATE versions SET parsed = \'{"subject":"STALE"}\' WHERE version_id = ?',
            (target[0],),
        )
        conn.execute("UPDATE cables SET subject = 'STALE' WHERE cable_id = ?", (target[1],))
        conn.commit()
        conn.close()
        seq = store.last_change()
        assert reparse(store, workers=2) == 1
        assert list(store.changes_since(seq)) == [(seq + 1, target[1])]
        after = snapshot(db)
        assert after["versions"] == before["versions"]
        assert after["cables"] == before["cables"]
        assert after["refs"] == before["refs"]


def test_rerun_parses_only_what_is_not_stored(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        ingest([small_jsonl], store, workers=0)
        real = work_module.parse
        seen: list[str] = []

        def counting(text: str, **hints: object) -> object:
            seen.append(text)
            return real(text, **hints)  # type: ignore[arg-type]

        monkeypatch.setattr(work_module, "parse", counting)
        progress = Recorder()
        summary = ingest([small_jsonl], store, workers=0, progress=progress)
        assert summary.by_format[HTML].unchanged == 35
        assert len(seen) == 1 and "without any marking" in seen[0]  # the record with no id
        assert progress.done == 37


def test_progress_gets_an_estimated_total(tmp_path: Path, small_jsonl: Path) -> None:
    progress = Recorder()
    with SQLiteStore(tmp_path / "a.db") as store:
        ingest([small_jsonl], store, workers=0, batch_size=10, progress=progress)
    assert progress.totals and all(35 <= t <= 50 for t in progress.totals), progress.totals


def test_quarantine_notes_are_capped(tmp_path: Path) -> None:
    source = tmp_path / "broken.jsonl"
    source.write_text("".join(f'{{"id": "07ROME{n}", "content": \n' for n in range(1, 60)))
    progress = Recorder()
    with SQLiteStore(tmp_path / "a.db") as store:
        summary = ingest([source], store, workers=0, progress=progress)
        assert summary.totals.quarantined == 59 and len(store.quarantined()) == 59
    assert len(progress.notes) == 21 and "cablegram quarantine" in progress.notes[-1]
