"""The routing envelope above a cable: transmission id, prosigns, DTG, FM/TO/INFO.

Four shapes occur in Cablegate and are generated with their real shares for the cable's
year: the automated-relay header (``VZCZCXRO``), the web-relay header (``VZCZCXYZ ...
RUEHWEB``), the plain precedence/DTG/FM/TO block of older and media-partner renderings, and
the WikiLeaks sentence that stands in for the header of partial extracts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from cablegram.synth.chains import MONTH_ABBR
from cablegram.synth.timeline import Slot
from cablegram.synth.vocabulary import Station, Vocabulary
from cablegram.synth.weighted import Weighted

PARTIAL = (
    "This record is a partial extract of the original cable. The full text of the "
    "original cable is not available."
)

# (prosign, precedence in the DTG line, word after an addressee), with their shares.
PRECEDENCES = (
    ("PP", "P", "PRIORITY"),
    ("RR", "R", ""),
    ("OO", "O", "IMMEDIATE"),
    ("OO", "O R", "IMMEDIATE"),
    ("OO", "O P", "IMMEDIATE"),
    ("PP", "P R", "PRIORITY"),
    ("ZZ", "Z", "FLASH"),
)
PRECEDENCE = Weighted(PRECEDENCES, (40, 27, 27, 2.5, 2.2, 1.4, 0.1))
INFO_COUNTS = Weighted((0, 1, 2, 4, 7, 12), (30, 20, 18, 15, 10, 7))

COLLECTIVES = {
    "EUR": (
        "RUEHZL/EUROPEAN POLITICAL COLLECTIVE",
        "RUCNMEM/EU MEMBER STATES COLLECTIVE",
        "RUEHZG/NATO EU COLLECTIVE",
        "RUCNCIS/CIS COLLECTIVE",
    ),
    "NEA": (
        "RUEHEE/ARAB LEAGUE COLLECTIVE",
        "RUEHXK/ARAB ISRAELI COLLECTIVE",
        "RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE",
        "RUCNIRA/IRAN COLLECTIVE",
    ),
    "SCA": ("RUCNCLS/ALL SOUTH AND CENTRAL ASIA COLLECTIVE", "RUCNAFG/AFGHANISTAN COLLECTIVE"),
    "EAP": ("RUCNASE/ASEAN MEMBER COLLECTIVE", "RUEHOO/CHINA POSTS COLLECTIVE"),
    "AF": (
        "RUEHZO/AFRICAN UNION COLLECTIVE",
        "RUEHZK/ECOWAS COLLECTIVE",
        "RUCNSAD/SOUTHERN AF DEVELOPMENT COMMUNITY COLLECTIVE",
    ),
    "WHA": ("RUEHZA/WHA CENTRAL AMERICAN COLLECTIVE", "RUCNMER/MERCOSUR COLLECTIVE"),
    "IO": ("RUEHGG/UN SECURITY COUNCIL COLLECTIVE",),
}
AGENCIES = (
    "RHEHNSC/NSC WASHDC",
    "RUEAIIA/CIA WASHDC",
    "RUEKJCS/SECDEF WASHDC",
    "RUEATRS/DEPT OF TREASURY WASHDC",
    "RUCPDOC/DEPT OF COMMERCE WASHDC",
    "RHEFDIA/DIA WASHINGTON DC",
    "RUEKJCS/JOINT STAFF WASHDC",
    "RHMFISS/HQ USCENTCOM MACDILL AFB FL",
    "RHMFISS/HQ USEUCOM VAIHINGEN GE",
    "RUCNDT/USMISSION USUN NEW YORK",
    "RUEHGV/USMISSION GENEVA",
)
SECURITY = {
    "U": "ZNR UUUUU ZZH",
    "E": "ZNY EEEEE ZZH",
    "C": "ZNY CCCCC ZZH",
    "S": "ZNY SSSSS ZZH",
    "T": "ZNY TTTTT ZZH",
}


@dataclass(frozen=True, slots=True)
class Envelope:
    text: str
    shape: str  # xro | xyz | plain | partial
    dtg: datetime
    precedence: str  # the DTG line's precedence letters: "P", "O R"


def header_shape(rng: random.Random, created: datetime) -> str:
    """Which header shape a cable of this date has in Cablegate."""
    year, roll = created.year, rng.random()
    if year < 2000:
        return "plain"
    if created < datetime(2006, 3, 1):
        return "partial" if roll < 0.95 else "plain"
    if roll < 0.05:
        return "plain"
    return "xro" if roll < 0.60 else "xyz"


def envelope(
    rng: random.Random, vocab: Vocabulary, slot: Slot, security: str, sections: int, shape: str
) -> Envelope:
    prosign, prec, word = PRECEDENCE.pick(rng)
    dtg = slot.created + timedelta(minutes=rng.randint(0, 25))
    if shape == "partial":
        return Envelope(PARTIAL, shape, dtg, prec)
    lines = _addressees(rng, vocab, slot.station, word, routed=shape != "plain")
    dtg_line = f"{prec} {dtg_text(dtg)}"
    if shape == "plain":
        return Envelope("\n".join([dtg_line, *lines]), shape, dtg, prec)
    sent = dtg + timedelta(minutes=rng.randint(0, 12))
    part = "/01" if sections > 1 or rng.random() < 0.45 else ""
    de = (
        f"DE {slot.station.routing} #{slot.serial % 10000:04d}{part} "
        f"{sent.timetuple().tm_yday:03d}{sent.hour:02d}{sent.minute:02d}"
    )
    if shape == "xyz":
        top = [f"VZCZCXYZ{rng.randint(0, 30):04d}", f"{prosign} RUEHWEB", ""]
    else:
        top = [f"VZCZCXRO{rng.randint(0, 9999):04d}", f"{prosign} " + _relays(rng, vocab)]
    text = "\n".join([*top, de, SECURITY[security], dtg_line, *lines])
    return Envelope(text, shape, dtg, prec)


def dtg_text(when: datetime) -> str:
    return (
        f"{when.day:02d}{when.hour:02d}{when.minute:02d}Z {MONTH_ABBR[when.month - 1]} "
        f"{when.year % 100:02d}"
    )


def _relays(rng: random.Random, vocab: Vocabulary) -> str:
    picks = sorted({rng.choice(vocab.stations).routing for _ in range(rng.randint(1, 9))})
    return " ".join(picks)


class _Addresser:
    """Writes addressee lines: ``RUEHAK/AMEMBASSY ANKARA PRIORITY 1234`` or plain PLADs."""

    def __init__(self, rng: random.Random, routed: bool) -> None:
        self.rng = rng
        self.routed = routed

    def __call__(self, ri: str, plad: str, mcn: bool = True, prec: str = "") -> str:
        parts = [f"{ri}/{plad}" if self.routed else plad]
        if prec:
            parts.append(prec)
        if mcn and self.routed:
            parts.append(f"{self.rng.randint(0, 9999):04d}")
        return " ".join(parts)


_NEAR: dict[tuple[int, str], tuple[Station, ...]] = {}


def _near(vocab: Vocabulary, region: str) -> tuple[Station, ...]:
    """The busier posts of a region: who gets a post's cables for information."""
    key = (id(vocab), region)
    if key not in _NEAR:
        _NEAR[key] = tuple(s for s in vocab.stations[:120] if s.region == region)
    return _NEAR[key]


