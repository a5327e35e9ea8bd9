"""REF chains: which earlier cables a cable cites, and how its REF line writes them.

Posts mostly cite their own recent reporting and the Department's instructions, sometimes
another post's cable, now and then a cable that never reached the archive, and e-mails or
meetings that are not cables at all. Only the recent past is remembered, so memory stays
bounded whatever the corpus size.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from cablegram.synth.timeline import Slot
from cablegram.synth.weighted import Weighted

REF_COUNTS = Weighted((1, 2, 3, 4, 5, 6, 8), (50, 24, 12, 6, 4, 2, 2))
MONTH_ABBR = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass(frozen=True, slots=True)
class Cited:
    """One REF entry: a cable (``reference_id`` set) or another document (``text`` only)."""

    text: str  # as the REF line writes it: "06 TBILISI 2601", "E-MAIL FROM EUR/CACEN"
    reference_id: str | None = None
    in_archive: bool = True


class History:
    """The recent cables of the corpus, by station and overall."""

    def __init__(self, exists: Callable[[str], bool] | None = None) -> None:
        self.by_station: dict[str, deque[Slot]] = {}
        self.recent: deque[Slot] = deque(maxlen=3000)
        self.state: deque[Slot] = deque(maxlen=300)
        self.exists = exists or (lambda _id: False)

    def add(self, slot: Slot) -> None:
        self.by_station.setdefault(slot.station.code, deque(maxlen=40)).append(slot)
        self.recent.append(slot)
        if slot.station.code == "STATE":
            self.state.append(slot)

    def choose(self, rng: random.Random, slot: Slot) -> list[Cited]:
        """The documents ``slot`` cites: none for about half of all cables."""
        if rng.random() < 0.45 or not self.recent:
            return []
        count = REF_COUNTS.pick(rng)
        cited: list[Cited] = []
        seen: set[str] = set()
        for _ in range(count * 2):
            if len(cited) >= count:
                break
            item = self._one(rng, slot)
            key = item.reference_id or item.text
            if key not in seen:
                seen.add(key)
                cited.append(item)
        return cited

    def _one(self, rng: random.Random, slot: Slot) -> Cited:
        roll = rng.random()
        own = self.by_station.get(slot.station.code)
        if roll < 0.50 and own:
            return self._cable(slot, rng.choice(own), rng)
        if roll < 0.72 and self.state:
            return self._cable(slot, rng.choice(self.state), rng)
        if roll < 0.88:
            return self._cable(slot, rng.choice(self.recent), rng)
        if roll < 0.94:
            missing = self._missing(rng, slot)
            if missing is not None:
                return missing
        return Cited(_other_document(rng, slot))

    def _cable(self, slot: Slot, target: Slot, rng: random.Random) -> Cited:
        return Cited(
            cable_text(rng, slot, target.station.name, target.serial, target.created.year),
            target.reference_id,
        )

    def _missing(self, rng: random.Random, slot: Slot) -> Cited | None:
        """A real-looking id that no cable of the corpus has: WikiLeaks shows "not in archive".

        Invented serials leave a gap after every issued serial, so ``serial + 1`` is never
        used; with real ids the id list says whether an id exists.
        """
        pool = self.by_station.get(slot.station.code) or self.recent
        base = rng.choice(pool)
        serial = base.serial + 1
        ref_id = f"{base.created.year % 100:02d}{base.station.code}{serial}"
        if self.exists(ref_id):
            return None
        text = cable_text(rng, slot, base.station.name, serial, base.created.year)
        return Cited(text, ref_id, in_archive=False)


def cable_text(rng: random.Random, slot: Slot, name: str, serial: int, year: int) -> str:
    """How a REF line writes a cable: the year only when it differs from the citing cable's."""
    number = f"{serial:06d}" if rng.random() < 0.08 else str(serial)
    if year == slot.created.year:
        return f"{name} {number}"
    if rng.random() < 0.85:
        return f"{year % 100:02d} {name} {number}"
    return f"{year} {name} {number}"


def _other_document(rng: random.Random, slot: Slot) -> str:
    when = slot.created
    day = max(1, when.day - rng.randint(0, 9))
    kind = rng.randrange(5)
    if kind == 0:
        return (
            f"E-MAIL FROM {rng.choice(('EUR', 'NEA', 'WHA', 'SCA', 'AF', 'EAP'))}/DESK "
            f"{when.month:02d}/{day:02d}/{when.year}"
        )
    if kind == 1:
        return f"{when.month:02d}/{day:02d} MEETING WITH MFA"
    if kind == 2:
        return f"OSC REPORT GMP{when.year}{when.month:02d}{day:02d}{rng.randint(100, 999)}"
    if kind == 3:
        return (
            f"{day:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}Z "
            f"{MONTH_ABBR[when.month - 1]} {when.year % 100:02d} DAO IIR 6 "
            f"{rng.randint(100, 999)} {rng.randint(1000, 9999)} {when.year % 100:02d}"
        )
    return f"TELCON {when.month:02d}/{day:02d}/{when.year % 100:02d} (POLOFF-DESK)"


def render(rng: random.Random, cited: list[Cited], wrapped: bool) -> str:
    """The REF block as cables write it: one entry, a lettered list, or an AND list."""
    if not cited:
        return ""
    label = "REFS: " if len(cited) > 1 and rng.random() < 0.12 else "REF: "
    if len(cited) == 1:
        return label + cited[0].text
    joined = _and_list(cited)
    if joined is not None and rng.random() < 0.5:
        return label + joined
    letters = "ABCDEFGHIJ"
    style = rng.random()
    if style < 0.70:
        sep = " \n     " if wrapped else "\n"
        return label + sep.join(f"{letters[i]}. {c.text}" for i, c in enumerate(cited))
    if style < 0.85:
        return label + " ".join(f"({letters[i]}) {c.text}" for i, c in enumerate(cited))
    return label + ", ".join(f"{letters[i]}) {c.text}" for i, c in enumerate(cited))


def _and_list(cited: list[Cited]) -> str | None:
    """``PARIS 1501 AND 1568`` when two cables share a station and year (and no year is shown)."""
    if len(cited) != 2 or not all(c.reference_id and c.in_archive for c in cited):
        return None
    first, second = cited[0].text.rsplit(" ", 1), cited[1].text.rsplit(" ", 1)
    if first[0] != second[0] or first[0][:1].isdigit():
        return None
    return f"{cited[0].text} AND {second[1]}"
