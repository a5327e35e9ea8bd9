"""The indexed text of each cable, kept beside the index for snippets (``texts.sqlite``).

Why not tantivy's own document store: the text was two thirds of the index's bytes, and
tantivy maps its segment files into memory. Merging segments during an ingest mapped whole
stores and counted about 440 MB of the ingest's resident memory; SQLite reads pages into a
small bounded cache instead. The text is kept per index field, exactly as indexed (one field
per classification level and caveat requirement), so a reader's snippet is still cut only
from fields the search scope lets them see.

Writes follow the index's commits: ``SearchIndex.commit`` commits tantivy, then this file,
then the watermark. A crash in between leaves changes after the watermark, which the next
sync writes again (puts replace rows), so both sides end up complete.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import lz4.block
import tantivy

from cablegram.index import schema as f

_log = logging.getLogger(__name__)

FILE = "texts.sqlite"
_LOOKUP_CHUNK = 500  # ids per SELECT: under SQLite's bound-parameter limit
# A cable's compressed text is ~6 KB. Larger pages hold rows whole (64 KB: the file is 1.08x
# the payload, against 1.13x with 4 KB pages, where rows spill onto overflow pages), but a
# lookup then copies 64 KB per b-tree page: ten hits cost 1.0 ms in a fresh process against
# 0.3 ms with 4 KB pages (Cablegate-scale file, measured). Lookups are what matters.
PAGE_SIZE = 4096

Texts = dict[str, list[str]]  # field -> its values, as indexed


def texts_of(doc: tantivy.Document) -> Texts:
    """The text fields of an index document (only those it has)."""
    found: Texts = {}
    for name in f.TEXT_FIELDS:
        values = doc.get_all(name)
        if values:
            found[name] = [str(v) for v in values]
    return found


def encode(texts: Mapping[str, Sequence[str]]) -> bytes:
    """LZ4: about 25 µs for a median cable, which the single index writer can afford
    (zlib took six times as long for a third less space)."""
    return bytes(lz4.block.compress(json.dumps(texts, separators=(",", ":")).encode()))


def decode(blob: bytes) -> Texts:
    """Raises ValueError for a blob that is not one ``encode`` wrote."""
    try:
        data = json.loads(lz4.block.decompress(blob))
    except lz4.block.LZ4BlockError as exc:
        raise ValueError(f"a stored text does not decompress: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError("a stored text is not a field mapping")
    return {str(k): [str(v) for v in values] for k, values in data.items()}


class TextStore:
    """One SQLite file; readers and the one writer may be different processes (WAL)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # searches may run on several threads
        self._writing = False

    @classmethod
    def create(cls, path: Path) -> TextStore:
        store = cls(path)
        con = store._connection()
        con.execute(f"PRAGMA page_size={PAGE_SIZE}")  # before the first table: it sticks
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, body BLOB NOT NULL)")
        return store

    def exists(self) -> bool:
        return self.path.is_file()

    def _connection(self) -> sqlite3.Connection:
        """Plain: WAL mode is a property of the file (set by ``create``), and a fresh
        ``cablegram search`` only reads, so it pays for no pragma."""
        if self._con is None:
            self._con = sqlite3.connect(self.path, isolation_level=None,
                                        check_same_thread=False)
        return self._con

    # -- writing (the index writer's process only) -----------------------------------------

    def _begin(self) -> sqlite3.Connection:
        con = self._connection()
        if not self._writing:
            # FULL: a commit is on disk before the watermark that counts on it is written
            # (an fsync per index commit; NORMAL could lose the last one to a power cut).
            con.execute("PRAGMA synchronous=FULL")
            con.execute("BEGIN IMMEDIATE")
            self._writing = True
        return con

    def put(self, items: Iterable[tuple[str, bytes]]) -> None:
        with self._lock:
            self._begin().executemany(
                "INSERT OR REPLACE INTO texts (id, body) VALUES (?, ?)", items
            )

    def delete(self, ids: Iterable[str]) -> None:
        with self._lock:
            self._begin().executemany("DELETE FROM texts WHERE id = ?", ((i,) for i in ids))

    def clear(self) -> None:
        with self._lock:
            self._begin().execute("DELETE FROM texts")

    def commit(self) -> None:
        with self._lock:
            if self._writing and self._con is not None:
                self._con.execute("COMMIT")
            self._writing = False

    def rollback(self) -> None:
        with self._lock:
            if self._writing and self._con is not None:
                self._con.execute("ROLLBACK")
            self._writing = False

    # -- reading ---------------------------------------------------------------------------

    def get_many(self, ids: Sequence[str]) -> dict[str, Texts]:
        """The committed texts of ``ids`` that the file has. A damaged row is left out (its
        hit shows no snippet) and logged: the text is derived, and a rebuild of the index
        writes it again."""
        if not ids or not self.exists():
            return {}
        found: dict[str, Texts] = {}
        with self._lock:
            con = self._connection()
            for start in range(0, len(ids), _LOOKUP_CHUNK):
                chunk = list(ids[start:start + _LOOKUP_CHUNK])
                marks = ",".join("?" * len(chunk))
                rows = con.execute(f"SELECT id, body FROM texts WHERE id IN ({marks})", chunk)
                for cable_id, body in rows:
                    try:
                        found[cable_id] = decode(body)
                    except ValueError as exc:
                        _log.warning("%s: text of %s unreadable (%s); rebuild the index",
                                     self.path, cable_id, exc)
        return found

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                if self._writing:
                    self._con.execute("ROLLBACK")
                self._con.close()
            self._con = None
            self._writing = False
