"""A parsed query tree as a tantivy query, for one reader's clearance.

Words are looked for only in the text fields the reader may see (``schema.visible_levels``).
Filters score nothing (they are wrapped in a zero constant score) so that ``nuclear
tag:KNNP`` ranks by the word alone. Header filters on a restricted search only match cables
whose whole level is visible, so a tag or signer in a withheld header cannot be probed.

Besides the query, the compiler collects the positive text clauses into a separate
highlight query: excluded words must not light up in snippets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import tantivy

from cablegram.index import schema as f
from cablegram.index.scope import IndexScope
from cablegram.query.nodes import (
    And,
    DateRange,
    Filter,
    LevelRange,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    QueryNode,
    Term,
)

MAX_PREFIX_TERMS = 1000
Occur = tantivy.Occur
Query = tantivy.Query

# Same chain as tantivy's "default" tokenizer, which the text fields use.
ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .build()
)
_KEYWORD_FIELD = {
    "tag": f.TAGS, "origin": f.ORIGIN, "caveat": f.CAVEATS, "ref": f.REFS,
    "reason": f.REASONS, "para": f.PARA_LEVELS, "decl": f.DECL, "id": f.ID,
}  # fmt: skip
_HEADER = frozenset({"tag", "ref", "reason", "decl", "signer", "classifiedby"})
_TOKENISED_FIELD = {"signer": f.SIGNERS, "classifiedby": f.CLASSIFIED_BY}


class Compiled:
    def __init__(self, query: Query, visible: Query, highlight: Query | None,
                 scope: IndexScope | None = None, schema: tantivy.Schema | None = None) -> None:
        self.query = query  # what to search: already within ``visible``
        self.visible = visible  # every cable the reader may find at all
        self.highlight = highlight  # the positive words, for snippets
        self.scope = scope if scope is not None else IndexScope.of(None)
        # ``query`` among cables whose header is visible (header facets); None: all are.
        self.header_query = (
            self.scope.within_header(schema, query) if schema is not None
            and self.scope.restricted else None
        )


def compile_query(
    node: QueryNode,
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    scope: IndexScope | int | None,
) -> Compiled:
    """``scope``: the reader's (``IndexScope``), or a bare ``max_level`` (levels only)."""
    if not isinstance(scope, IndexScope):
        scope = IndexScope.of(None, scope)
    compiler = _Compiler(schema, searcher, scope)
    query = compiler.node(node, positive=True)
    visible = scope.visible(schema)
    if compiler.restricted and not _only_visible(node):
        query = scope.within_visible(schema, query)
    highlights = compiler.highlights
    highlight = None
    if highlights:
        highlight = _should(highlights) if len(highlights) > 1 else highlights[0]
    return Compiled(query, visible, highlight, scope, schema)


def visibility(schema: tantivy.Schema, max_level: int | None) -> Query:
    """Cables with at least one part at or below ``max_level`` (levels only)."""
    return IndexScope.of(None, max_level).visible(schema)


