"""What every source reader yields: the cable text plus the metadata published beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cablegram.model import Cable


class SourceError(Exception):
    """A file, row or page that could not be read. Says what, where and why.

    ``raw`` keeps the unreadable bytes (or as much of them as could be isolated) so that a
    quarantine can hold on to them: nothing a user gave us is dropped silently.
    """

    def __init__(self, location: str, reason: str, raw: bytes | None = None) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
        self.raw = raw


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One cable as a source published it.

    ``text`` is the cable text to parse: for sources that publish a separate header block
    (cables.csv, WikiLeaks pages) it is ``header + "\\n\\n" + content``; ``header`` and
    ``content`` keep the two parts exactly as published.
    """

    text: str
    # cablegate-csv | cablegate-html | plusd | pdf-text | text | nara-aad | jsonl[:<format>]
    format: str
    location: str  # "path:line", "path#row=12", "archive.zip/cable/2005/11/05ALMATY4143.html"
    reference_id: str | None = None
    created: datetime | None = None
    released: datetime | None = None
    origin: str | None = None  # as published: "Embassy Almaty"
    classification: str | None = None  # as published: "SECRET//NOFORN"
    references: tuple[str, ...] = ()
    header: str | None = None
    content: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def parse(self) -> Cable:
        from cablegram.parse import parse

        return parse(self.text, reference_id=self.reference_id, created=self.created)
