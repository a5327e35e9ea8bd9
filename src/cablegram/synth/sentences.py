"""Fill sentence templates with invented people, places and dates for one cable.

A ``Scene`` is the cast of one cable: the country it is about, the officials it introduces,
the dates near its creation. Templates refer back to the last person introduced
(``{surname}``), so a paragraph reads as one conversation rather than a bag of sentences.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from cablegram.synth.vocabulary import Country, Vocabulary

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Scene:
    """The slot values of one cable; ``scene[key]`` is what ``str.format_map`` asks for."""

    def __init__(
        self,
        rng: random.Random,
        vocab: Vocabulary,
        country: Country,
        region: str,
        capital: str,
        created: datetime,
        reftel: str,
    ) -> None:
        self.rng = rng
        self.vocab = vocab
        self.country = country
        self.region = region if region in vocab.given else "EUR"
        self.capital = capital
        self.created = created
        self.reftel = reftel
        self.people: list[tuple[str, str]] = []  # (full mention, surname), newest last
        self.gov = "GO" + country.name[0]
        self.usoff = rng.choice(vocab.reporting_officers)
        self.used: set[str] = set()  # templates already used in this cable (membership only)
        self.second: tuple[str, ...] = ()  # a second theme's sentences, for variety

    def person(self) -> tuple[str, str]:
        rng, vocab = self.rng, self.vocab
        given = rng.choice(vocab.given[self.region])
        surname = rng.choice(vocab.surnames[self.region])
        title = rng.choice(vocab.local_titles)
        self.people.append((f"{title} {given} {surname}", surname))
        return self.people[-1]

    def _recent(self) -> str:
        """The surname of the person last introduced; nobody yet: introduce one in full."""
        return self.people[-1][1] if self.people else self.person()[0]

    def _date(self) -> str:
        day = self.created - timedelta(days=self.rng.randint(1, 20))
        return f"{MONTHS[day.month - 1]} {day.day}"

    def __getitem__(self, key: str) -> str:
        rng, world = self.rng, self.vocab.world
        if key == "official" or key == "official2":
            return self.person()[0]
        if key == "surname" or key == "surname2":
            return self._recent()
        if key == "date":
            return self._date()
        simple = self._simple(key, rng)
        if simple is not None:
            return simple
        if key in _WORLD_KEYS:
            return rng.choice(world[_WORLD_KEYS[key]])
        raise KeyError(key)

    def _simple(self, key: str, rng: random.Random) -> str | None:
        value: str | None
        match key:
            case "country":
                value = self.country.name
            case "adj":
                value = self.country.adjective
            case "gov":
                value = self.gov
            case "capital":
                value = self.capital
            case "usoff":
                value = self.usoff
            case "reftel":
                value = self.reftel
            case "month":
                value = MONTHS[rng.randrange(12)]
            case "year":
                value = str(self.created.year + rng.choice((-1, 0, 0, 1)))
            case "num":
                value = str(rng.randint(2, 40))
            case "big":
                value = f"{rng.randint(1, 900)},{rng.randint(0, 999):03d}"
            case "pct":
                value = f"{rng.randint(3, 78)} percent"
            case "amt":
                value = f"${rng.randint(2, 950)} million"
            case _:
                value = None
        return value


_WORLD_KEYS = {
    "party": "parties",
    "ngo": "ngos",
    "paper": "papers",
    "company": "companies",
    "ministry": "ministries",
    "place": "places",
    "event": "events",
    "program": "programs",
}


def fill(template: str, scene: Scene) -> str:
    text = template.format_map(scene).replace("the the ", "the ")
    return text[0].upper() + text[1:] if text and text[0].islower() else text
