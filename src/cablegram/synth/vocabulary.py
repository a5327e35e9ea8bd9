"""The facts and the invented world generated cables are made of, loaded once from ``data/``.

Real facts (posts, routing indicators, tag codes) and invented material (people, parties,
events, sentences) live in data files rather than in code so that they can be read, reviewed
and extended without touching the generator. Everything is loaded into tuples in file order:
generation indexes into them with a seeded ``random.Random``, so the order is part of the
output and must not depend on hashing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from cablegram.refdata import parse_yaml


@dataclass(frozen=True, slots=True)
class Station:
    """A post as ids, headers and WikiLeaks metadata name it.

    ``code`` is the station in reference ids (``NEWDELHI``), ``name`` the spaced form used in
    classification lines and REF lines (``NEW DELHI``), ``plad`` the FM/TO address, ``tag``
    its country's TAGS code (or an organisation tag for missions, ``-`` for the Department).
    """

    code: str
    weight: int
    origin: str
    plad: str
    routing: str
    tag: str
    region: str
    name: str


@dataclass(frozen=True, slots=True)
class Country:
    tag: str
    name: str
    adjective: str


@dataclass(frozen=True, slots=True)
class Theme:
    """A reporting subject: its TAGS, subject lines, headings and sentences."""

    name: str
    tags: tuple[str, ...]
    subjects: tuple[str, ...]
    headings: tuple[str, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    stations: tuple[Station, ...]
    by_code: dict[str, Station]
    aliases: dict[str, str]
    countries: dict[str, Country]
    given: dict[str, tuple[str, ...]]
    surnames: dict[str, tuple[str, ...]]
    local_titles: tuple[str, ...]
    classifier_titles: tuple[str, ...]
    reporting_officers: tuple[str, ...]
    world: dict[str, tuple[str, ...]]
    offices: dict[str, tuple[str, ...]]
    themes: tuple[Theme, ...]
    phrases: dict[str, tuple[str, ...]]

    def station(self, code: str) -> Station:
        """The station for an id's station part, tolerating the misspellings in real ids."""
        found = self.by_code.get(code) or self.by_code.get(self.aliases.get(code, ""))
        if found is None and code.startswith("EFTO"):
            found = self.by_code.get(code[4:])
        return found or _unknown_station(code)


def _unknown_station(code: str) -> Station:
    """A plausible post for a station the table does not know (a few odd real ids)."""
    name = code.title()
    return Station(
        code, 1, f"Embassy {name}", f"AMEMBASSY {code}", f"RUEH{code[:3]}", "-", "IO", code
    )


def _text(name: str) -> str:
    return resources.files("cablegram.synth").joinpath("data").joinpath(name).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t") for line in _text(name).splitlines() if line and not line.startswith("#")
    ]


def _yaml(name: str) -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml(_text(name))
    return data


def _tuples(mapping: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(str(v) for v in values) for key, values in mapping.items()}


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    stations = tuple(
        Station(r[0], int(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]) for r in _rows("stations.tsv")
    )
    people = _yaml("people.yaml")
    world = _yaml("world.yaml")
    templates = _yaml("templates.yaml")
    themes = tuple(
        Theme(
            name,
            tuple(t["tags"]),
            tuple(t["subjects"]),
            tuple(t["headings"]),
            tuple(t["sentences"]),
        )
        for name, t in templates["themes"].items()
    )
    phrases = _tuples({k: v for k, v in templates.items() if k != "themes"})
    offices = _tuples(world.pop("offices"))
    return Vocabulary(
        stations=stations,
        by_code={s.code: s for s in stations},
        aliases={r[0]: r[1] for r in _rows("station_aliases.tsv")},
        countries={r[0]: Country(r[0], r[1], r[2]) for r in _rows("countries.tsv")},
        given=_tuples(people["given"]),
        surnames=_tuples(people["surnames"]),
        local_titles=tuple(people["local_titles"]),
        classifier_titles=tuple(people["classifier_titles"]),
        reporting_officers=tuple(people["reporting_officers"]),
        world=_tuples(world),
        offices=offices,
        themes=themes,
        phrases=phrases,
    )
