"""Whether a query will probably match few cables, guessed before it runs.

A restricted reader's facets are counted one of two ways (``facets.FacetCounter``): for few
matches, a second aggregation over those matches whose header is visible (cheap when the
matches are few, but it matches the query again); for many, one aggregation behind a header
filter that costs ~7 ms whatever the query. When facets are counted beside the hit
collection the number of matches is not known yet, so it is estimated: field filters
narrow; a free-text word or phrase is as wide as its rarest word's document frequency in
the paragraph text fields (ten dictionary lookups a word); prefixes, ranges and exclusions
may match anything.
"""

from __future__ import annotations

import tantivy

from cablegram.index import schema as f
from cablegram.index.compile import ANALYZER
from cablegram.query import And, Filter, Or, Phrase, Prefix, QueryNode, Term

SHARE = 0.2  # of the archive: above it, a second pass over the matches costs more


def selective(node: QueryNode, searcher: tantivy.Searcher) -> bool:
    estimate = matches_at_most(node, searcher)
    return estimate is not None and estimate <= SHARE * searcher.num_docs


def matches_at_most(node: QueryNode, searcher: tantivy.Searcher) -> int | None:
    """A rough bound on the matches (0: a field filter, taken as narrow); None: unknown."""
    if isinstance(node, Filter):
        return 0
    if isinstance(node, Term | Phrase | Prefix):
        if node.field is not None:
            return 0
        if isinstance(node, Prefix):
            return None
        return _rarest_word(node.text, searcher)
    if isinstance(node, And):
        known = [e for e in (matches_at_most(c, searcher) for c in node.children)
                 if e is not None]
        return min(known) if known else None
    if isinstance(node, Or):
        parts = [matches_at_most(c, searcher) for c in node.children]
        return None if any(p is None for p in parts) else sum(p for p in parts if p)
    return None


def _rarest_word(text: str, searcher: tantivy.Searcher) -> int | None:
    words = ANALYZER.analyze(text)  # the words as the index holds them
    if not words:
        return None
    # Paragraph text only: subjects, a few words each, are left out.
    return min(sum(searcher.doc_freq(name, word) for name in f.TEXT_FIELDS) for word in words)
