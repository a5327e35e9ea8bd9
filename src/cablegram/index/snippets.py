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
    """Generators for the visible text fields of one search, reused for every hit."""

    def __init__(
        self,
        searcher: tantivy.Searcher,
        highlight: tantivy.Query | None,
        schema: tantivy.Schema,
        fields: Sequence[str],
    ) -> None:
        self.fields = list(fields)
        self.generators: list[tuple[str, tantivy.SnippetGenerator]] = []
        if highlight is not None:
            for name in self.fields:
                generator = tantivy.SnippetGenerator.create(searcher, highlight, schema, name)
                generator.set_max_num_chars(MAX_CHARS)
                self.generators.append((name, generator))

    def for_doc(self, doc: tantivy.Document) -> tuple[Fragment, ...]:
        """The field snippet with the most highlights; else the start of the first text."""
        best: tantivy.Snippet | None = None
        best_count = 0
        for name, generator in self.generators:
            if doc.get_first(name) is None:  # most cables have text at one or two levels
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
                text = _SPACES.sub(" ", " ".join(values)).strip()
                if len(text) > MAX_CHARS:
                    text = text[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
                return (Fragment(text),) if text else ()
        return ()


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
