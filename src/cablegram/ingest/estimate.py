"""An estimate of how many records a run will read, for the progress bar's ETA.

Readers stream and cannot say how far into a file they are, but a file's (uncompressed) size
is known up front, and cable text makes up nearly all of a cables.csv row or a JSON line.
So records so far x (input bytes / text bytes so far) predicts the total; it runs a few per
cent high (markup and metadata are not text) and converges as the run goes on. Inputs whose
size cannot be known cheaply (bz2, xz, pipes) or that are mostly markup (HTML page trees)
give no estimate, and the bar just counts.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

_GZIP = b"\x1f\x8b"
_MARKUP_SUFFIXES = (".html", ".htm", ".zip", ".tar", ".tgz", ".pdf", ".bz2", ".xz")


def input_size(sources: Sequence[str | Path]) -> int | None:
    """Uncompressed bytes of all sources, or None if any is of unknown or misleading size."""
    total = 0
    for source in sources:
        size = _file_size(Path(source))
        if size is None:
            return None
        total += size
    return total or None


def _file_size(path: Path) -> int | None:
    try:
        info = path.stat()
    except OSError:
        return 0  # reported as unreadable by the reader; no bytes to wait for
    if not stat.S_ISREG(info.st_mode) or path.name.lower().endswith(_MARKUP_SUFFIXES):
        return None
    with open(path, "rb") as f:
        if f.read(2) != _GZIP:
            return info.st_size
        if info.st_size < 18:
            return None
        f.seek(-4, os.SEEK_END)
        isize = int.from_bytes(f.read(4), "little")  # uncompressed size mod 2**32
    # past 4 GiB the field wraps; text compresses 2-12x, so other ratios mean it did
    return isize if 1.5 * info.st_size <= isize <= 20 * info.st_size else None


class Estimator:
    """Turns (records, text characters) seen so far into an expected total."""

    def __init__(self, input_bytes: int | None) -> None:
        self.input_bytes = input_bytes
        self.records = 0
        self.text = 0

    def saw(self, text_chars: int) -> None:
        self.records += 1
        self.text += text_chars

    def total(self) -> int | None:
        if not self.input_bytes or not self.text:
            return None
        return max(self.records, round(self.records * self.input_bytes / self.text))
