"""What an ingest did, per source format, and how fast."""

from __future__ import annotations

from dataclasses import dataclass, field

from cablegram.store.base import Outcome

UNREADABLE = "unreadable"  # the format bucket for files and rows no reader could read


@dataclass(slots=True)
class FormatCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.quarantined

    def count(self, outcome: Outcome) -> None:
        if outcome is Outcome.NEW:
            self.new += 1
        elif outcome is Outcome.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1

    def add(self, other: FormatCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.quarantined += other.quarantined


@dataclass(slots=True)
class IngestSummary:
    """``elapsed`` is wall time; ``store_seconds`` the part spent inside the store's writes
    (``store_cpu_seconds`` of it on the CPU, the rest waiting for disk or for a core) and
    ``index_seconds`` the indexing (batch by batch, its commits, and the sync at the end),
    so each side's rate can be told apart."""

    by_format: dict[str, FormatCounts] = field(default_factory=dict)
    elapsed: float = 0.0
    store_seconds: float = 0.0
    store_cpu_seconds: float = 0.0
    index_seconds: float = 0.0

    def of(self, fmt: str) -> FormatCounts:
        counts = self.by_format.get(fmt)
        if counts is None:
            counts = self.by_format[fmt] = FormatCounts()
        return counts

    @property
    def totals(self) -> FormatCounts:
        out = FormatCounts()
        for counts in self.by_format.values():
            out.add(counts)
        return out

    @property
    def records(self) -> int:
        return self.totals.total

    @property
    def rate(self) -> float:
        """Records per second, end to end."""
        return self.records / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def store_rate(self) -> float:
        """Records per second through the single writer alone."""
        return self.records / self.store_seconds if self.store_seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        totals = self.totals
        return {
            "by_format": {
                fmt: {
                    "new": c.new,
                    "updated": c.updated,
                    "unchanged": c.unchanged,
                    "quarantined": c.quarantined,
                }
                for fmt, c in sorted(self.by_format.items())
            },
            "new": totals.new,
            "updated": totals.updated,
            "unchanged": totals.unchanged,
            "quarantined": totals.quarantined,
            "records": totals.total,
            "elapsed": round(self.elapsed, 3),
            "rate": round(self.rate, 1),
            "store_seconds": round(self.store_seconds, 3),
            "store_cpu_seconds": round(self.store_cpu_seconds, 3),
            "index_seconds": round(self.index_seconds, 3),
        }
