"""Compare whole archives: what two ingest runs decided, row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything a run decides, minus wall-clock times: equal snapshots = equal archives."""
    conn = sqlite3.connect(db)
    try:
        return {
            "versions": conn.execute(
                "SELECT version_id, cable_id, version_key, text_sha256, source_format,"
                " source_location, released, source_rank, parsed, raw, metadata"
                " FROM versions ORDER BY version_id"
            ).fetchall(),
            "cables": conn.execute("SELECT * FROM cables ORDER BY cable_id").fetchall(),
            "refs": conn.execute("SELECT * FROM refs ORDER BY cable_id, position").fetchall(),
            "tags": conn.execute("SELECT * FROM tags ORDER BY cable_id, code").fetchall(),
            "changes": conn.execute("SELECT seq, cable_id FROM changes ORDER BY seq").fetchall(),
            "quarantine": conn.execute(
                "SELECT location, reason, raw_sha256 FROM quarantine ORDER BY 1, 2, 3"
            ).fetchall(),
        }
    finally:
        conn.close()
