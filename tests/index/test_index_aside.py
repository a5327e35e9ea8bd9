"""Facets are counted on pool threads; a forked child must get threads of its own."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from index_helpers import C, cable, para

from cablegram.index import SearchIndex
from cablegram.index.aside import Aside


def test_the_pool_runs_work_and_returns_its_result() -> None:
    aside = Aside("test")
    assert aside.submit(sum, [1, 2, 3]).result(timeout=5) == 6
    aside.shutdown()
    assert aside.submit(len, "abc").result(timeout=5) == 3  # made again after a shutdown
    aside.shutdown()


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_still_counts_facets(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert([(f"C{i}", cable(tags=("KNNP",), paragraphs=(
            para(1, "walrus talks", C.UNCLASSIFIED),)), 1) for i in range(5)])
        index.commit(1)
        assert index.search("walrus").facets["tags"] == [("KNNP", 5)]  # pool threads exist
        pid = os.fork()
        if pid == 0:  # the child: a search whose facets need the pool
            ok = index.search("walrus talks").facets["tags"] == [("KNNP", 5)]
            os._exit(0 if ok else 1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                assert os.waitstatus_to_exitcode(status) == 0
                return
            time.sleep(0.05)
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError("the forked child's search never finished (a dead pool thread)")
