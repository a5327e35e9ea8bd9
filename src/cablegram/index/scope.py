"""One reader's search scope as index queries and per-document checks.

``access.Policy.search_scope`` says what a reader may find; this turns it into what tantivy
needs. Text fields fall in three groups for a reader cleared to level L:

- *free*: parts demanding no caveat, at level <= L: always searched;
- *gated*: parts demanding caveats, at level <= L: searched in cables whose every
  controlling caveat (``part_caveats``) the reader holds (a cable mixing parts with
  different caveats is searched in those parts only by a reader holding all of them: search
  may withhold more than a page, never less);
- *the rest*: searched only in declassified cables (DECL date passed, or released).

A cable is *visible* (counted, listed, faceted) when one of its parts is (``min_plain``,
``min_caveated``) or it is declassified; its header (tags, reasons, signers, subject) when
the header's level and the banner's caveats are met, or it is declassified.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy

from cablegram.access.marks import ACCESS_CAVEATS, GRANT_CAVEATS
from cablegram.access.policy import SearchScope
from cablegram.index import schema as f

Query = tantivy.Query
Occur = tantivy.Occur
ALL_CAVEAT_TERMS = frozenset(ACCESS_CAVEATS | GRANT_CAVEATS | {f.OTHER_CAVEAT})
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]+$")  # ids that may go into a filter string


@dataclass(frozen=True, slots=True)
class IndexScope:
    level: int  # highest level searchable; -1 for none; TOP for all
    missing: frozenset[str]  # caveat terms (part_caveats values) the reader lacks
    through: int  # DECL ordinals up to this count as declassified; 0: none
    released: frozenset[str]
    subject_with_cable: bool = False  # the deployment shows subjects of any visible cable

    @classmethod
    def of(cls, scope: SearchScope | None, max_level: int | None = None) -> IndexScope:
        """From the policy's scope; ``max_level`` alone (no scope) restricts levels only."""
        if scope is None:
            level = f.TOP if max_level is None else max(-1, min(max_level, f.TOP))
            return cls(level, frozenset(), 0, frozenset())
        if scope.unrestricted:
            return cls(f.TOP, frozenset(), 0, frozenset())
        level = f.TOP if scope.max_level is None else max(-1, min(scope.max_level, f.TOP))
        missing = set(scope.missing)
        if not scope.grants_all:
            missing.add(f.OTHER_CAVEAT)
        through = scope.declassified_through
        return cls(level, frozenset(missing), through.toordinal() if through else 0,
                   frozenset(scope.released), scope.subject_with_cable)

    @property
    def restricted(self) -> bool:
        return self.level < f.TOP or bool(self.missing)

    @property
    def declassifies(self) -> bool:
        return self.through > 0 or bool(self.released)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.level, self.missing, self.through, self.released)

    # -- fields ---------------------------------------------------------------------------

    def groups(self, subject: bool) -> tuple[list[str], list[str], list[str]]:
        """(free, gated, rest) text fields; ``subject`` for subject fields."""
        name = f.subject_field if subject else f.text_field
        free, gated, rest = [], [], []
        for level in f.LEVELS:
            seen = level <= self.level
            free.append(name(level)) if seen else rest.append(name(level))
            if seen and not self.missing:
                free.append(name(level, True))
            elif seen:
                gated.append(name(level, True))
            else:
                rest.append(name(level, True))
        return free, gated, rest

    def snippet_fields(self) -> list[str]:
        free, gated, rest = self.groups(subject=False)
        return free + gated + (rest if self.declassifies else [])

    # -- queries --------------------------------------------------------------------------

    def declassified(self, schema: tantivy.Schema) -> Query | None:
        parts: list[Query] = []
        if self.through > 0:
            parts.append(Query.range_query(schema, f.DECL_DAY, tantivy.FieldType.Unsigned,
                                           1, self.through))
        if self.released:
            parts.append(Query.term_set_query(schema, f.ID, sorted(self.released)))
        return _any(parts)

    def gated(self, schema: tantivy.Schema, query: Query,
              field: str = f.PART_CAVEATS) -> Query | None:
        """``query`` in cables holding none of the missing caveats in ``field``; None when
        no cable can pass (the reader holds no caveat at all, so every caveated part is
        closed to them). An exclusion, never "everything minus": a union with a match-all
        would make every search scan the whole index."""
        if not self.missing:
            return query
        if self.missing >= ALL_CAVEAT_TERMS and field == f.PART_CAVEATS:
            return None
        # Term queries, not a term set: a set query collects all its documents up front.
        return Query.boolean_query([(Occur.Must, query)] + [
            (Occur.MustNot, Query.term_query(schema, field, term, "basic"))
            for term in sorted(self.missing)])

    def text(self, schema: tantivy.Schema, parts: dict[str, Query]) -> Query:
        """A text query over the fields in ``parts`` (each the query on that field), each
        group behind its condition."""
        free = [q for name, q in parts.items() if self._group(name) == 0]
        gated = [q for name, q in parts.items() if self._group(name) == 1]
        rest = [q for name, q in parts.items() if self._group(name) == 2]
        out = list(free)
        declass = self.declassified(schema) if (gated or rest) else None
        if gated:
            held = self.gated(schema, _union(gated))
            if held is not None:
                out.append(held)
        if declass is not None and (gated or rest):
            out.append(_must(_union(gated + rest), _filter(declass)))
        if not out:
            return Query.empty_query()
        return _union(out)

    def _group(self, name: str) -> int:
        return _group(name, self.level, bool(self.missing))

    def visible(self, schema: tantivy.Schema) -> Query:
        if not self.restricted:
            return Query.all_query()
        return _any(self._visible_parts(schema)) or Query.empty_query()

    def within_visible(self, schema: tantivy.Schema, query: Query) -> Query:
        """``query`` among the visible cables: the union distributed over the query, so each
        branch is driven by the query's own postings (a union of near-everything sets,
        intersected afterwards, would walk the whole index)."""
        if not self.restricted:
            return query
        return _within(query, self._visible_parts(schema))

    def within_header(self, schema: tantivy.Schema, query: Query) -> Query:
        """``query`` among the cables whose header the reader may see."""
        if not self.restricted:
            return query
        return _within(query, self._header_parts(schema))

    def _visible_parts(self, schema: tantivy.Schema) -> list[Query]:
        parts: list[Query] = []
        if self.level >= 0:
            parts.append(_small_range(schema, f.MIN_PLAIN, self.level))
            caveated = self.gated(schema, _small_range(schema, f.MIN_CAVEATED, self.level))
            if caveated is not None:
                parts.append(caveated)
        declass = self.declassified(schema)
        if declass is not None:
            parts.append(declass)
        return parts

    def header(self, schema: tantivy.Schema) -> Query | None:
        """Cables whose header this reader may see; None when every header is visible."""
        if not self.restricted:
            return None
        return _any(self._header_parts(schema)) or Query.empty_query()

    def _header_parts(self, schema: tantivy.Schema) -> list[Query]:
        parts: list[Query] = []
        if self.level >= 0:
            level = self.gated(schema, _small_range(schema, f.LEVEL, self.level),
                               f.HEADER_CAVEATS)
            if level is not None:
                parts.append(level)
        declass = self.declassified(schema)
        if declass is not None:
            parts.append(declass)
        return parts

    def header_filter(self) -> str | None:
        """``header`` as a query string, for a filter aggregation; None: no filter."""
        if not self.restricted:
            return None
        parts = []
        if self.level >= 0:
            parts.append(" AND ".join([f"{f.LEVEL}:[0 TO {self.level}]"] + [
                f"-{f.HEADER_CAVEATS}:{c}" for c in sorted(self.missing)]))
        if self.through > 0:
            parts.append(f"{f.DECL_DAY}:[1 TO {self.through}]")
        ids = sorted(i for i in self.released if _SAFE_ID.match(i))
        if ids:
            parts.append(f"{f.ID}:IN [{' '.join(ids)}]")
        return " OR ".join(f"({p})" for p in parts) if parts else f"{f.DECL_DAY}:[1 TO 0]"

    # -- one document ---------------------------------------------------------------------

    def doc_declassified(self, doc: tantivy.Document) -> bool:
        day = doc.get_first(f.DECL_DAY)
        if self.through > 0 and isinstance(day, int) and 0 < day <= self.through:
            return True
        return bool(self.released) and str(doc.get_first(f.ID)) in self.released

    def header_visible(self, doc: tantivy.Document) -> bool:
        if not self.restricted or self.doc_declassified(doc):
            return True
        level = doc.get_first(f.LEVEL)
        return (isinstance(level, int) and level <= self.level
                and not self.missing.intersection(doc.get_all(f.HEADER_CAVEATS)))

    def shown(self, doc: tantivy.Document, fields: Sequence[str]) -> tantivy.Document:
        """A copy of ``doc`` holding only the text fields this reader may see of it."""
        if not self.restricted or self.doc_declassified(doc):
            return doc
        gated_ok = not self.missing.intersection(doc.get_all(f.PART_CAVEATS))
        out = tantivy.Document()
        for name in fields:
            group = self._group(name)
            if group == 0 or (group == 1 and gated_ok):
                for value in doc.get_all(name):
                    out.add_text(name, value)
        return out

    def subject(self, doc: tantivy.Document) -> str | None:
        if not (self.subject_with_cable or self.header_visible(doc)):
            return None
        for level in f.LEVELS:
            for caveated in (False, True):
                value = doc.get_first(f.subject_field(level, caveated))
                if value is not None:
                    return str(value)
        return None


@functools.lru_cache(maxsize=1024)
def _group(name: str, level: int, missing: bool) -> int:
    """0: free, 1: gated, 2: only in declassified cables (see the module docstring)."""
    if int(name.split("_")[1]) > level:
        return 2
    return 1 if name.endswith("_c") and missing else 0


def _small_range(schema: tantivy.Schema, field: str, high: int) -> Query:
    """A fast-field range: intersected with a query's postings it is only probed at their
    documents (an inverted-index range would first collect every matching document)."""
    return Query.range_query(schema, field, tantivy.FieldType.Unsigned, 0, high)


def _filter(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def _must(*queries: Query) -> Query:
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _union(queries: Sequence[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _within(query: Query, parts: Sequence[Query]) -> Query:
    if not parts:
        return Query.empty_query()
    return _union([_must(query, _filter(part)) for part in parts])


def _any(queries: Sequence[Query]) -> Query | None:
    return _union(queries) if queries else None
