"""How ``versions.parsed`` is stored: the parse JSON, zlib-compressed against its raw text.

The JSON repeats every paragraph of the raw text, and was over half of the database (5.5 GB
at Cablegate size), written twice by WAL. It is stored as zlib with the version's raw text
(UTF-8) as preset dictionary, so each paragraph it repeats costs a back-reference: 15 % of
the JSON's size on the bench corpus, for ~65 µs per version in the parse workers and ~25 µs
per read (zlib's checksum included).

``raw`` itself stays plain TEXT. Compressing it too (level 1, to 51 %) would save another
third of the remaining bytes, but measured at ~110 µs per version of worker CPU, a quarter
more work for the workers, on a 2-core machine where CPU, not the disk, bounds ingest.

A TEXT value in ``parsed`` is the plain JSON written before migration 0003 and is read as it
is: archives made earlier need no rewrite, and both forms can live side by side.
"""

from __future__ import annotations

import zlib

LEVEL = 1  # measured: level 3 saves ~2 % of the JSON's size for ~5 % more time


def pack_parsed(parsed_json: str, raw: bytes) -> bytes:
    """``raw``: the UTF-8 text of the same version."""
    packer = zlib.compressobj(LEVEL, zdict=raw) if raw else zlib.compressobj(LEVEL)
    return packer.compress(parsed_json.encode("utf-8")) + packer.flush()


def parsed_json(stored: str | bytes, raw: str) -> str:
    """The JSON of a stored ``parsed`` value, given the version's raw text."""
    if isinstance(stored, str):
        return stored
    data = raw.encode("utf-8")
    unpacker = zlib.decompressobj(zdict=data) if data else zlib.decompressobj()
    out = unpacker.decompress(stored) + unpacker.flush()
    if not unpacker.eof:
        raise zlib.error("a stored parse ends before its zlib stream does")
    return out.decode("utf-8")
