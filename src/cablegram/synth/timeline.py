"""Which cables exist and when: reference ids, stations, serials and creation times.

Either the real Cablegate ids and months (``ids_from``), or invented ids with real station
names whose serials rise through each station's year as real serials do. Either way slots
come out in creation order, so a cable can only cite cables that came before it.
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cablegram.synth.vocabulary import Station, Vocabulary
from cablegram.synth.weighted import Weighted

# Cables per creation year in the 2010-2011 Cablegate release (from its id list): a fact
# about the corpus, used to spread invented cables over the years as the real ones are.
YEAR_WEIGHTS = {
    1966: 1,
    1972: 4,
    1973: 3,
    1975: 1,
    1978: 2,
    1979: 5,
    1985: 87,
    1986: 45,
    1987: 35,
    1988: 73,
    1989: 74,
    1990: 102,
    1991: 52,
    1992: 103,
    1993: 31,
    1994: 80,
    1995: 109,
    1996: 48,
    1997: 58,
    1998: 62,
    1999: 56,
    2000: 432,
    2001: 878,
    2002: 2570,
    2003: 8083,
    2004: 11808,
    2005: 24131,
    2006: 42385,
    2007: 44688,
    2008: 49427,
    2009: 56797,
    2010: 9004,
}
LAST = datetime(2010, 2, 28, 23, 59)
_ID = re.compile(r"^(\d\d)(.+?)(\d+)$")


@dataclass(frozen=True, slots=True)
class Slot:
    reference_id: str
    station: Station
    serial: int
    created: datetime


def full_year(two: str) -> int:
    year = int(two)
    return 1900 + year if year >= 66 else 2000 + year


IdRow = tuple[str, int, int, int]  # reference id, year, month, line in the file


def real_slots(
    rows: list[IdRow], count: int, rng: random.Random, vocab: Vocabulary
) -> Iterator[Slot]:
    """The first ``count`` real ids by creation month, each given a time within its month.

    Within a month a station's cables are ordered by serial, so serials rise with time as
    they did on the wire. ``rows`` come from ``read_ids``.
    """
    rows = list(rows)
    rows.sort(key=lambda r: (r[1], r[2]))
    tops: dict[tuple[str, int], int] = {}
    for ref_id, year, _month, _order in rows:
        m = _ID.match(ref_id)
        if m:
            key = (m.group(2), year)
            tops[key] = max(tops.get(key, 1), int(m.group(3)))
    start = 0
    emitted = 0
    while start < len(rows) and emitted < count:
        end = start
        while end < len(rows) and rows[end][1:3] == rows[start][1:3]:
            end += 1
        group = rows[start:end]
        year, month = group[0][1], group[0][2]
        times = _times_in_month(rng, year, month, len(group))
        group.sort(key=lambda r: (_rank(r[0], r[1], tops), r[3]))
        for (ref_id, _y, _m, _o), created in zip(group, times, strict=True):
            if emitted >= count:
                return
            yield _slot(ref_id, created, vocab)
            emitted += 1
        start = end


def read_ids(path: Path) -> list[IdRow]:
    """The id list (``cablegate_id_to_month__cablemap.csv.gz``: ``66BUENOSAIRES2481,12``)."""
    rows = []
    with gzip.open(path, "rt", encoding="ascii") as lines:
        for order, line in enumerate(lines):
            ref_id, _, month = line.strip().partition(",")
            if ref_id and month.isdigit() and ref_id[:2].isdigit():
                rows.append((ref_id, full_year(ref_id[:2]), int(month), order))
    return rows


def _rank(ref_id: str, year: int, tops: dict[tuple[str, int], int]) -> float:
    m = _ID.match(ref_id)
    if not m:
        return 0.5
    return int(m.group(3)) / tops.get((m.group(2), year), 1)


def _times_in_month(rng: random.Random, year: int, month: int, n: int) -> list[datetime]:
    first = datetime(year, month, 1)
    nxt = datetime(year + month // 12, month % 12 + 1, 1)
    minutes = int((nxt - first).total_seconds() // 60)
    return sorted(first + timedelta(minutes=rng.randrange(minutes)) for _ in range(n))


def _slot(ref_id: str, created: datetime, vocab: Vocabulary) -> Slot:
    m = _ID.match(ref_id)
    station = vocab.station(m.group(2) if m else ref_id)
    serial = int(m.group(3)) if m else 0
    return Slot(ref_id, station, serial, created)


def invented_slots(
    count: int, rng: random.Random, vocab: Vocabulary, years: dict[int, int] | None = None
) -> Iterator[Slot]:
    """``count`` invented cables spread over the years as Cablegate's were."""
    weights = years or YEAR_WEIGHTS
    year_list = sorted(weights)
    chosen = rng.choices(year_list, weights=[weights[y] for y in year_list], k=count)
    times = sorted(_time_in_year(rng, y) for y in chosen)
    stations = Weighted(vocab.stations, [s.weight for s in vocab.stations])
    last: dict[tuple[str, int], int] = {}
    for created in times:
        station = stations.pick(rng)
        serial = _next_serial(rng, station, created, last)
        yield Slot(f"{created.year % 100:02d}{station.code}{serial}", station, serial, created)


def _time_in_year(rng: random.Random, year: int) -> datetime:
    first = datetime(year, 1, 1)
    end = min(datetime(year + 1, 1, 1), LAST)
    return first + timedelta(minutes=rng.randrange(int((end - first).total_seconds() // 60)))


def annual_volume(station: Station) -> int:
    """Roughly how many telegrams a station numbered in a year (the Department: most)."""
    return 180_000 if station.code == "STATE" else 250 + station.weight // 2


def _next_serial(
    rng: random.Random, station: Station, created: datetime, last: dict[tuple[str, int], int]
) -> int:
    key = (station.code, created.year)
    fraction = (created.timetuple().tm_yday - 1) / 366
    target = 1 + int(annual_volume(station) * fraction) + rng.randint(0, 3)
    serial = max(target, last.get(key, 0) + 2)
    last[key] = serial
    return serial
