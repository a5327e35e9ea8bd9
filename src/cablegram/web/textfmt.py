"""Small text and date formatting shared by the templates and presenters.

Cable text is hard-wrapped at teleprinter width. Re-flowing it reads far better on a phone,
but lists, tables and indented quotations carry meaning in their line breaks, so a line
break is kept wherever the next line looks like the start of something.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_BLANK = re.compile(r"\n[ \t]*\n+")
# A line that starts something of its own: a bullet, a list letter or number, an indent.
_STARTS_ITEM = re.compile(
    r"^(?:[ \t]+|-{1,2}|\*|\u2022|\(?(?:[A-Za-z]|\d{1,2}|[ivx]{2,4})[.)]\s)")
_RULE = re.compile(r"^[\s\-=_*]{4,}$")  # an underline under a heading: drawn, not read
_FULL = 0.7  # a line this close to the block's widest line was wrapped by the teleprinter
_ENDS = (".", "!", "?", ";", '"', ")")


def reflow(text: str) -> list[list[str]]:
    """Blocks (separated by blank lines) of lines to show, hard-wrapped lines joined.

    A break is kept when the line before it ends with a colon, or is short and ends a
    sentence (its writer ended it there), or when the next line starts a list item or an
    indented passage. A short line that ends mid-sentence (a redaction shortened it) is
    joined.
    """
    blocks: list[list[str]] = []
    for block in _BLANK.split(text.strip("\n")):
        raw = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not raw:
            continue
        width = max(len(line) for line in raw)
        lines: list[str] = []
        keep = True  # the next line starts a new shown line
        for line in raw:
            if _RULE.match(line):  # a heading's underline: the heading stays a line
                keep = True
                continue
            if lines and not keep and not _STARTS_ITEM.match(line):
                lines[-1] = f"{lines[-1]} {line.strip()}"
            else:
                lines.append(line.strip())
            ended = line.endswith(":") or (len(line) < _FULL * width and line.endswith(_ENDS))
            keep = ended
        if lines:
            blocks.append(lines)
    return blocks


def when(moment: datetime | None) -> str:
    """``23 May 2006, 22:18 UTC``. Published cable times carry no zone and follow the
    date-time group, which is Zulu time: naive times are shown as UTC."""
    if moment is None:
        return "date unknown"
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return f"{utc.day} {utc:%B %Y, %H:%M} UTC"


def iso(moment: datetime | date | None) -> str:
    """Machine-readable form for ``<time datetime=...>`` (UTC made explicit)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        return utc.isoformat().replace("+00:00", "Z")
    return moment.isoformat()


def day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    return f"{moment.day} {moment:%b %Y}"


def count(n: int) -> str:
    """Thousands separated by a thin space, as in ``251 287``."""
    return f"{n:,}".replace(",", "\u202f")
