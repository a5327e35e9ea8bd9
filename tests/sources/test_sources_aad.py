"""NARA AAD dumps and the AAD attribute record PlusD also shows."""

from __future__ import annotations

import io
from datetime import datetime

from sources_helpers import BAD, GOOD, one, read_all

from cablegram.sources import read
from cablegram.sources.aad import parse_attributes

DUMP = GOOD / "nara-aad" / "1975TEHRAN04321.txt"


def test_attributes_map_onto_the_record() -> None:
    record = one(read(DUMP))
    assert record.format == "nara-aad"
    assert record.reference_id == "1975TEHRAN04321"
    assert record.created == datetime(1975, 5, 15)
    assert record.origin == "TEHRAN"
    assert record.classification == "UNCLASSIFIED"
    assert record.references == ()
    assert record.extra["tags"] == "ETRD, IR"
    assert record.extra["title"] == "CARPET EXPORT FIGURES"
    assert record.extra["film_number"] == "D750170-0123"
    assert record.extra["date_raw"] == "15 MAY 1975"


def test_message_text_is_the_text_between_the_headings() -> None:
    record = one(read(DUMP))
    assert record.text.startswith("\nUNCLASSIFIED\n\nPAGE 01  TEHRAN 04321  150730Z\n")
    assert record.text.endswith("MARLOWE\n\n\nNNN\n\n")
    assert "Message Attributes" not in record.text


def test_several_messages_in_one_file() -> None:
    data = DUMP.read_bytes() + b"\n" + DUMP.read_bytes().replace(b"04321", b"04322")
    records, errors = read_all(io.BytesIO(data))
    assert errors == []
    assert [r.reference_id for r in records] == ["1975TEHRAN04321", "1975TEHRAN04322"]
    assert [r.location for r in records] == [
        "<stream>:1",
        f"<stream>:{DUMP.read_text().count(chr(10)) + 2}",
    ]


def test_text_without_attributes_is_an_error() -> None:
    path = BAD / "aad_without_attributes.txt"
    records, errors = read_all(path)
    assert records == []
    assert errors[0].location == f"{path}:1"
    assert "without a 'Message Attributes' part" in errors[0].reason


def test_quoted_values_span_lines_and_fold_like_yaml() -> None:
    attrs = parse_attributes(
        "---\n"
        "Document Unique ID: '00'\n"
        "Reference: ! 'A. VALLETTA 1200\n\n\n  B. STATE 123456'\n"
        "Review Markings: ! 'n/a\n\n\n  US Department of State\n\n  EO Systematic Review\n'\n"
        "Markings: Declassified/Released US Department of State 30 JUN\n  2005\n"
        "Drafter: O''BRIEN, J.\n"
        "Comment: ! 'it''s done'\n"
        "Empty:\n"
    )
    assert attrs == {
        "Document Unique ID": "00",
        "Reference": "A. VALLETTA 1200\nB. STATE 123456",
        "Review Markings": "n/a\nUS Department of State\nEO Systematic Review",
        "Markings": "Declassified/Released US Department of State 30 JUN 2005",
        "Drafter": "O'BRIEN, J.",
        "Comment": "it's done",
        "Empty": "",
    }
