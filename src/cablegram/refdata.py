"""Reference tables shipped inside the package (``cablegram/data/*.yaml``).

The tables are data, not code, so that a reader can correct a definition without touching a
regex. Each file is read once, on first use, because parsing never needs all of them and the
YAML load costs far more than a parse of one cable.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

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
    return parse_yaml(text)


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
