"""Cable identifiers and station names.

A WikiLeaks reference id is a two-digit year, the station and the serial without leading zeros:
``ALMATY 004143`` sent in 2005 is ``05ALMATY4143``. Every source writes ids and stations its
own way (``05 ALMATY 004143``, PlusD's ``1974ATHENS02959_b``, ``SECSTATE``, ``RIO DE JAN``,
``KATHAMNDU``), so everything that stores, links or compares ids goes through this module.

Decisions worth knowing:

- Two-digit years 66-99 are 19xx and 00-65 are 20xx: Cablegate spans 1966 to 2010, and the
  1970s PlusD ids carry four digits anyway.
- Ids that WikiLeaks published in a malformed shape (``7575LIBREVILLE1895``,
  ``08SECTON02OF02TIRANA398``, ``09EFTOLONDON2187``) are the keys of real pages, and the
  repaired id is sometimes a different real cable (``08TIRANA398`` exists too). So
  ``canonical_id`` returns such a published id unchanged; ``published_id`` maps a repaired id
  back to the published one where the repaired id belongs to no other cable.
- A station that is not in the table is still accepted in an id written as one word
  (``1974SAIGON01234``): the table covers Cablegate, not every post that ever cabled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cablegram.refdata import load

# Words that stand before a station name in addresses and REF lines but are no part of it
# ("AMEMBASSY ALMATY", "USMISSION GENEVA", "EFTO LONDON" from "UNCLAS EFTO LONDON").
PREFIXES = (
    "AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USMISSIN", "AMEMB", "USINT",
    "USOFFICE", "USLO", "REO", "EFTO", "NOFORN", "EMBASSY", "CONSULATE",
)  # fmt: skip
_TRUNCATION = 10  # page headers print the station in ten columns: "RIO DE JAN"
_MAX_SERIAL_DIGITS = 7
_CENTURY_PIVOT = 66  # two-digit years below this are 20xx
_NEAR_MIN = 6  # shorter names are too close to ordinary words ("STAGE 2" is no STATE cable)

_ID = re.compile(
    r"'?(?P<year>\d{4}|\d{2})[ \t]*(?P<station>[A-Z][A-Z .'\-]*?)[ \t]*-?[ \t]*"
    r"(?P<serial>\d[\dO]*)"
)
_SECTION = re.compile(r"\bSECTION[ \t]*\d+[ \t]*OF[ \t]*\d+\b|(?<=\d)SECTION\d+OF\d+(?=[A-Z])")
_PLUSD_SUFFIX = re.compile(r"_[A-Z]$")
_NOT_NAME = re.compile(r"[^A-Z ]+")
_ONE_WORD = re.compile(r"[A-Z]{2,30}")
_CANONICAL = re.compile(r"(\d{2})([A-Z]+)([1-9]\d*)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Tables:
    written: dict[str, str]  # station as written, spaces removed -> canonical station
    names: dict[str, str]  # canonical -> display name
    posts: dict[str, str]  # canonical -> origin as WikiLeaks published it
    published: frozenset[str]  # malformed ids that are real published keys
    repaired: dict[str, str]  # repaired id -> published malformed id


@functools.cache
def _tables() -> _Tables:
    doc = load("stations")
    names: dict[str, str] = {}
    posts: dict[str, str] = {}
    written: dict[str, str] = {}
    spaced: dict[str, str] = {}
    for key, info in doc["stations"].items():
        names[key] = info["name"]
        posts[key] = info["post"]
        written[key] = key
        form = info.get("written") or _NOT_NAME.sub(" ", info["name"].upper()).strip()
        if form.replace(" ", "") == key:
            spaced[form] = key
    for key, forms in doc["aliases"].items():
        for form in forms:
            written.setdefault(form.replace(" ", ""), key)
            if " " in form:
                spaced[form] = key
    for form, key in _truncations(spaced).items():
        written.setdefault(form, key)
    return _Tables(
        written=written,
        names=names,
        posts=posts,
        published=frozenset(doc["published_ids"]),
        repaired=dict(doc["repaired_ids"]),
    )


def _truncations(spaced: dict[str, str]) -> dict[str, str]:
    """Joined ten-column truncations of long station names, dropping ambiguous ones."""
    found: dict[str, str | None] = {}
    for form, key in spaced.items():
        if len(form) > _TRUNCATION:
            cut = form[:_TRUNCATION].rstrip().replace(" ", "")
            found[cut] = key if found.get(cut, key) == key else None
    return {cut: key for cut, key in found.items() if key is not None}


def written_forms() -> Mapping[str, str]:
    """Station as written (upper case, spaces removed) -> canonical station.

    For matchers over free text: join the words before a serial and look them up.
    """
    return _tables().written


@functools.cache
def _near_table() -> dict[str, str | None]:
    """Each written form of six letters or more with one letter dropped -> its station."""
    near: dict[str, str | None] = {}
    for form, key in _tables().written.items():
        if len(form) >= _NEAR_MIN:
            for i in range(len(form)):
                cut = form[:i] + form[i + 1 :]
                near[cut] = key if near.get(cut, key) == key else None
    return near


@functools.lru_cache(maxsize=8192)  # REF lines repeat their words: STATE, EMAIL, MARCH, ...
def near_station(joined: str) -> str | None:
    """The station one typing slip away from ``joined`` (upper case, no spaces), if just one.

    For REF lines, whose writers drop, double, swap or change letters (``TRIPOLII``,
    ``BRASILA``, ``SECTATE``, ``ASHBABAT``); exact forms go through ``written_forms``.
    """
    written, near = _tables().written, _near_table()
    if joined in written or len(joined) < _NEAR_MIN - 1:
        return written.get(joined)
    found = {near.get(joined)}  # a letter dropped
    for i in range(len(joined)):
        cut = joined[:i] + joined[i + 1 :]
        found.add(written.get(cut) if len(cut) >= _NEAR_MIN else None)  # a letter added
        found.add(near.get(cut))  # a letter changed, or two swapped
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def station(name: str) -> str | None:
    """The canonical station for a station as written, or None when it is unknown.

    ``RIO DE JAN`` -> ``RIODEJANEIRO``; ``SECSTATE WASHDC`` -> ``STATE``;
    ``AMCONSUL MUMBAI`` -> ``MUMBAI``; ``USMISSION USUN NEW YORK NY`` -> ``USUNNEWYORK``.
    """
    words = _NOT_NAME.sub(" ", name.upper().replace("'", "").replace(".", "")).split()
    written = _tables().written
    while words:
        found = _lookup("".join(words), written)
        if found is not None:
            return found
        if words[0] in PREFIXES:
            words = words[1:]
        elif len(words) > 1 and len(words[-1]) <= 2:  # country or state code: "BRUSSELS BE"
            words = words[:-1]
        else:
            return None
    return None


def _lookup(joined: str, written: Mapping[str, str]) -> str | None:
    found = written.get(joined)
    if found is not None:
        return found
    for prefix in PREFIXES:  # glued, as in the published id 09AMEMBASSYHANOI1234
        if joined.startswith(prefix) and joined[len(prefix) :] in written:
            return written[joined[len(prefix) :]]
    return None


def station_name(station_: str) -> str | None:
    """Display name of a post: ``RIODEJANEIRO`` -> ``Rio de Janeiro``."""
    key = station(station_)
    return None if key is None else _tables().names.get(key)


def post_name(station_: str) -> str | None:
    """The origin as WikiLeaks published it: ``ALMATY`` -> ``Embassy Almaty``.

    Some stations sent cables for more than one post (BRUSSELS ids carry both "Embassy
    Brussels" and "USEU Brussels"); this gives the post the station names, and the page's
    own metadata wins where a source has it.
    """
    key = station(station_)
    return None if key is None else _tables().posts.get(key)


def canonical_id(text: str) -> str:
    """The canonical reference id for an id written any of the usual ways.

    ``05 ALMATY 004143``, ``05ALMATY004143``, ``1974ATHENS02959_b``, ``2007 MANAGUA 2135``,
    ``09 SECSTATE 19O856 SECTION 01 OF 02``. Raises ``ValueError`` for text that is no id.
    """
    tables = _tables()
    done = _CANONICAL.fullmatch(text)
    if done is not None and done.group(2) in tables.names:
        return text  # the common case, already canonical
    compact = _SPACES.sub("", text).upper()
    if compact in tables.published:
        return compact
    cleaned = _PLUSD_SUFFIX.sub("", _SECTION.sub(" ", text.strip().upper())).strip()
    m = _ID.fullmatch(cleaned)
    if m is None:
        raise ValueError(f"not a cable id (year, station, serial): {text!r}")
    raw_station = m.group("station").strip()
    key = station(raw_station)
    if key is None:
        if not _ONE_WORD.fullmatch(raw_station):
            raise ValueError(f"unknown station {raw_station!r} in {text!r}")
        key = raw_station
    return _format(int(m.group("year")), key, _serial(m.group("serial"), text), text)


def make_id(year: int, station_: str, serial: int) -> str:
    """``make_id(2005, "ALMATY", 4143)`` -> ``05ALMATY4143``; the year may have two digits.

    Any year of three digits or more counts by its last two: an id has no room for more, and a
    caller that inferred an odd year (2106 from a mistyped DECL date) gets an id, not an error.
    Raises ``ValueError`` for a negative year, a serial below 1 or a station with no letters.
    """
    if year < 0:
        raise ValueError(f"a year is not negative: {year}")
    key = station_ if station_ in _tables().names else station(station_)
    if key is None:
        key = _NOT_NAME.sub("", station_.upper())
        if not _ONE_WORD.fullmatch(key):
            raise ValueError(f"not a station: {station_!r}")
    if serial < 1:
        raise ValueError(f"a serial is positive: {serial}")
    return f"{year % 100:02d}{key}{serial}"


def split_id(ref_id: str) -> tuple[int, str, int] | None:
    """``05ALMATY4143`` -> ``(2005, "ALMATY", 4143)``; None for ids of another shape."""
    m = _CANONICAL.fullmatch(ref_id)
    if m is None:
        return None
    return expand_year(int(m.group(1))), m.group(2), int(m.group(3))


def expand_year(year: int) -> int:
    """Four-digit year of a two-digit one: 66-99 are 19xx, 00-65 are 20xx."""
    if year >= 100:
        return year
    return year + (1900 if year >= _CENTURY_PIVOT else 2000)


def published_id(ref_id: str) -> str:
    """The id WikiLeaks published a cable under, for a canonical id.

    Identity except for the cables published under a malformed id whose repaired form
    belongs to no other cable: ``08THEHAGUE799`` -> ``08THEHAGU799``.
    """
    return _tables().repaired.get(ref_id, ref_id)


def _serial(text: str, source: str) -> int:
    digits = text.replace("O", "0").lstrip("0")
    if not digits:
        raise ValueError(f"serial is zero in {source!r}")
    if len(digits) > _MAX_SERIAL_DIGITS:
        raise ValueError(f"serial too long in {source!r}")
    return int(digits)


def _format(year: int, key: str, serial: int, source: str) -> str:
    if 1900 <= year <= 2099:
        year %= 100
    elif not 0 <= year <= 99:
        raise ValueError(f"year {year} out of range in {source!r}")
    return f"{year:02d}{key}{serial}"
