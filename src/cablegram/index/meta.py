"""Small files beside tantivy's own in the index directory: the watermark and the schema mark.

Both are written to a temporary file and renamed over the old one, so a crash leaves either
the old value or the new one, never a torn file. tantivy's garbage collection only removes
files it created itself, so these survive merges.
"""

from __future__ import annotations

import json
from pathlib import Path

from cablegram.files import replace_text

WATERMARK = "cablegram-watermark"
MARK = "cablegram-index.json"


def write_atomic(path: Path, text: str) -> None:
    replace_text(path, text, durable=True)


def read_watermark(directory: Path) -> int:
    try:
        return int((directory / WATERMARK).read_text(encoding="utf-8").strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def write_watermark(directory: Path, seq: int) -> None:
    write_atomic(directory / WATERMARK, f"{seq}\n")


def read_schema_version(directory: Path) -> int | None:
    try:
        data = json.loads((directory / MARK).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    version = data.get("schema") if isinstance(data, dict) else None
    return version if isinstance(version, int) else None


def write_schema_version(directory: Path, version: int) -> None:
    write_atomic(directory / MARK, json.dumps({"schema": version}) + "\n")
