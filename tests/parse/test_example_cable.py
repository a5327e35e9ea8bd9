"""The issue's example cable, field by field (read from ../shared at run time)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from cablegram import Classification, ReferenceKind, TagKind, parse, read

EXAMPLE = (Path(__file__).resolve().parents[3] / "shared" / "examples"
           / "000_224caa877290235f.txt")


@pytest.fixture(scope="module")
def text() -> str:
    if not EXAMPLE.exists():
        pytest.skip(f"the example cable is not beside the repository ({EXAMPLE})")
    return EXAMPLE.read_text(encoding="utf-8")


def test_every_field_of_the_example(text: str) -> None:
    cable = parse(text)
    assert cable.raw == text
    assert cable.reference_id == "05ALMATY4143"
    assert (cable.origin, cable.serial) == ("ALMATY", 4143)
    assert cable.classification is Classification.CONFIDENTIAL
    assert cable.caveats == ("SIPDIS",)
    assert cable.offices == (
        "DEPT FOR EUR/CACEN (J. MUDGE)",
        "DEPT FOR EUR/PRA (J. CONLON)",
        "DEPT FOR NP/RA (C. EVANS)",
    )
    assert cable.executive_order == "12958"
    assert cable.declassify_on == date(2015, 11, 20)
    assert [(t.code, t.kind) for t in cable.tags] == [
        ("PREL", TagKind.SUBJECT), ("PARM", TagKind.SUBJECT), ("KNNP", TagKind.PROGRAM),
        ("KZ", TagKind.GEOGRAPHIC), ("IN", TagKind.GEOGRAPHIC),
    ]
    assert cable.subject == ("KAZAKHSTAN: HIGH INTEREST IN CIVIL NUCLEAR COOPERATION WITH "
                             "INDIA")
    assert [(r.bullet, r.kind, r.value) for r in cable.references] == [
        ("A", ReferenceKind.CABLE, "05STATE190856"), ("B", ReferenceKind.CABLE, "05STATE203310"),
    ]
    assert [(p.number, p.marking, p.classification) for p in cable.paragraphs] == [
        (n, "C", Classification.CONFIDENTIAL) for n in (1, 2, 3)
    ]
    assert cable.signers == ("ORDWAY",)
    assert cable.partial is True
    assert cable.created is None
    inferred = [p for p in cable.problems if p.field == "created"]
    assert len(inferred) == 1 and "inferred" in inferred[0].message


def test_metadata_overrides_the_inferred_year(text: str) -> None:
    when = datetime(2005, 11, 21, 9, 30)
    cable = parse(text, created=when)
    assert cable.created == when
    assert cable.reference_id == "05ALMATY4143"
    assert not [p for p in cable.problems if p.field == "created"]


def test_the_cli_reader_gives_the_same_record(text: str) -> None:
    (record,) = list(read(EXAMPLE))
    assert record.parse().reference_id == "05ALMATY4143"


def test_a_paragraph_above_the_banner_keeps_the_banner_level() -> None:
    """The cable's classification is its marking, as published; the higher paragraph is
    reported (access control applies it: ``access.marks.effective_level``)."""
    from cablegram.access.marks import effective_level

    text = (
        "UNCLAS QUITO 000418 \n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PGOV EC\n"
        "SUBJECT: ECUADOR: PROVINCIAL BUDGET TALKS\n\n"
        "1. (U) The governor met the finance team on Monday.\n\n"
        "2. (SBU) He said the transfer would slip to March.\n\nJONES\n"
    )
    cable = parse(text)
    assert cable.classification is Classification.UNCLASSIFIED
    assert [p.field for p in cable.problems if "above the banner" in p.message] == [
        "classification"
    ]
    assert effective_level(cable) is Classification.SBU
