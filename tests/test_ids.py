"""Cable ids and station names: the written forms sources use, then the real id list."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cablegram import ids

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
ID_LIST = SHARED / "corpus" / "metadata" / "cablegate_id_to_month__cablemap.csv.gz"
CORPUS = SHARED / "corpus" / "cables.jsonl.gz"
needs_id_list = pytest.mark.skipif(
    not ID_LIST.is_file(), reason=f"the Cablegate id list is not beside the repository ({ID_LIST})"
)
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"the real corpus is not beside the repository ({CORPUS})"
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("05 ALMATY 004143", "05ALMATY4143"),
        ("05ALMATY4143", "05ALMATY4143"),
        ("05ALMATY004143", "05ALMATY4143"),
        ("  05 almaty 4143 ", "05ALMATY4143"),
        ("1974ATHENS02959_b", "74ATHENS2959"),
        ("05ALMATY4143_a", "05ALMATY4143"),
        ("2007 MANAGUA 2135", "07MANAGUA2135"),
        ("'08 BUENOS AIRES 1491", "08BUENOSAIRES1491"),
        ("06 KATHAMNDU 2601", "06KATHMANDU2601"),
        ("09 SECSTATE 19O856", "09STATE190856"),
        ("09 STAT 1234", "09STATE1234"),
        ("09 SECSTATE WASHDC 1234", "09STATE1234"),
        ("07 RIO DE JAN 567", "07RIODEJANEIRO567"),
        ("07 RIO DE JANEIRO 000567", "07RIODEJANEIRO567"),
        ("08 USUN NEW YORK 0123", "08USUNNEWYORK123"),
        ("08 AMEMBASSY ALMATY 12", "08ALMATY12"),
        ("05 ALMATY 004143 SECTION 01 OF 02", "05ALMATY4143"),
        ("09 SECTION 02 OF 03 HARARE 000876", "09HARARE876"),
        ("74 STATE -097844", "74STATE97844"),  # PlusD "Reference" attribute
        ("1973STATE097844", "73STATE97844"),
        ("1974SAIGON01234_b", "74SAIGON1234"),  # a post outside Cablegate: kept as written
        # Published as-is: the real keys of real pages (see ids.py).
        ("7575LIBREVILLE1895", "7575LIBREVILLE1895"),
        ("08SECTON02OF02TIRANA398", "08SECTON02OF02TIRANA398"),
        ("09EFTOLONDON2187", "09EFTOLONDON2187"),
    ],
)
def test_canonical_id(written: str, canonical: str) -> None:
    assert ids.canonical_id(written) == canonical


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "not a cable id"),
        ("hello", "not a cable id"),
        ("STATE 190856", "not a cable id"),  # a citation without a year is no id
        ("05STATE", "not a cable id"),
        ("05 STATE 0000", "serial is zero"),
        ("05 STATE 12345678901", "serial too long"),
        ("05 FAR AWAY 12", "unknown station"),
        ("3005 STATE 12", "out of range"),
    ],
)
def test_canonical_id_rejects(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as err:
        ids.canonical_id(text)
    assert repr(text) in str(err.value)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("RIO DE JANEIRO", "RIODEJANEIRO"),
        ("RIO DE JAN", "RIODEJANEIRO"),
        ("RIODEJANEIRO", "RIODEJANEIRO"),
        ("Rio", "RIODEJANEIRO"),
        ("SECSTATE", "STATE"),
        ("SECSTATE WASHDC", "STATE"),
        ("STATE", "STATE"),
        ("STAT", "STATE"),
        ("KATHAMNDU", "KATHMANDU"),
        ("USUN NEW YORK", "USUNNEWYORK"),
        ("USUN NEW Y", "USUNNEWYORK"),  # ten columns of a page header
        ("USMISSION USUN NEW YORK NY", "USUNNEWYORK"),
        ("AMEMBASSY ALMATY", "ALMATY"),
        ("AMCONSUL MUMBAI", "MUMBAI"),
        ("EFTO LONDON", "LONDON"),
        ("EFTOLONDON", "LONDON"),
        ("AMEMBASSYHANOI", "HANOI"),
        ("Sao Paulo", "SAOPAULO"),
        ("ADDIS ABAB", "ADDISABABA"),
        ("N'DJAMENA", "NDJAMENA"),
        ("ST. PETERSBURG", "STPETERSBURG"),
        ("PORT-AU-PRINCE", "PORTAUPRINCE"),
        ("MEXICO CITY", "MEXICO"),
        ("THE HAGUE", "THEHAGUE"),
        ("AIT TAIPEI", "AITTAIPEI"),
        ("TAIPEI", "TAIPEI"),  # both are stations of published ids
        ("KIEV", "KIEV"),
        ("SECDEF WASHDC", "SECDEF"),
        ("GOTHAM", None),
        ("", None),
        ("SUBJECT", None),
    ],
)
def test_station(written: str, canonical: str | None) -> None:
    assert ids.station(written) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("TRIPOLII", "TRIPOLI"),
        ("BRASILA", "BRASILIA"),
        ("SECTATE", "STATE"),
        ("ASHBABAT", "ASHGABAT"),
        ("BUENOSAIREDS", "BUENOSAIRES"),
        ("STAGE", None),  # too short to guess: STATE is five letters
        ("BAGHDAD", "BAGHDAD"),
        ("ELEPHANT", None),
    ],
)
def test_near_station(written: str, canonical: str | None) -> None:
    assert ids.near_station(written) == canonical


@pytest.mark.parametrize(
    ("station", "post", "name"),
    [
        ("ALMATY", "Embassy Almaty", "Almaty"),
        ("AMEMBASSY ALMATY", "Embassy Almaty", "Almaty"),
        ("MUMBAI", "Consulate Mumbai", "Mumbai"),
        ("STATE", "Secretary of State", "Secretary of State"),
        ("SECSTATE", "Secretary of State", "Secretary of State"),
        ("USUNNEWYORK", "USUN New York", "USUN New York"),
        ("RIODEJANEIRO", "Consulate Rio De Janeiro", "Rio de Janeiro"),
        ("PORTAUPRINCE", "Embassy Port Au Prince", "Port-au-Prince"),
        ("HAVANA", "US Interests Section Havana", "Havana"),
        ("AITTAIPEI", "American Institute Taiwan, Taipei", "AIT Taipei"),
        ("CALCUTTA", "Consulate Kolkata", "Calcutta"),
        ("KIEV", "Embassy Kyiv", "Kiev"),
        ("BANGOK", "Embassy Bangkok", "Bangkok"),  # a station as misspelled in a real id
        ("GOTHAM", None, None),
    ],
)
def test_post_and_display_names(station: str, post: str | None, name: str | None) -> None:
    assert ids.post_name(station) == post
    assert ids.station_name(station) == name


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2005, "ALMATY", 4143), "05ALMATY4143"),
        ((5, "ALMATY", 4143), "05ALMATY4143"),
        ((1966, "BUENOS AIRES", 2481), "66BUENOSAIRES2481"),
        ((2009, "SECSTATE", 1), "09STATE1"),
        ((1974, "SAIGON", 12), "74SAIGON12"),
        ((2106, "SAN JOSE", 156), "06SANJOSE156"),  # a year inferred from a mistyped date
    ],
)
def test_make_id(args: tuple[int, str, int], expected: str) -> None:
    assert ids.make_id(*args) == expected


@pytest.mark.parametrize(
    "args", [(2005, "ALMATY", 0), (2005, "", 1), (2005, "12", 1), (-1, "STATE", 1)]
)
def test_make_id_rejects(args: tuple[int, str, int]) -> None:
    with pytest.raises(ValueError):
        ids.make_id(*args)


@pytest.mark.parametrize(
    ("ref_id", "parts"),
    [
        ("05ALMATY4143", (2005, "ALMATY", 4143)),
        ("66BUENOSAIRES2481", (1966, "BUENOSAIRES", 2481)),  # 66-99 are 19xx
        ("99STATE1", (1999, "STATE", 1)),
        ("00STATE1", (2000, "STATE", 1)),  # 00-65 are 20xx
        ("65STATE1", (2065, "STATE", 1)),
        ("7575LIBREVILLE1895", None),
        ("05 ALMATY 4143", None),
        ("05ALMATY04143", None),
    ],
)
def test_split_id(ref_id: str, parts: tuple[int, str, int] | None) -> None:
    assert ids.split_id(ref_id) == parts


def test_published_id_finds_the_page_of_a_repaired_id() -> None:
    assert ids.published_id("08THEHAGUE799") == "08THEHAGU799"
    assert ids.published_id("05ALMATY4143") == "05ALMATY4143"


def _id_list() -> list[str]:
    with gzip.open(ID_LIST, "rt", encoding="ascii") as fh:
        return [line.split(",", 1)[0] for line in fh]


@needs_id_list
def test_every_cablegate_id_round_trips() -> None:
    """All 251,287 published ids are canonical already, the malformed ones included."""
    all_ids = _id_list()
    assert len(all_ids) == 251_287
    changed = [i for i in all_ids if ids.canonical_id(i) != i]
    assert changed == []
    parts = [ids.split_id(i) for i in all_ids]
    assert sum(p is None for p in parts) == 53  # the oddities whose shape is no id at all


@needs_id_list
def test_every_station_of_a_well_formed_id_is_known() -> None:
    shaped = [re.fullmatch(r"\d{2}([A-Z]+)[1-9]\d*", i) for i in _id_list()]
    stations = Counter(m.group(1) for m in shaped if m is not None)
    unknown = sorted(s for s in stations if ids.station(s) is None)
    assert unknown == ["AQNA"]  # one id, 10AQNA272: no post fits it
    assert all(ids.post_name(s) for s in stations if s != "AQNA")


@needs_corpus
def test_post_names_agree_with_the_published_origins() -> None:
    agree = total = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            parts = ids.split_id(record["id"])
            if record.get("origin") and parts is not None:
                total += 1
                agree += ids.post_name(parts[1]) == record["origin"]
    assert total > 6000
    assert agree / total > 0.99  # BRUSSELS ids carry "USEU Brussels" too
