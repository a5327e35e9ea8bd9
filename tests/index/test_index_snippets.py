"""Snippets come back as plain-text fragments, whatever the cable text contains."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from index_helpers import C, cable, para

from cablegram.index import Fragment, SearchIndex
from cablegram.index.snippets import MAX_CHARS, fragments

HOSTILE = "Officials said <script>alert('x')</script> & <b>bold</b> about the walrus treaty."
LONG = " ".join(["Filler words about nothing in particular."] * 40) + " The walrus appears late."


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with SearchIndex.open(tmp_path_factory.mktemp("snippets") / "index") as opened:
        opened.upsert(
            [
                ("HOSTILE", cable(paragraphs=(para(1, HOSTILE, C.UNCLASSIFIED),)), 1),
                ("LONG", cable(tags=("ECON",), paragraphs=(para(1, LONG, C.UNCLASSIFIED),)), 1),
                (
                    "BOTH",
                    cable(paragraphs=(para(1, "A ferry and a walrus met.", C.UNCLASSIFIED),)),
                    1,
                ),
                (
                    "UTF8",
                    cable(paragraphs=(para(1, "Le café naïve über alles, walrus ça va.", None),)),
                    1,
                ),
            ]
        )
        opened.commit(1)
        yield opened


def snippet(index: SearchIndex, query: str, cable_id: str) -> tuple[Fragment, ...]:
    for hit in index.search(query, per_page=50).hits:
        if hit.cable_id == cable_id:
            return hit.snippet
    raise AssertionError(f"{cable_id} not found for {query!r}")


def test_markup_in_text_comes_back_as_plain_text(index: SearchIndex) -> None:
    frags = snippet(index, "script OR bold", "HOSTILE")
    text = "".join(f.text for f in frags)
    assert "<script>alert('x')</script>" in text and "<b>bold</b>" in text
    assert "&lt;" not in text and "&amp;" not in text
    assert {f.text.lower() for f in frags if f.highlighted} == {"script", "bold"}
    assert all("<script>" not in f.text for f in frags if f.highlighted)


def test_highlights_are_the_query_words(index: SearchIndex) -> None:
    frags = snippet(index, "walrus", "HOSTILE")
    assert [f.text for f in frags if f.highlighted] == ["walrus"]
    assert "".join(f.text for f in frags) in HOSTILE


def test_excluded_words_are_not_highlighted(index: SearchIndex) -> None:
    frags = snippet(index, "walrus OR -ferry", "BOTH")
    assert [f.text for f in frags if f.highlighted] == ["walrus"]


def test_snippet_is_a_window_around_the_match(index: SearchIndex) -> None:
    frags = snippet(index, "walrus", "LONG")
    text = "".join(f.text for f in frags)
    assert "walrus" in text and len(text) <= MAX_CHARS + 5


def test_multibyte_text_is_cut_on_characters(index: SearchIndex) -> None:
    frags = snippet(index, "naïve OR walrus", "UTF8")
    assert [f.text for f in frags if f.highlighted] == ["naïve", "walrus"]
    assert "".join(f.text for f in frags).startswith("Le café ")


def test_filter_only_queries_show_the_start_of_the_text(index: SearchIndex) -> None:
    frags = snippet(index, "tag:ECON", "LONG")
    assert not any(f.highlighted for f in frags)
    text = frags[0].text
    assert text.startswith("Filler words") and text.endswith("…")
    assert len(text) <= MAX_CHARS + 2


def test_fragments_cut_byte_ranges() -> None:
    text = "Müller met Ærø"
    start = len("Müller met ".encode())
    assert fragments(text, [(start, len(text.encode()))]) == (
        Fragment("Müller met "),
        Fragment("Ærø", True),
    )
    assert fragments("a  b\n\nc", []) == (Fragment("a b c"),)
    assert fragments("ab cd", [(0, 2), (1, 2), (3, 5)]) == (
        Fragment("ab", True),
        Fragment(" "),
        Fragment("cd", True),
    )
    assert fragments("", []) == ()
