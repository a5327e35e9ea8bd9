"""``kill -9`` during ingest, for real and repeatedly: a re-run must end where a clean run ends.

A real process is started on 3,300 invented records (3,000 cables, 300 older versions, two
broken lines) and killed with SIGKILL five times over, each time resuming the same database:
once while it starts up, then each time it has committed a bit more (15, 40, 65 and 90 per
cent of the versions, watched from a reader connection, plus a random few milliseconds so the
kill lands inside a batch as often as between two). Then it runs to completion. Every row a
run decides (version ids, keys, hashes, current versions, references, tags, change log,
quarantine) must equal those of a clean run. Small batches make many commits to land among.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from db_snapshot import snapshot
from invented_cables import generate, older_version, write_jsonl

SCRIPT = """
import sys
from cablegram.ingest import ingest
from cablegram.store import open_store
store = open_store(sys.argv[1])
ingest(sys.argv[2:], store, batch_size=40, chunk_size=16)
store.close()
"""


def start(db: Path, source: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # inherits PYTHONPATH: ``make test`` runs both parser builds
        [sys.executable, "-c", SCRIPT, str(db), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[bytes]) -> None:
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()[-2000:]


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)  # the ingest process only, as a user's kill -9 would
    process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):  # then the orphaned parse workers
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)  # close the pipes


def kill_when(process: subprocess.Popen[bytes], db: Path, versions: int, jitter: float) -> None:
    """SIGKILL once ``versions`` are committed (or the run ends by itself first)."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if stored_versions(db, check=False) >= versions:
            time.sleep(jitter)
            break
        time.sleep(0.003)
    kill(process)


def stored_versions(db: Path, *, check: bool = True) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=5)
    try:
        if check:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM versions").fetchone()[0])
    except sqlite3.OperationalError:  # killed before the schema was committed
        return 0
    finally:
        conn.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cables = generate(3000, seed=3)
    rnd = random.Random(4)
    objects = [c.obj for c in cables]
    for i, cable in enumerate(cables[::10]):  # older versions interleaved, after their cable
        objects.insert(min(len(objects), 20 * (i + 1) + i), older_version(cable, rnd))
    broken = ['{"id": "07ROME1", "content": ', '["not", "an", "object"]']
    return write_jsonl(
        tmp_path_factory.mktemp("kill") / "cables.jsonl", objects, extra_lines=broken
    )


def test_kill_minus_nine_then_rerun_equals_a_clean_run(tmp_path: Path, source: Path) -> None:
    clean = tmp_path / "clean.db"
    began = time.perf_counter()
    finish(start(clean, source))
    clean_seconds = time.perf_counter() - began
    expected = snapshot(clean)
    total = len(expected["versions"])
    assert total == 3300 and len(expected["quarantine"]) == 2

    crashed = tmp_path / "crashed.db"
    rnd = random.Random(9)
    process = start(crashed, source)
    time.sleep(rnd.uniform(0.05, 0.5))  # imports, forkserver, migrations, first chunks
    kill(process)
    partial = [stored_versions(crashed)]
    for share in (0.15, 0.4, 0.65, 0.9):
        kill_when(start(crashed, source), crashed, int(share * total), rnd.uniform(0, 0.03))
        partial.append(stored_versions(crashed))
    finish(start(crashed, source))
    print(f"clean run {clean_seconds:.1f}s; versions stored after each kill: {partial}")

    assert snapshot(crashed) == expected
    assert sum(0 < n < total for n in partial) >= 3, f"kills did not land mid-run: {partial}"