class _Compiler:
    def __init__(
        self, schema: tantivy.Schema, searcher: tantivy.Searcher, scope: IndexScope
    ) -> None:
        self.schema = schema
        self.searcher = searcher
        self.scope = scope
        self.restricted = scope.restricted
        self.highlights: list[Query] = []

    def node(self, node: QueryNode, positive: bool) -> Query:
        match node:
            case MatchAll():
                return Query.all_query()
            case And(children):
                return self.conjunction(children, positive)
            case Or(children):
                return _should([self.node(c, positive) for c in children])
            case Not():
                # Alone (or under OR) an exclusion means "everything but".
                return self.conjunction((node,), positive)
            case Term() | Phrase() | Prefix():
                return self.text(node, positive)
            case Filter():
                return self.header_gate(node.field, self.keyword(node))
            case LevelRange(low, high):
                return _filter(_small_range(self.schema, f.CLASSIFICATION, low, high))
            case DateRange(start, end):
                return _filter(self.dates(start, end))
        raise TypeError(f"not a query node: {node!r}")  # pragma: no cover

    def conjunction(self, children: Sequence[QueryNode], positive: bool) -> Query:
        merged = _merge_ranges(children)
        if merged is None:
            return Query.empty_query()
        clauses: list[tuple[tantivy.Occur, Query]] = []
        for child in merged:
            if isinstance(child, Not):
                clauses.append((Occur.MustNot, self.node(child.child, not positive)))
            else:
                clauses.append((Occur.Must, self.node(child, positive)))
        if all(occur is Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def text(self, node: Term | Phrase | Prefix, positive: bool) -> Query:
        fields = self.text_fields(node.field)
        if isinstance(node, Prefix):
            parts = {name: self.prefix(name, node.text) for name in fields}
        else:
            words = ANALYZER.analyze(node.text)
            parts = {name: self.words(name, words) for name in fields}
        if self.restricted and node.field not in _TOKENISED_FIELD:
            query = self.scope.text(self.schema, parts)
        else:
            queries = list(parts.values())
            query = _should(queries) if len(queries) > 1 else queries[0]
        if positive:
            self.highlights.append(query)
        if node.field in _TOKENISED_FIELD:
            return self.header_gate(node.field, query)
        return query

    def text_fields(self, field: str | None) -> list[str]:
        if field in _TOKENISED_FIELD:
            return [_TOKENISED_FIELD[field]]
        # Every field: the scope decides which ones count for this reader (``scope.text``).
        if field == "subject":
            return list(f.SUBJECT_FIELDS)
        return [*f.TEXT_FIELDS, *f.SUBJECT_FIELDS]

    def words(self, field: str, words: list[str]) -> Query:
        if not words:
            return Query.empty_query()
        if len(words) == 1:
            return Query.term_query(self.schema, field, words[0], index_option="freq")
        return Query.phrase_query(self.schema, field, list(words))

    def prefix(self, field: str, stem: str) -> Query:
        found = self.searcher.terms_with_prefix(field, stem, limit=MAX_PREFIX_TERMS)
        if not found:
            return Query.empty_query()
        return Query.term_set_query(self.schema, field, [term for term, _ in found])

    def keyword(self, node: Filter) -> Query:
        name = _KEYWORD_FIELD[node.field]
        if len(node.values) == 1:
            return _filter(Query.term_query(self.schema, name, node.values[0], "basic"))
        return _filter(Query.term_set_query(self.schema, name, list(node.values)))

    def header_gate(self, field: str, query: Query) -> Query:
        if field not in _HEADER:
            return query
        return self.scope.within_header(self.schema, query)

    def dates(self, start: date | None, end: date | None) -> Query:
        low = _midnight(start) if start else None
        high = _midnight(end + timedelta(days=1)) if end else None
        if low is None and high is None:
            return Query.all_query()
        return Query.range_query(
            self.schema, f.CREATED, tantivy.FieldType.Date, low, high, include_upper=high is None
        )


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _only_visible(node: QueryNode) -> bool:
    """Whether every match is visible anyway, so the visibility filter can be left out:
    words are only looked up in visible fields, and header filters only match cables whose
    whole level is visible (every part of a cable is at or below its level)."""
    match node:
        case Term() | Phrase() | Prefix():
            return True
        case Filter(field):
            return field in _HEADER
        case And(children):
            return any(_only_visible(child) for child in children)
        case Or(children):
            return all(_only_visible(child) for child in children)
    return False


def _merge_ranges(children: Sequence[QueryNode]) -> list[QueryNode] | None:
    """One date range and one level range per AND: ``from:`` and ``to:`` as two open
    ranges would each scan nearly every document. None when the ranges cannot overlap."""
    dates = [c for c in children if isinstance(c, DateRange)]
    levels = [c for c in children if isinstance(c, LevelRange)]
    if len(dates) < 2 and len(levels) < 2:
        return list(children)
    rest: list[QueryNode] = [c for c in children if not isinstance(c, DateRange | LevelRange)]
    if dates:
        starts = [d.start for d in dates if d.start is not None]
        ends = [d.end for d in dates if d.end is not None]
        start, end = max(starts, default=None), min(ends, default=None)
        if start is not None and end is not None and start > end:
            return None
        rest.append(DateRange(start, end))
    if levels:
        low, high = max(r.low for r in levels), min(r.high for r in levels)
        if low > high:
            return None
        rest.append(LevelRange(low, high))
    return rest


def _level_at_most(schema: tantivy.Schema, field: str, level: int) -> Query:
    return _small_range(schema, field, 0, level)


def _small_range(schema: tantivy.Schema, field: str, low: int, high: int) -> Query:
    """A range over a field with a handful of distinct values: the union of their posting
    lists is cheaper than a scan of the fast field."""
    return Query.range_query(
        schema, field, tantivy.FieldType.Unsigned, low, high, use_inverted_index=True
    )


def _filter(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def _must(*queries: Query) -> Query:
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _should(queries: Sequence[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])
