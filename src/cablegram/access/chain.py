"""The audit log's hash chain: each entry's hash covers its content and the previous hash.

The SQLite triggers stop the application (and anyone using its code paths) from changing or
deleting entries; the chain is for everyone else. Someone who edits the file directly, with
the triggers dropped, must rewrite every later hash to hide a change, and ``verify`` finds
any entry whose stored hash does not match its content, a gap in the sequence (a deleted
row) or a sequence counter ahead of the last row (a truncated tail). Rewriting the whole
chain from the edited row on is still possible for someone who holds the file; publishing
the head hash elsewhere (``cablegram audit --verify`` prints it) closes that.
"""

from __future__ import annotations

import hashlib
import json

GENESIS = "0" * 64


def canonical(
    seq: int, at: str, actor: str | None, action: str, target: str | None, source: str,
    detail: str,
) -> bytes:
    """The exact bytes hashed for an entry: a JSON array, so no field can bleed into the next."""
    return json.dumps(
        [seq, at, actor, action, target, source, detail], ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def digest(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()
