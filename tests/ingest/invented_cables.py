"""Invented cables in the corpus JSONL layout, for ingest tests.

Everything here is made up (people, serial numbers, subjects, events); only the conventions
are real: station names, TAGS codes, markings, the shape of the header lines. Cables cite
earlier cables of the same set, so the citation graph resolves, plus a few ids that are not
in the set, so it has missing edges too.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PARTIAL = (
    "This record is a partial extract of the original cable. The full text of the original "
    "cable is not available."
)
STATIONS = {
    "ALMATY": "Embassy Almaty",
    "ASTANA": "Embassy Astana",
    "ROME": "Embassy Rome",
    "CAIRO": "Embassy Cairo",
    "TRIPOLI": "Embassy Tripoli",
    "REYKJAVIK": "Embassy Reykjavik",
    "MANAMA": "Embassy Manama",
    "BRASILIA": "Embassy Brasilia",
    "STATE": "Secretary of State",
}
LEVELS = [
    ("C O N F I D E N T I A L", "CONFIDENTIAL", "C"),
    ("S E C R E T", "SECRET", "S"),
    ("UNCLAS", "UNCLASSIFIED", "U"),
    ("C O N F I D E N T I A L", "CONFIDENTIAL//NOFORN", "C//NF"),
]
TAGS = ["PREL", "PGOV", "ECON", "KNNP", "PARM", "EFIN", "MARR", "KPAO", "PHUM", "SENV"]
FIRST = ["Odran", "Velika", "Tamsin", "Borislav", "Ilse", "Quentin", "Marisol", "Dagny"]
LAST = ["Varnholt", "Quillane", "Ostrebek", "Pellimore", "Zantaro", "Fenwary", "Corbisse"]
NOUNS = [
    "harbour tender",
    "grain quota",
    "border post",
    "reactor study",
    "pipeline permit",
    "fishing licence",
    "election commission",
    "customs code",
    "power grid",
    "visa rule",
]
VERBS = ["welcomed", "questioned", "postponed", "outlined", "criticised", "endorsed"]


@dataclass
class Invented:
    """One invented cable as its JSONL object, plus what the tests need to know about it."""

    obj: dict[str, object]
    cable_id: str
    cites: list[str]


def sentence(rnd: random.Random) -> str:
    who = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    return (
        f"Deputy Minister {who} {rnd.choice(VERBS)} the {rnd.choice(NOUNS)} on "
        f"{rnd.choice(['Monday', 'Tuesday', 'Friday'])}, saying the {rnd.choice(NOUNS)} "
        f"would be reviewed by {rnd.randint(2005, 2011)}."
    )


def content(
    rnd: random.Random,
    station: str,
    serial: int,
    year: int,
    level: tuple[str, str, str],
    refs: list[str],
) -> str:
    spaced, _, mark = level
    tags = " ".join(rnd.sample(TAGS, 3))
    lines = [
        f"{spaced} {station} {serial:06d} ",
        "",
        "SIPDIS ",
        "",
        f"E.O. 12958: DECL: {rnd.randint(1, 12):02d}/{rnd.randint(1, 28):02d}/{year + 10} ",
        f"TAGS: {tags} ",
        f"SUBJECT: {rnd.choice(NOUNS).upper()} {rnd.choice(VERBS).upper()} IN {station.title()} ",
        "",
    ]
    if refs:
        bullets = [
            f"{chr(65 + i)}. {r[:2]} {_station_of(r)} {_serial_of(r)}" for i, r in enumerate(refs)
        ]
        lines += ["REF: " + bullets[0], *bullets[1:], ""]
    lines += [
        f"Classified By: Ambassador {rnd.choice(FIRST)} {rnd.choice(LAST)} for reasons "
        "1.4 (b) and (d). ",
        "",
    ]
    for number in range(1, rnd.randint(2, 5)):
        body = " ".join(sentence(rnd) for _ in range(rnd.randint(2, 6)))
        lines += [f"{number}. ({mark}) {body} ", ""]
    lines.append(rnd.choice(LAST).upper())
    return "\n".join(lines)


def _station_of(cable_id: str) -> str:
    return "".join(ch for ch in cable_id[2:] if ch.isalpha())


def _serial_of(cable_id: str) -> str:
    return "".join(ch for ch in cable_id[2:] if ch.isdigit())


def generate(count: int, seed: int = 7) -> list[Invented]:
    """``count`` distinct invented cables, oldest first, citing earlier ones."""
    rnd = random.Random(seed)
    out: list[Invented] = []
    used: set[str] = set()
    while len(out) < count:
        station = rnd.choice(list(STATIONS))
        year = rnd.randint(2004, 2010)
        serial = rnd.randint(1, 9999)
        cable_id = f"{year % 100:02d}{station}{serial}"
        if cable_id in used:
            continue
        used.add(cable_id)
        refs = rnd.sample([c.cable_id for c in out[-50:]], min(len(out), rnd.randint(0, 2)))
        if rnd.random() < 0.1:
            refs.append(f"{year % 100:02d}STATE{rnd.randint(100000, 199999)}")  # not in the set
        level = rnd.choice(LEVELS)
        obj: dict[str, object] = {
            "id": cable_id,
            "date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T"
            f"{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}",
            "origin": STATIONS[station],
            "classification": level[1],
            "header": PARTIAL,
            "content": content(rnd, station, serial, year, level, refs),
            "format": "cablegate-html",
            "released": f"2011-0{rnd.randint(1, 8)}-{rnd.randint(10, 28)}T21:09",
            "source": "invented/mirror:cable.html@000000000000",
        }
        out.append(Invented(obj, cable_id, refs))
    return out


def older_version(cable: Invented, rnd: random.Random) -> dict[str, object]:
    """An earlier release of the same cable: names not yet redacted, released a month before."""
    obj = dict(cable.obj)
    text = str(obj["content"])
    obj["content"] = text.replace("Deputy Minister", f"Deputy Minister {rnd.choice(FIRST)}", 1)
    released = str(obj["released"])
    obj["released"] = f"2010-12-{released[8:10]}T21:09"
    obj["version"] = 2
    return obj


def write_jsonl(
    path: Path, objects: Iterable[dict[str, object]], *, extra_lines: Iterable[str] = ()
) -> Path:
    lines = [json.dumps(o) for o in objects] + list(extra_lines)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data, compresslevel=1))
    else:
        path.write_bytes(data)
    return path
