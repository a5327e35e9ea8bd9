"""One cablegate page's fields into a record, shared by the HTML and JSON Lines readers.

The corpus JSON Lines keeps page content as published, glitches included; decoding the
glitches in one place means a page read from HTML and the same page read from JSON Lines
give the same record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from cablegram.sources import tsv_glitch
from cablegram.sources.record import SourceRecord

_MEDIA_PARTNER = re.compile(r"[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d[ \t]*\r?\n")


@dataclass(slots=True)
class PageFields:
    """What a page showed, before glitch decoding."""

    location: str
    format: str
    content: str
    header: str | None = None
    reference_id: str | None = None
    created: datetime | None = None
    released: datetime | None = None
    origin: str | None = None
    classification: str | None = None
    references: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


def join(header: str | None, content: str) -> str:
    """The text to parse: the header block, a blank line, the content block."""
    return f"{header}\n\n{content}" if header else content


def record(page: PageFields) -> SourceRecord:
    """The record for a page, its TSV or escaping glitch decoded, the published text kept."""
    extra = page.extra
    header, content = page.header, page.content
    created, references = page.created, page.references
    origin, classification = page.origin, page.classification
    decoded = tsv_glitch.decode(content, page.reference_id)
    if decoded is not None:
        extra.update(decoded.extra)
        extra["page_content"] = content
        if decoded.header is not None:
            if header is not None:
                extra["page_header"] = header
            header = decoded.header
        content = decoded.content
        if decoded.created is not None:
            if created is not None:
                extra["page_created"] = created.isoformat(sep=" ", timespec="minutes")
            created = decoded.created
        if decoded.references is not None:
            references = decoded.references
        origin = origin or decoded.origin
        classification = classification or decoded.classification
    if _MEDIA_PARTNER.match(content):
        extra["rendering"] = "media-partner"
    return SourceRecord(
        text=join(header, content),
        format=page.format,
        location=page.location,
        reference_id=page.reference_id or (decoded.reference_id if decoded else None),
        created=created,
        released=page.released,
        origin=origin,
        classification=classification,
        references=references,
        header=header,
        content=content,
        extra=extra,
    )
