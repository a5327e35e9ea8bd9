"""Replacing a small file whole: a reader sees the old content or the new, never half.

Used for the index's watermark and schema mark (which must also survive a power cut, so they
are synced), the facet counts kept beside the index, and the cache of parsed reference
tables. The temporary name carries the process id because several processes (web workers,
CLI runs) may write the same file at once.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_text(path: Path, text: str, *, durable: bool = False) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it over ``path``;
    ``durable`` syncs the file and its folder first. Raises OSError, leaving no temporary
    file behind."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
