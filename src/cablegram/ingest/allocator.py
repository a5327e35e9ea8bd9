"""glibc allocator settings for the ingest process, whose memory is mostly tantivy's.

tantivy's indexing and merge threads allocate with the C library's malloc. glibc gives each
thread that meets contention an arena of its own (up to eight per core); memory freed in one
arena is never reused by another, and a freed block at an arena's top goes back to the
system only when trimmed. An ingest runs a dozen such threads for minutes, and its resident
memory crept up from the arenas' leftovers. Two arenas and a trim after each index commit
keep what is resident close to what is in use. Elsewhere (musl, macOS) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_ARENA_MAX = -8  # mallopt parameter number, from glibc's malloc.h
ARENAS = 2


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018  (glibc has both; other C libraries may not)
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap malloc's arenas; only threads that start afterwards are affected, so call it
    before the index writer opens. True if the C library took the setting."""
    libc = _glibc()
    return libc is not None and bool(libc.mallopt(M_ARENA_MAX, arenas))


def trim() -> bool:
    """Give freed memory back to the system; True if any was."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))
