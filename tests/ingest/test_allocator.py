"""The allocator settings the ingest process applies (glibc only; a no-op elsewhere)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from cablegram.ingest import allocator

GLIBC = platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="mallopt and malloc_trim are glibc's")
def test_glibc_takes_the_arena_cap_and_trims() -> None:
    # In a child process: the cap is process-wide and this one runs other tests' threads.
    code = (
        "from cablegram.ingest import allocator\n"
        "assert allocator.limit_arenas() is True\n"
        "blocks = [bytearray(1 << 16) for _ in range(2000)]\n"
        "del blocks\n"
        "assert isinstance(allocator.trim(), bool)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_a_c_library_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator, "_glibc", lambda: None)
    assert allocator.limit_arenas() is False
    assert allocator.trim() is False
