"""Shared helpers for the benchmarks: where the corpus is, and how to describe the machine."""

from __future__ import annotations

import gzip
import json
import os
import platform
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CABLEGRAM_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"


def corpus_records(name: str = "cables.jsonl.gz") -> Iterator[dict[str, Any]]:
    path = CORPUS / name
    if not path.exists():
        sys.exit(f"corpus not found at {path}; set CABLEGRAM_SHARED to the shared/ folder")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def cable_text(rec: dict[str, Any]) -> str:
    header = rec.get("header")
    return f"{header}\n\n{rec['content']}" if header else str(rec["content"])


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
