"""Reference tables shipped inside the package (``cablegram/data/*.yaml``).

The tables are data, not code, so that a reader can correct a definition without touching a
regex. Each file is read once, on first use, because parsing never needs all of them and the
YAML load costs far more than a parse of one cable.

Building the Python objects of a YAML document is slow even with libyaml (about 20 ms for
the stations), and every fresh ``cablegram search`` naming an origin or a REF paid it. So a
loaded document is also written as JSON to the user's cache directory, under the SHA-256 of
the YAML text: an edited table is a different name, never a stale copy, and the YAML stays
the only source. Without a writable cache the YAML is simply parsed each time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from cablegram.files import replace_text
from cablegram.model import TagKind


@dataclass(frozen=True, slots=True)
class TagInfo:
    code: str
    kind: TagKind
    definition: str


@functools.cache
def load(name: str) -> Any:
    """The parsed YAML document ``cablegram/data/<name>.yaml`` (shared: do not mutate it)."""
    text = files("cablegram").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    cached = _cache_path(name, text)
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    data = parse_yaml(text)
    if cached is not None:
        _write_cache(cached, data)
    return data


CACHE_ENV = "CABLEGRAM_CACHE_DIR"
_CACHE_FORMAT = "1"  # bump if the cached form ever changes meaning


def cache_dir() -> Path | None:
    """``$CABLEGRAM_CACHE_DIR``, else ``$XDG_CACHE_HOME/cablegram`` or
    ``~/.cache/cablegram``; None when no home is known (an empty variable disables it)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "cablegram"
    try:
        return Path.home() / ".cache" / "cablegram"
    except RuntimeError:
        return None


def _cache_path(name: str, text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\n{text}".encode()).hexdigest()[:32]
    return folder / f"refdata-{name}-{digest}.json"


def _write_cache(path: Path, data: Any) -> None:
    """Only data that JSON gives back unchanged (YAML dates, say, would come back as text);
    written whole or not at all, so a reader never sees half a file."""
    try:
        encoded = json.dumps(data, ensure_ascii=False)
        if json.loads(encoded) != data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_text(path, encoded)
    except (OSError, TypeError, ValueError):
        return


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """A packaged YAML document, with libyaml's safe loader when PyYAML has it: the
    pure-Python one takes several times longer (~50 ms for the stations, paid by every fresh
    ``cablegram search`` whose query names an origin)."""
    return yaml.load(text, Loader=_LOADER)


@functools.cache
def _tag_table() -> dict[str, TagInfo]:
    table: dict[str, TagInfo] = {}
    for kind_name, entries in load("tags").items():
        kind = TagKind(kind_name)
        for code, definition in entries.items():
            if not isinstance(code, str) or not isinstance(definition, str):
                raise ValueError(f"tags.yaml: {kind_name}: {code!r} must map a string to text")
            if code in table:
                raise ValueError(f"tags.yaml: {code} is listed twice")
            table[code] = TagInfo(code, kind, definition)
    return table


def tag_info(code: str) -> TagInfo | None:
    return _tag_table().get(code.upper())


def tag_kind(code: str) -> TagKind:
    info = _tag_table().get(code.upper())
    return info.kind if info is not None else TagKind.UNKNOWN


def all_tags() -> tuple[TagInfo, ...]:
    return tuple(_tag_table().values())
