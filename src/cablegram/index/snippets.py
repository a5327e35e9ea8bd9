"""Highlighted snippets as structured fragments, never as HTML.

tantivy reports highlights as UTF-8 byte ranges within the fragment; they are cut here into
(text, highlighted) pieces so that no markup is ever mixed with cable text, which may contain
anything (``<script>`` included).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import tantivy

from cablegram.index.results import Fragment

MAX_CHARS = 200
_SPACES = re.compile(r"\s+")


class Snippets:
    """Generators for the visible text fields of one search, reused for every hit and made
    only for fields a hit has text in: a reader may see ten text fields, and most cables
    have text in one or two of them."""

    def __init__(
        self,
        searcher: tantivy.Searcher,
        highlight: tantivy.Query | None,
        schema: tantivy.Schema,
        fields: Sequence[str],
    ) -> None:
        self.fields = list(fields)
        self._searcher = searcher
        self._highlight = highlight
        self._schema = schema
        self._generators: dict[str, tantivy.SnippetGenerator] = {}

    def generator(self, name: str) -> tantivy.SnippetGenerator | None:
        if self._highlight is None:
            return None
        generator = self._generators.get(name)
        if generator is None:
            generator = tantivy.SnippetGenerator.create(
                self._searcher, self._highlight, self._schema, name
            )
            generator.set_max_num_chars(MAX_CHARS)
            self._generators[name] = generator
        return generator

    def for_doc(self, doc: tantivy.Document) -> tuple[Fragment, ...]:
        """The field snippet with the most highlights; else the start of the first text."""
        best: tantivy.Snippet | None = None
        best_count = 0
        for name in self.fields if self._highlight is not None else ():
            if doc.get_first(name) is None:  # most cables have text at one or two levels
                continue
            generator = self.generator(name)
            if generator is None:
                continue
            snippet = generator.snippet_from_doc(doc)
            count = len(snippet.highlighted())
            if count > best_count:
                best, best_count = snippet, count
        if best is not None:
            return fragments(best.fragment(), [(r.start, r.end) for r in best.highlighted()])
        return self.lead(doc)

    def lead(self, doc: tantivy.Document) -> tuple[Fragment, ...]:
        for name in self.fields:
            values = doc.get_all(name)
            if values:
                text = _collapsed_start(" ".join(values))
                if len(text) > MAX_CHARS:
                    text = text[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
                return (Fragment(text),) if text else ()
        return ()


def _collapsed_start(raw: str) -> str:
    """``raw`` with whitespace runs collapsed and stripped, or (for a long text) a start of
    it longer than MAX_CHARS: collapsing a prefix gives a prefix of the collapsed whole, and
    a cable's text is thousands of characters the lead never shows."""
    cut = 4 * MAX_CHARS
    if len(raw) > cut:
        start = _SPACES.sub(" ", raw[:cut]).lstrip()
        if len(start) > MAX_CHARS + 1:
            return start
    return _SPACES.sub(" ", raw).strip()


def fragments(text: str, ranges: Sequence[tuple[int, int]]) -> tuple[Fragment, ...]:
    """Cut ``text`` at the byte ``ranges`` into plain and highlighted pieces."""
    raw = text.encode("utf-8")
    pieces: list[Fragment] = []
    at = 0
    for start, end in sorted(ranges):
        start = max(start, at)
        if end <= start:
            continue
        _append(pieces, raw[at:start], False)
        _append(pieces, raw[start:end], True)
        at = end
    _append(pieces, raw[at:], False)
    return tuple(pieces)


def _append(pieces: list[Fragment], chunk: bytes, highlighted: bool) -> None:
    text = _SPACES.sub(" ", chunk.decode("utf-8", errors="replace"))
    if not text:
        return
    if pieces and pieces[-1].highlighted == highlighted:
        pieces[-1] = Fragment(pieces[-1].text + text, highlighted)
    else:
        pieces.append(Fragment(text, highlighted))
