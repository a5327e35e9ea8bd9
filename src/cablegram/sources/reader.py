"""``read``: any path, directory, archive or stream a user has, as SourceRecords.

Every file is sniffed on its own (mirrors mix pages, CSVs and text), compression is looked
through, and zip and tar archives are walked like directories. Nothing is skipped
silently except what cannot hold a cable by its name (images, style sheets, scripts,
fonts, dot-files); everything else becomes records or a SourceError.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from cablegram.sources import aad, cablegate_html, cables_csv, jsonl, pdf, plusd, text
from cablegram.sources.detect import (
    AAD,
    CONTAINERS,
    CSV,
    HTML,
    JSONL,
    PDF,
    PLUSD,
    SEVENZIP,
    TAR,
    TEXT,
    ZIP,
    sniff,
)
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import (
    ErrorSink,
    Input,
    as_binary,
    decompressing,
    peeked,
    read_head,
    stream_name,
)

Reader = Callable[[Input, ErrorSink], Iterator[SourceRecord]]
READERS: dict[str, Reader] = {
    CSV: cables_csv.read,
    HTML: cablegate_html.read,
    PLUSD: plusd.read,
    JSONL: jsonl.read,
    TEXT: text.read,
    PDF: pdf.read,
    AAD: aad.read,
}
FORMATS = (*READERS, *CONTAINERS)
SKIPPED_SUFFIXES = frozenset(
    (".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".bmp", ".tif", ".tiff",
     ".css", ".js", ".map", ".woff", ".woff2", ".ttf", ".eot", ".otf", ".swf", ".pyc")
)  # fmt: skip
_RAW_LIMIT = 16 << 20  # bytes of an unreadable file kept in its SourceError
_SPOOL = 64 << 20
_STREAM_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError, zipfile.BadZipFile)


def read(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    format: str | None = None,
    on_error: Callable[[SourceError], None] | None = None,
) -> Iterator[SourceRecord]:
    """Yield the records of a file, a directory tree, an archive or an open stream.

    ``format`` forces one reader for every file instead of sniffing each. Without
    ``on_error`` the first unreadable file, row or page raises SourceError; with it, each
    error goes to the callback and reading goes on.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    sink = on_error or _raise
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if os.path.isdir(path):
            yield from _walk(path, format, sink)
        else:
            yield from _read_path(path, format, sink)
    else:
        name = stream_name(source)
        records = _read_stream(name, as_binary(source), format, sink)
        yield from _guarded(name, None, records, sink)


def _raise(err: SourceError) -> None:
    raise err


def skipped(name: str) -> bool:
    """Files that cannot hold a cable, judged by name: not worth an error each."""
    base = os.path.basename(name)
    return base.startswith(".") or os.path.splitext(base)[1].lower() in SKIPPED_SUFFIXES


def _walk(root: str, format: str | None, sink: ErrorSink) -> Iterator[SourceRecord]:
    """A directory's files in name order, then its subdirectories in name order."""

    def unlistable(err: OSError) -> None:
        sink(SourceError(f"{err.filename}@0", f"cannot list directory: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not skipped(filename):
                yield from _read_path(os.path.join(dirpath, filename), format, sink)


def _read_path(path: str, format: str | None, sink: ErrorSink) -> Iterator[SourceRecord]:
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as err:
        sink(SourceError(f"{path}@0", f"cannot open: {err.strerror or err}"))
        return
    with f:
        if f.seekable():  # a zip is opened in place; pipes and FIFOs are streamed
            kind = format or sniff(read_head(f, 8))
            f.seek(0)
            if kind == ZIP:
                yield from _guarded(path, f, _zip(path, f, format, sink), sink)
                return
        yield from _guarded(path, f, _read_stream(path, f, format, sink), sink)


def _guarded(
    name: str,
    f: IO[bytes] | None,
    records: Iterator[SourceRecord],
    sink: ErrorSink,
) -> Iterator[SourceRecord]:
    """Broken compression, truncated archives and I/O errors become SourceErrors."""
    try:
        yield from records
    except _STREAM_ERRORS as err:
        where = _offset(f)
        sink(SourceError(f"{name}@{where}", f"unreadable ({type(err).__name__}): {err}"))


def _offset(f: IO[bytes] | None) -> str:
    try:
        return str(f.tell()) if f is not None else "?"
    except (OSError, ValueError):
        return "?"


def _read_stream(
    name: str, stream: IO[bytes], format: str | None, sink: ErrorSink
) -> Iterator[SourceRecord]:
    inner = decompressing(peeked(name, stream))
    kind = format or sniff(inner.head)
    reader = READERS.get(kind)
    if reader is not None:
        yield from reader(inner, sink)
    elif kind == ZIP:
        with _spooled(inner.stream) as copy:
            yield from _zip(name, copy, format, sink)
    elif kind == TAR:
        yield from _tar(name, inner.stream, format, sink)
    elif kind == SEVENZIP:
        sink(SourceError(f"{name}@0", "7z archive: extract it first (7z is not supported)"))
    else:
        why = "" if inner.head.strip() else " (empty)"
        sink(SourceError(f"{name}:1", _UNKNOWN + why, inner.stream.read(_RAW_LIMIT)))


_UNKNOWN = (
    "not a recognised cable source: no cablegate or PlusD page, cables.csv row, JSON object, "
    "AAD dump or cable-like text at its start"
)


def _spooled(stream: IO[bytes]) -> Any:
    copy = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - caller closes
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


def _zip(name: str, f: IO[bytes], format: str | None, sink: ErrorSink) -> Iterator[SourceRecord]:
    inner_format = None if format == ZIP else format
    with zipfile.ZipFile(f) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or skipped(info.filename) or _hidden(info.filename):
                continue
            member = f"{name}/{info.filename}"
            with archive.open(info) as stream:
                records = _read_stream(member, stream, inner_format, sink)
                yield from _guarded(member, None, records, sink)


def _tar(name: str, f: IO[bytes], format: str | None, sink: ErrorSink) -> Iterator[SourceRecord]:
    """Members in archive order: a streamed tar cannot be sorted without reading it twice."""
    inner_format = None if format == TAR else format
    with tarfile.open(fileobj=f, mode="r|") as archive:
        for info in archive:
            if not info.isfile() or skipped(info.name) or _hidden(info.name):
                continue
            stream = archive.extractfile(info)
            if stream is None:
                continue
            member = f"{name}/{info.name}"
            yield from _guarded(
                member, None, _read_stream(member, stream, inner_format, sink), sink
            )


def _hidden(member: str) -> bool:
    return any(part.startswith(".") for part in member.split("/") if part not in ("", "."))
