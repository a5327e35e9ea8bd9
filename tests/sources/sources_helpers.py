"""Paths shared by the source-reader tests.

Fixtures under tests/fixtures/sources are invented cables written in the real layouts:
``good/`` reads without errors, ``bad/`` holds one malformed file of each kind, ``pdf/`` a
one-page PDF. The real corpus is read at run time from the ``shared`` folder beside the
repository, when it is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import IO

from cablegram.sources import SourceError, SourceRecord, read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
PDF = FIXTURES / "pdf"
SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"


def read_all(
    source: str | PathLike[str] | IO[bytes] | IO[str], format: str | None = None
) -> tuple[list[SourceRecord], list[SourceError]]:
    """Every record and every error of a source, errors collected instead of raised."""
    errors: list[SourceError] = []
    records = list(read(source, format=format, on_error=errors.append))
    return records, errors


def one(records: Iterable[SourceRecord]) -> SourceRecord:
    (record,) = list(records)
    return record
