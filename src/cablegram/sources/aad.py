"""NARA AAD telegram dumps (1973-79): a "Message Text" part, then "Message Attributes".

No real dump was available; the layout is the one described by projects that parse the
archive.org AAD text files, and the attribute record is the one PlusD shows in its
Metadata pane (same keys, same ``! '...'`` quoting of multi-line values), which is why
both readers share ``parse_attributes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablegram.sources import dates
from cablegram.sources.names import id_from_name
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input, decode

FORMAT = "nara-aad"
_KEY = re.compile(r"([A-Za-z][A-Za-z0-9 /()&.'*-]*?):(?:[ \t]+(.*?))?[ \t]*\Z")
_TEXT_HEADING = re.compile(r"^[ \t]*Message Text[ \t]*:?[ \t]*\r?\n", re.M)
_ATTR_HEADING = re.compile(r"^[ \t]*Message Attributes[ \t]*:?[ \t]*\r?\n", re.M)
_MAPPED = {
    "Document Number",
    "Draft Date",
    "From",
    "Original Classification",
    "Reference",
}
_EXTRA_NAMES = {"TAGS": "tags", "Subject": "title"}


def snake(key: str) -> str:
    """``Original Classification`` -> ``original_classification``."""
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


def parse_attributes(text: str) -> dict[str, str]:
    """``Key: value`` lines; indented lines continue a value; ``! '...'`` spans lines."""
    values: dict[str, list[str]] = {}
    key: str | None = None
    quoted = False
    for line in text.splitlines():
        if quoted and key is not None:
            quoted = not _closes(line)
            values[key].append(line if quoted else line.rstrip()[:-1])
            continue
        stripped = line.strip()
        if not stripped or stripped == "---":
            continue
        m = None if line[0].isspace() else _KEY.match(line)
        if m is None:
            if key is not None:
                values[key].append(line)
            continue
        key, value = m.group(1), m.group(2) or ""
        if value.startswith(("! '", "'")):
            value = value[value.index("'") + 1 :]
            quoted = not _closes(value)
            value = value if quoted else value.rstrip()[:-1]
        values.setdefault(key, []).append(value)
    return {k: _fold(v) for k, v in values.items()}


def _closes(line: str) -> bool:
    stripped = line.rstrip().replace("''", "")
    return stripped.endswith("'")


def _fold(lines: list[str]) -> str:
    """YAML's folding: a line break is a space, a blank line a newline."""
    out: list[str] = []
    run: list[str] = []
    for part in (line.strip() for line in lines):
        if part:
            run.append(part)
        elif run:
            out.append(" ".join(run))
            run = []
    if run:
        out.append(" ".join(run))
    return "\n".join(out).replace("''", "'")


def references(value: str | None) -> tuple[str, ...]:
    if not value or value.strip().lower() in ("n/a", "none", ""):
        return ()
    return tuple(part for part in value.split("\n") if part)


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    data = src.stream.read()
    text, encoding = decode(data)
    starts = [m for m in _TEXT_HEADING.finditer(text)]
    if not starts:
        on_error(SourceError(f"{src.name}:1", "no 'Message Text' heading (AAD dump)", data))
        return
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        line = text.count("\n", 0, start.start()) + 1
        location = f"{src.name}:{line}" if len(starts) > 1 else src.name
        attrs = _ATTR_HEADING.search(text, start.end(), end)
        if attrs is None:
            reason = "'Message Text' without a 'Message Attributes' part"
            on_error(SourceError(f"{src.name}:{line}", reason, text[start.start() : end].encode()))
            continue
        body = text[start.end() : attrs.start()]
        yield _record(body, parse_attributes(text[attrs.end() : end]), location, encoding)


def _record(body: str, attrs: dict[str, str], location: str, encoding: str) -> SourceRecord:
    extra = {_EXTRA_NAMES.get(k, snake(k)): v for k, v in attrs.items() if k not in _MAPPED}
    draft = attrs.get("Draft Date", "")
    if draft:
        extra["date_raw"] = draft
    if encoding not in ("utf-8", "utf-8-sig"):
        extra["encoding"] = encoding
    return SourceRecord(
        text=body,
        format=FORMAT,
        location=location,
        reference_id=attrs.get("Document Number") or id_from_name(location),
        created=dates.aad_date(draft),
        origin=attrs.get("From") or None,
        classification=attrs.get("Original Classification") or None,
        references=references(attrs.get("Reference")),
        content=body,
        extra=extra,
    )
