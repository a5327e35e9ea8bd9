"""Re-derive every version's parsed fields from its stored raw text after a parser upgrade.

The sources may be gone, but the store kept each text byte for byte together with the hints
its source gave (reference id, created date), so the new parser sees exactly what the old one
saw. Only versions whose parse actually changed are rewritten and logged for the index.
"""

from __future__ import annotations

from collections.abc import Iterator

from cablegram.ingest import work
from cablegram.ingest.pool import default_workers, ordered_map
from cablegram.ingest.progress import NullProgress, ProgressSink
from cablegram.model import Cable
from cablegram.store import rows
from cablegram.store.base import Derived, Store, Version

PAGE = 256


def reparse(
    store: Store, *, workers: int | None = None, progress: ProgressSink | None = None
) -> int:
    """Return how many versions' parsed fields changed."""
    sink = progress or NullProgress()
    sink.start(None)
    count = default_workers() if workers is None else workers
    changed = 0
    for page, results in ordered_map(work.run_chunk, _pages(store), _jobs, workers=count):
        items: list[tuple[int, Cable | Derived]] = [
            (version.version_id, result.stored)
            for version, result in zip(page, results, strict=True)
            if isinstance(result, work.Parsed) and isinstance(result.stored, Derived)
        ]
        changed += store.replace_parsed(items)
        sink.advance(len(page))
    return changed


def _pages(store: Store) -> Iterator[list[Version]]:
    last = 0
    while page := store.versions_after(last, PAGE):
        yield page
        last = page[-1].version_id


def _jobs(page: list[Version]) -> list[work.Job]:
    return [
        (v.raw, _hint(v, "reference_id"), rows.parse_timestamp(_hint(v, "created"))) for v in page
    ]


def _hint(version: Version, key: str) -> str | None:
    value = version.metadata.get(key)
    return value if isinstance(value, str) else None