def _addressees(
    rng: random.Random, vocab: Vocabulary, station: Station, word: str, routed: bool
) -> list[str]:
    address = _Addresser(rng, routed)
    lines = [f"FM {station.plad}"]
    if station.code == "STATE":
        if rng.random() < 0.2:
            lines.append(f"TO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE {word}".rstrip())
        else:
            post = rng.choice(vocab.stations)
            lines.append("TO " + address(post.routing, post.plad, prec=word))
    else:
        lines.append("TO " + address("RUEHC", "SECSTATE WASHDC", prec=word))
    info = _info(rng, vocab, station, address)
    if info:
        lines.append("INFO " + info[0])
        lines.extend(info[1:])
    return lines


def _info(
    rng: random.Random, vocab: Vocabulary, station: Station, address: _Addresser
) -> list[str]:
    count = INFO_COUNTS.pick(rng)
    out: list[str] = []
    if count and rng.random() < 0.35:
        ri, _, plad = rng.choice(COLLECTIVES.get(station.region, COLLECTIVES["IO"])).partition("/")
        out.append(address(ri, plad, False))
    near = _near(vocab, station.region)
    seen = {station.code}
    for _ in range(count):
        post = rng.choice(near) if near and rng.random() < 0.8 else rng.choice(vocab.stations)
        if post.code not in seen:
            seen.add(post.code)
            out.append(address(post.routing, post.plad, rng.random() < 0.7))
    if count and rng.random() < 0.4:
        ri, _, plad = rng.choice(AGENCIES).partition("/")
        out.append(address(ri, plad, rng.random() < 0.3))
    return out
