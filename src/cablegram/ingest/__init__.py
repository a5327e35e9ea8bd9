"""Ingest: any source into the record store, in parallel, with nothing lost or duplicated."""

from cablegram.ingest.pipeline import ingest
from cablegram.ingest.progress import NullProgress, ProgressSink, RichProgress
from cablegram.ingest.reparse import reparse
from cablegram.ingest.summary import FormatCounts, IngestSummary

__all__ = [
    "FormatCounts",
    "IngestSummary",
    "NullProgress",
    "ProgressSink",
    "RichProgress",
    "ingest",
    "reparse",
]
