"""Whatever the user hands us becomes one binary stream whose first bytes we may look at.

Sniffing needs the head of the data before choosing a reader, but stdin and gzip members
cannot seek back; so the head is read once and chained in front of the rest. Nothing here
reads a whole input into memory: cables.csv is 1.7 GB.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, cast

from cablegram.sources.record import SourceError

HEAD_SIZE = 64 * 1024
_BUFFER = 1 << 20

ErrorSink = Callable[[SourceError], None]


@dataclass(frozen=True, slots=True)
class Input:
    """One file's bytes (decompressed), with its head already read for sniffing."""

    name: str  # what locations start with: a path, "archive.zip/member", "<stdin>"
    stream: IO[bytes]  # the whole content, head included
    head: bytes


class _Prefixed(io.RawIOBase):
    """Replays ``head`` and then reads on from ``rest``: a peek for unseekable streams."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


class _TextAsBytes(io.RawIOBase):
    """A text stream seen as UTF-8 bytes, so that the user's own decoding is honoured."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending:
            chunk = self._text.read(max(1, len(view) // 4))
            if not chunk:
                return 0
            try:  # text decoded with surrogateescape gives its original bytes back
                self._pending = chunk.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                self._pending = chunk.encode("utf-8", "replace")
        n = min(len(view), len(self._pending))
        view[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def as_binary(stream: IO[Any]) -> IO[bytes]:
    """Text streams are re-encoded; a zero-length read tells the two kinds apart."""
    probe = stream.read(0)
    if isinstance(probe, str):
        return io.BufferedReader(_TextAsBytes(stream), _BUFFER)
    return stream


def stream_name(stream: IO[Any]) -> str:
    name = getattr(stream, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


def read_head(stream: IO[bytes], size: int = HEAD_SIZE) -> bytes:
    """Up to ``size`` bytes; pipes and decompressors may return short reads before EOF."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        data = stream.read(size - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def peeked(name: str, stream: IO[bytes]) -> Input:
    head = read_head(stream)
    whole = io.BufferedReader(_Prefixed(head, stream), _BUFFER)
    return Input(name, whole, head)


def compression_of(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return None


def decompressing(raw: Input) -> Input:
    """The same input with its compression layer (gzip, bz2, xz) removed, if it has one."""
    kind = compression_of(raw.head)
    if kind is None:
        return raw
    inner: IO[bytes]
    if kind == "gzip":
        inner = cast(IO[bytes], gzip.GzipFile(fileobj=raw.stream, mode="rb"))
    elif kind == "bz2":
        inner = cast(IO[bytes], bz2.BZ2File(raw.stream))
    else:
        inner = cast(IO[bytes], lzma.LZMAFile(raw.stream))  # noqa: SIM115 - closed with raw
    return peeked(raw.name, inner)


def decompress_head(head: bytes) -> bytes:
    """What a partial compressed head decompresses to, for sniffing without a stream."""
    kind = compression_of(head)
    try:
        if kind == "gzip":
            return zlib.decompressobj(31).decompress(head, HEAD_SIZE)
        if kind == "bz2":
            return bz2.BZ2Decompressor().decompress(head, HEAD_SIZE)
        if kind == "xz":
            return lzma.LZMADecompressor().decompress(head, HEAD_SIZE)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return b""
    return head


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that read it: UTF-8 first, then the legacy Windows/Latin-1.

    The BOM is not part of the published text, so it goes. cp1252 comes before Latin-1
    because PDF-to-text files write ``¶`` and curly quotes in it; Latin-1 never fails.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
