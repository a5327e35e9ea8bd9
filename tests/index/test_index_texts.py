"""Paragraph text lives in ``texts.sqlite`` beside the index, not in tantivy's store, and
snippets are cut from it with the same per-field access rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from index_helpers import C, cable, para

from cablegram.index import SearchIndex
from cablegram.index.schema import TEXT_FIELDS
from cablegram.index.texts import FILE, PAGE_SIZE, TextStore, decode, encode


def words(index: SearchIndex, query: str, max_level: int | None = None) -> dict[str, str]:
    results = index.search(query, max_level=max_level, facets=False)
    return {h.cable_id: "".join(p.text for p in h.snippet) for h in results.hits}


def test_encoding_round_trips_any_text() -> None:
    texts = {"text_0": ["Le café naïve", "second \x00 part"], "text_3_c": ["ünïcödé ✓"]}
    assert decode(encode(texts)) == texts


def test_snippets_come_from_the_text_file(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with SearchIndex.open(path) as index:
        text = "The walrus met the ferry."
        index.upsert([("A", cable(paragraphs=(para(1, text, C.UNCLASSIFIED),)), 1)])
        index.commit(1)
        # tantivy itself holds no paragraph text for the hit
        index.refresh()
        searcher = index._index.searcher()
        address = searcher.search(index._index.parse_query("walrus", ["text_0"]), 1).hits[0][1]
        stored = searcher.doc(address)
        assert all(stored.get_first(name) is None for name in TEXT_FIELDS)
        assert "walrus" in words(index, "walrus")["A"]
    # the text is in the file, readable by another process's connection
    other = TextStore(path / FILE)
    assert other.get_many(["A"]) == {"A": {"text_0": ["The walrus met the ferry."]}}
    other.close()


def test_a_reader_sees_no_text_of_a_level_above_them(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert([("MIX", cable(level=C.SECRET, paragraphs=(
            para(1, "Open walrus news.", C.UNCLASSIFIED),
            para(2, "Secret walrus plans for the harbour.", C.SECRET),
        )), 1)])
        index.commit(1)
        assert "harbour" in words(index, "harbour")["MIX"]
        assert words(index, "harbour", max_level=int(C.UNCLASSIFIED)) == {}
        low = words(index, "walrus OR plans", max_level=int(C.UNCLASSIFIED))
        assert "Open" in low["MIX"] and "plans" not in low["MIX"]


def test_uncommitted_texts_are_invisible_and_rollback_drops_them(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    writer = TextStore.create(path)
    writer.put([("X", encode({"text_0": ["one"]}))])
    reader = TextStore(path)
    assert reader.get_many(["X"]) == {}
    writer.commit()
    assert reader.get_many(["X"]) == {"X": {"text_0": ["one"]}}
    writer.put([("X", encode({"text_0": ["two"]}))])
    writer.delete(["X"])
    writer.rollback()
    assert reader.get_many(["X"]) == {"X": {"text_0": ["one"]}}
    writer.clear()
    writer.commit()
    assert reader.get_many(["X"]) == {}
    reader.close()
    writer.close()


def test_deleting_and_clearing_follow_the_index(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with SearchIndex.open(path) as index:
        index.upsert([(i, cable(paragraphs=(para(1, f"walrus {i}", C.UNCLASSIFIED),)), 1)
                      for i in ("A", "B", "C")])
        index.commit(1)
        index.delete(["B"])
        index.commit(2)
        store = TextStore(path / FILE)
        assert set(store.get_many(["A", "B", "C"])) == {"A", "C"}
        index.clear()
        index.commit(3)
        assert store.get_many(["A", "C"]) == {}
        store.close()


def test_an_index_without_its_text_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with SearchIndex.open(path) as index:
        index.upsert([("A", cable(paragraphs=(para(1, "walrus", C.UNCLASSIFIED),)), 1)])
        index.commit(1)
    (path / FILE).unlink()
    with SearchIndex.open(path) as reopened:
        assert reopened.fresh  # sync refills it from the store
        assert reopened.count() == 0


def test_a_hit_whose_text_is_missing_still_has_a_subject(tmp_path: Path) -> None:
    """A row lost between the two commits (the next sync rewrites it) costs the snippet,
    never the hit."""
    path = tmp_path / "index"
    with SearchIndex.open(path) as index:
        index.upsert([("A", cable(subject="WALRUS TALKS",
                                  paragraphs=(para(1, "walrus", C.UNCLASSIFIED),)), 1)])
        index.commit(1)
        store = TextStore(path / FILE)
        store.delete(["A"])
        store.commit()
        store.close()
        (hit,) = index.search("walrus", facets=False).hits
        assert hit.subject == "WALRUS TALKS"
        assert hit.snippet == ()


@pytest.mark.parametrize("count", [1, 499, 500, 1201])
def test_lookups_of_many_ids_are_chunked(tmp_path: Path, count: int) -> None:
    store = TextStore.create(tmp_path / "t.sqlite")
    store.put([(str(i), encode({"text_0": [str(i)]})) for i in range(count)])
    store.commit()
    found = store.get_many([str(i) for i in range(count)] + ["missing"])
    assert len(found) == count and found[str(count - 1)] == {"text_0": [str(count - 1)]}
    store.close()


def test_the_file_uses_pages_that_hold_a_cable_whole(tmp_path: Path) -> None:
    store = TextStore.create(tmp_path / "t.sqlite")
    store.close()
    con = sqlite3.connect(tmp_path / "t.sqlite")
    assert con.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


@pytest.mark.parametrize("blob", [b"", b"garbage!", encode({"x": ["y"]})[:-3]])
def test_a_damaged_row_costs_its_snippet_not_the_search(
    tmp_path: Path, blob: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(ValueError):
        decode(blob)
    path = tmp_path / "index"
    with SearchIndex.open(path) as index:
        index.upsert([("A", cable(paragraphs=(para(1, "walrus", C.UNCLASSIFIED),)), 1)])
        index.commit(1)
        con = sqlite3.connect(path / FILE)
        con.execute("UPDATE texts SET body = ? WHERE id = 'A'", (blob,))
        con.commit()
        con.close()
        (hit,) = index.search("walrus", facets=False).hits
        assert hit.cable_id == "A" and hit.snippet == ()
    assert "text of A unreadable" in caplog.text
