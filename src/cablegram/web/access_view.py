"""The policy applied to what the archive returns, for one reader who does not see everything.

Every decision is the ``Policy``'s; this only carries it to each kind of record:

- a cable: ``policy.redact`` (None: as absent as an unknown id); its current version's raw
  text is the redacted rendering unless the reader sees it whole;
- versions: each redacted by its own parse (``policy.redact_version``); diffs run on those;
- "cites": listed only when the citing cable's header (where the REF line is) is visible;
  a cited cable the reader may not see at all becomes an unresolved reference without
  subject or date, and a subject is kept only where the cited cable's subject is visible;
- "cited by": only citing cables whose header is visible, subjects only where visible;
- statistics: counted from the reader's scoped search, never from the whole store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cablegram.access import Policy, Reader, Visibility
from cablegram.index.results import SearchResults
from cablegram.model import Cable, Classification
from cablegram.parse import parse
from cablegram.store.base import ArchiveStats, Citation, Store, StoredCable, Version

TOP = 20  # origins and tags in statistics, as ``Store.stats`` gives them


class Gate:
    def __init__(self, policy: Policy, reader: Reader, store: Store) -> None:
        self.policy = policy
        self.reader = reader
        self.store = store
        self._released = policy.releases.released_ids()

    def cable(self, stored: StoredCable) -> StoredCable | None:
        cable = self.policy.redact(self.reader, stored.cable, stored.cable_id, self._released)
        if cable is None:
            return None
        if cable is stored.cable:
            return stored
        version = self.policy.redact_version(self.reader, stored.version, stored.cable,
                                             self._released)
        if version is None:  # pragma: no cover - same decision as above
            return None
        return dataclasses.replace(stored, cable=cable, version=version)

    def versions(self, versions: Sequence[Version]) -> list[Version]:
        """Each version as the reader may see it; none at all when the current one is
        invisible (a cable the reader may not see has no versions either)."""
        out: list[Version] = []
        for version in versions:
            parsed = parse(version.raw, reference_id=version.cable_id)
            shown = self.policy.redact_version(self.reader, version, parsed, self._released)
            if shown is None:
                if version.is_current:
                    return []
                continue
            out.append(shown)
        return out

    def _assess(self, cable_id: str, cable: Cable) -> tuple[Visibility, bool, bool]:
        a = self.policy.assess(self.reader, cable, cable_id, self._released)
        return a.visibility, a.header, a.subject

    def cites(self, stored: StoredCable, cites: list[Citation]) -> list[Citation]:
        _, header, _ = self._assess(stored.cable_id, stored.cable)
        if not header:
            return []
        targets = {s.cable_id: s.cable for s in self.store.get_many(
            [c.cited for c in cites if c.resolved])}
        out = []
        for cite in cites:
            target = targets.get(cite.cited)
            if target is None:
                out.append(dataclasses.replace(cite, resolved=False, subject=None,
                                               created=None))
                continue
            visibility, _, subject = self._assess(cite.cited, target)
            if visibility is Visibility.NONE:
                out.append(dataclasses.replace(cite, resolved=False, subject=None,
                                               created=None))
            elif not subject:
                out.append(dataclasses.replace(cite, subject=None))
            else:
                out.append(cite)
        return out

    def cited_by(self, cited_by: list[Citation]) -> list[Citation]:
        citing = {s.cable_id: s.cable for s in self.store.get_many(
            [c.citing for c in cited_by])}
        out = []
        for cite in cited_by:
            cable = citing.get(cite.citing)
            if cable is None:
                continue
            _, header, subject = self._assess(cite.citing, cable)
            if header:
                out.append(cite if subject else dataclasses.replace(cite, subject=None))
        return out


class RedactedVersions:
    """Just enough of a ``Store`` for ``diff.diff_versions``: already-redacted versions."""

    def __init__(self, versions: list[Version]) -> None:
        self._versions = versions

    def versions(self, cable_id: str) -> list[Version]:
        return self._versions


def scoped_stats(results: SearchResults | object) -> ArchiveStats:
    """Statistics from the reader's whole-archive facets (an ``Overview``): counts of the
    cables the reader may find, nothing from the store. Versions, quarantine and citation
    counts are whole-store figures, so a restricted reader gets the visible cable count for
    versions and zero for the others."""
    total = int(getattr(results, "total", 0))
    facets: dict[str, list[tuple[str, int]]] = getattr(results, "facets", {})
    labels = {c.label: c.name for c in Classification}
    by_class = {labels.get(k, k): n for k, n in facets.get("classification", [])}
    by_year = {int(k): n for k, n in facets.get("year", []) if k.isdigit()}
    return ArchiveStats(
        cables=total,
        versions=total,
        quarantined=0,
        by_classification=by_class,
        by_year=by_year,
        top_origins=list(facets.get("origin", []))[:TOP],
        top_tags=list(facets.get("tags", []))[:TOP],
        citations_resolved=0,
        citations_missing=0,
        undated=max(0, total - sum(by_year.values())),
    )
