"""PlusD pages: synopsis, raw pane, AAD metadata pane."""

from __future__ import annotations

from datetime import datetime

from sources_helpers import BAD, GOOD, one, read_all

from cablegram.sources import read

PAGE = GOOD / "plusd" / "1975VALLETTA01234_b.html"


def test_synopsis_maps_onto_the_record() -> None:
    record = one(read(PAGE))
    assert record.format == "plusd"
    assert record.reference_id == "1975VALLETTA01234"
    assert record.extra["plusd_canonical_id"] == "1975VALLETTA01234_b"
    assert record.created == datetime(1975, 6, 12, 9, 45)
    assert record.extra["date_raw"] == "1975 Jun 12, 09:45 (Thursday)"
    assert record.origin == "Malta Valletta"
    assert record.classification == "CONFIDENTIAL"
    assert record.extra["current_classification"] == "UNCLASSIFIED"
    assert record.extra["handling_restrictions"] == "-- N/A or Blank --"
    assert record.extra["tags"] == "ELAB - Economic Affairs--Labor | MT - Malta"
    assert record.extra["office_action"] == "ACTION EUR - Bureau of European Affairs"
    assert record.extra["title"] == "MALTESE DOCKYARD LABOR DISPUTE"


def test_raw_pane_is_the_text_and_already_holds_the_header() -> None:
    record = one(read(PAGE))
    assert record.content is not None and record.header is not None
    assert record.text == record.content
    assert record.content.startswith("\n\n\nCONFIDENTIAL\n\nPAGE 01  VALLET 01234  121000Z\n")
    assert "MANAGEMENT MET JUNE 11; NO <AGREEMENT> YET." in record.content
    assert "UNION & MANAGEMENT" in record.content
    assert record.content.endswith("\n\n\n\nNNN\n")
    assert record.header.endswith("REF:  A. VALLETTA 1200;  B. STATE 123456")
    assert record.content.startswith(record.header)


def test_references_come_from_the_aad_reference_attribute() -> None:
    record = one(read(PAGE))
    assert record.references == ("A. VALLETTA 1200", "B. STATE 123456")
    assert record.extra["metadata_raw"].startswith("---\nCapture Date: 01 JAN 1994\n")
    assert "RELEASED <01-Jul-2005 by examplejq>" in record.extra["metadata_raw"]


def test_page_without_raw_pane_is_an_error() -> None:
    path = BAD / "plusd_without_raw.html"
    records, errors = read_all(path)
    assert records == []
    assert errors[0].location == f"{path}:1"
    assert "'Raw content' pane" in errors[0].reason
