"""The pieces of a generated cable: wrapping, REF lines, envelopes, serials, versions."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime
from pathlib import Path

from cablegram.synth import synthesize
from cablegram.synth.chains import Cited, History, render
from cablegram.synth.header import PARTIAL, envelope, header_shape
from cablegram.synth.markings import SECRET_NF, captions, decl_line
from cablegram.synth.paragraphs import wrap
from cablegram.synth.timeline import Slot, invented_slots
from cablegram.synth.versions import REDACTED, redact
from cablegram.synth.vocabulary import load
from cablegram.synth.weighted import FastRandom
from cablegram.synth.writer_formats import jsonl_record


def test_wrap_keeps_every_word_and_ends_lines_with_a_blank() -> None:
    text = "word " * 40 + "x" * 90 + " end"
    wrapped = wrap(text)
    lines = wrapped.split("\n")
    assert all(line.endswith(" ") for line in lines)
    assert all(len(line) <= 63 for line in lines if "x" * 90 not in line)
    assert wrapped.split() == text.split()


def test_invented_serials_rise_within_each_station_year() -> None:
    vocab = load()
    last: dict[tuple[str, int], int] = {}
    when = datetime.min
    for slot in invented_slots(3000, FastRandom(1), vocab):
        assert slot.created >= when
        when = slot.created
        key = (slot.station.code, slot.created.year)
        assert slot.serial > last.get(key, 0) + 1  # a gap after every serial
        last[key] = slot.serial
        assert slot.reference_id == f"{slot.created.year % 100:02d}{slot.station.code}{slot.serial}"


def _slot(code: str, serial: int, when: datetime) -> Slot:
    vocab = load()
    return Slot(f"{when.year % 100:02d}{code}{serial}", vocab.station(code), serial, when)


def test_ref_lines_write_years_only_when_they_differ() -> None:
    rng = random.Random(0)
    history = History()
    old = _slot("ALMATY", 4143, datetime(2005, 11, 20))
    new = _slot("ALMATY", 120, datetime(2006, 1, 9))
    history.add(old)
    texts = {history._cable(new, old, rng).text for _ in range(40)}
    assert texts <= {"05 ALMATY 4143", "2005 ALMATY 4143", "05 ALMATY 004143", "2005 ALMATY 004143"}
    same = _slot("ALMATY", 200, datetime(2005, 12, 1))
    assert {history._cable(same, old, rng).text for _ in range(40)} <= {
        "ALMATY 4143",
        "ALMATY 004143",
    }


def test_ref_blocks_take_the_real_shapes() -> None:
    cited = [Cited("STATE 190856", "05STATE190856"), Cited("STATE 203310", "05STATE203310")]
    shapes = {render(random.Random(seed), cited, wrapped=True) for seed in range(60)}
    assert "REF: STATE 190856 AND 203310" in shapes
    assert any(s.startswith("REF: A. STATE 190856 \n     B. STATE 203310") for s in shapes)
    assert any("(A) STATE 190856 (B) STATE 203310" in s for s in shapes)
    assert (
        render(random.Random(1), [Cited("E-MAIL FROM EUR/DESK 01/02/2006")], False)
        == "REF: E-MAIL FROM EUR/DESK 01/02/2006"
    )


def test_missing_refs_are_ids_no_cable_has() -> None:
    history = History()
    for slot in invented_slots(500, FastRandom(2), load()):
        history.add(slot)
    issued = {s.reference_id for s in history.recent}
    rng = random.Random(3)
    found = [history._missing(rng, s) for s in list(history.recent)[-50:]]
    missing = [m for m in found if m is not None]
    assert missing and all(not m.in_archive and m.reference_id not in issued for m in missing)


def test_envelopes_have_the_real_shapes() -> None:
    vocab = load()
    rng = random.Random(4)
    slot = _slot("NEWDELHI", 1139, datetime(2009, 6, 4, 2, 2))
    xro = envelope(rng, vocab, slot, "S", 3, "xro").text.split("\n")
    assert re.fullmatch(r"VZCZCXRO\d{4}", xro[0])
    assert re.fullmatch(r"DE RUEHNE #1139/01 155\d{4}", xro[2])
    assert xro[3] == "ZNY SSSSS ZZH"
    assert re.fullmatch(r"[POR ]+ 04\d{4}Z JUN 09", xro[4])
    assert xro[5] == "FM AMEMBASSY NEW DELHI"
    assert xro[6].startswith("TO RUEHC/SECSTATE WASHDC")
    xyz = envelope(rng, vocab, slot, "U", 1, "xyz").text.split("\n")
    assert xyz[1].endswith(" RUEHWEB") and xyz[2] == "" and xyz[4] == "ZNR UUUUU ZZH"
    plain = envelope(rng, vocab, slot, "C", 1, "plain").text.split("\n")
    assert plain[1] == "FM AMEMBASSY NEW DELHI" and "/" not in plain[2]
    assert envelope(rng, vocab, slot, "C", 1, "partial").text == PARTIAL
    assert header_shape(rng, datetime(1990, 1, 1)) == "plain"


def test_sipdis_starts_in_december_2005_and_noforn_leads() -> None:
    rng = random.Random(5)
    early = [captions(rng, SECRET_NF, datetime(2005, 6, 1)) for _ in range(50)]
    late = [captions(rng, SECRET_NF, datetime(2007, 6, 1)) for _ in range(50)]
    assert not any("SIPDIS" in c for c in early)
    assert sum("SIPDIS" in c for c in late) > 40
    assert all(c[0] == "NOFORN" for c in early + late)


def test_declassification_is_ten_years_on() -> None:
    lines = {
        decl_line(random.Random(i), SECRET_NF, datetime(2005, 11, 20), False) for i in range(200)
    }
    assert "E.O. 12958: DECL: 11/20/2015" in lines
    assert all("2015" in line or re.search(r"X\d", line) for line in lines)


def test_redaction_blacks_out_invented_people(tmp_path: Path) -> None:
    from cablegram.synth.demo import demo_items

    cables = [i.cable for i in demo_items(60, 9) if i.cable.people]
    changed = [redact(random.Random(0), c) for c in cables[:20]]
    assert sum(REDACTED in t for t in changed) >= 15


def test_jsonl_records_have_the_corpus_fields() -> None:
    from cablegram.synth.demo import demo_items

    item = next(iter(demo_items(5, 1)))
    record = json.loads(jsonl_record(item.cable, item.released, 1, 1))
    assert {
        "id",
        "date",
        "released",
        "origin",
        "classification",
        "references",
        "header",
        "content",
        "format",
    } <= set(record)
    assert record["format"] == "cablegate-html"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", record["released"])


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    synthesize(
        2100,
        seed=4,
        out=tmp_path / "c.csv",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1000, 2100), (2000, 2100), (2100, 2100)]
