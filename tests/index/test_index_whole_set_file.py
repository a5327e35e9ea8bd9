"""The whole-set facet counts kept beside the index: shared by processes, tied to a commit."""

from __future__ import annotations

from pathlib import Path

from index_helpers import random_cables

from cablegram.index import SearchIndex
from cablegram.index.core import WHOLE_SET_FILE


def _build(path: Path, count: int) -> None:
    with SearchIndex.open(path) as index:
        index.upsert(random_cables(count))
        index.commit(1)


def test_a_fresh_process_reuses_the_counts_of_the_same_commit(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    _build(path, 120)
    with SearchIndex.open(path) as first:
        expected = first.search("", per_page=1).facets
    stored = (path / WHOLE_SET_FILE).read_text()
    with SearchIndex.open(path) as second:  # as another process would open it
        assert second.search("", per_page=1).facets == expected
        assert second.search("-zzzz", per_page=1).facets == expected
    assert (path / WHOLE_SET_FILE).read_text() == stored  # read, not recounted and rewritten


def test_counts_of_an_older_commit_are_not_used(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    _build(path, 60)
    with SearchIndex.open(path) as index:
        before = index.search("", per_page=1)
    with SearchIndex.open(path) as index:
        index.upsert(random_cables(90, seed=11))  # other ids and tags: the counts change
        index.commit(2)
    with SearchIndex.open(path) as index:
        after = index.search("", per_page=1)
    assert after.total != before.total
    assert after.facets == _counted_afresh(path)


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    _build(path, 40)
    (path / WHOLE_SET_FILE).write_text("{not json")
    with SearchIndex.open(path) as index:
        results = index.search("", per_page=1)
    assert results.facets == _counted_afresh(path)


def _counted_afresh(path: Path) -> dict[str, list[tuple[str, int]]]:
    (path / WHOLE_SET_FILE).unlink(missing_ok=True)
    with SearchIndex.open(path) as index:
        return index.search("", per_page=1).facets
