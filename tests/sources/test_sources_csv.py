"""cables.csv: MySQL escaping, multi-line fields, line numbers, one bad row at a time."""

from __future__ import annotations

import gzip
import io
from datetime import datetime

import pytest
from sources_helpers import BAD, GOOD, read_all

from cablegram.sources import SourceError, cables_csv, read

CSV = GOOD / "cablegate-csv" / "cables.csv"


def test_rows_map_onto_records() -> None:
    records, errors = read_all(CSV)
    assert errors == []
    assert [r.reference_id for r in records] == ["06VALLETTA901", "09REYKJAVIK977", "75TEHRAN9876"]
    first = records[0]
    assert first.format == "cablegate-csv"
    assert first.created == datetime(2006, 3, 14, 9, 42)
    assert first.origin == "Embassy Valletta"
    assert first.classification == "CONFIDENTIAL"
    assert first.references == ("06STATE40001", "06VALLETTA850")
    assert first.extra == {"csv_row_id": "1", "date_raw": "3/14/2006 9:42"}
    assert records[1].references == ()
    assert records[2].created == datetime(1975, 7, 4, 14, 30)


def test_locations_give_the_line_each_row_starts_on() -> None:
    records, _ = read_all(CSV)
    assert [r.location for r in records] == [f"{CSV}:1", f"{CSV}:27", f"{CSV}:39"]


def test_mysql_escapes_are_undone_and_text_kept_exactly() -> None:
    first = read_all(CSV)[0][0]
    assert first.header is not None and first.content is not None
    assert first.header.startswith("VZCZCXRO1234\nPP RUEHWEB\n")
    assert 'WEIGHS "HARBOUR PLAN" \n' in first.content
    assert "minister's office" in first.content
    assert "C:\\PLANS\\HARBOUR" in first.content
    assert first.content.endswith("EXAMPLE \n")  # trailing whitespace is published text
    assert first.text == first.header + "\n\n" + first.content


def test_partial_extract_header_is_joined_like_any_header() -> None:
    partial = read_all(CSV)[0][1]
    assert partial.header is not None and partial.header.startswith("This record is a partial")
    assert partial.text.startswith(partial.header + "\n\nUNCLAS SECTION 01 OF 02")


def test_gzip_reads_the_same_rows() -> None:
    plain, _ = read_all(CSV)
    packed, _ = read_all(GOOD / "cablegate-csv" / "cables.csv.gz")
    assert [r.text for r in packed] == [r.text for r in plain]


def test_bad_rows_are_reported_with_line_and_bytes_and_reading_goes_on() -> None:
    path = BAD / "cables_bad.csv"
    records, errors = read_all(path)
    assert [r.reference_id for r in records] == ["08VALLETTA601", "08VALLETTA604"]
    assert [e.location for e in errors] == [f"{path}:6", f"{path}:10"]
    assert "7 fields, expected 8" in errors[0].reason
    assert "not a cables.csv row" in errors[1].reason
    raw = path.read_bytes()
    for error in errors:
        assert error.raw is not None and error.raw in raw
    assert errors[0].raw is not None and errors[0].raw.startswith(b'"2","5/2/2008 8:00"')
    assert errors[1].raw is not None and errors[1].raw.startswith(b'"3","5/3/2008 8:00"')


def test_without_on_error_the_first_bad_row_raises() -> None:
    reading = read(BAD / "cables_bad.csv")
    assert next(reading).reference_id == "08VALLETTA601"
    with pytest.raises(SourceError) as caught:
        next(reading)
    assert caught.value.location.endswith("cables_bad.csv:6")


def test_rows_cut_by_block_boundaries_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    data = CSV.read_bytes() * 3
    expected = [r.text for r in read_all(io.BytesIO(data))[0]]
    for block in (1, 7, 64, 333):
        monkeypatch.setattr(cables_csv, "_BLOCK", block)
        records, errors = read_all(io.BytesIO(data))
        assert errors == []
        assert [r.text for r in records] == expected
        assert len(records) == 9


def test_crlf_file_and_bom() -> None:
    data = b"\xef\xbb\xbf" + CSV.read_bytes().replace(b"\n", b"\r\n")
    records, errors = read_all(io.BytesIO(data))
    assert errors == []
    assert len(records) == 3
    assert records[0].content is not None and records[0].content.endswith("EXAMPLE \r\n")


def test_a_header_row_is_reported_not_read_as_a_cable() -> None:
    data = b'"id","date","refid","origin","class","refs","header","content"\n' + CSV.read_bytes()
    records, errors = read_all(io.BytesIO(data), format="cablegate-csv")
    assert len(records) == 3
    assert len(errors) == 1 and errors[0].location == "<stream>:1"
    assert "does not start with" in errors[0].reason


def test_fields_longer_than_the_csv_module_default_limit() -> None:
    body = "1. " + "LONG TEXT " * 20_000
    row = f'"9","1/2/2003 4:05","03VALLETTA1","Embassy Valletta","SECRET","","H","{body}"\n'
    records, errors = read_all(io.BytesIO(row.encode()))
    assert errors == []
    assert records[0].content == body


def test_non_utf8_row_falls_back_and_says_so() -> None:
    row = '"9","1/2/2003 4:05","03VALLETTA2","Embassy Valletta","SECRET","","H","caf\xe9"\n'
    records, _ = read_all(io.BytesIO(row.encode("cp1252")))
    assert records[0].content == "caf\xe9"
    assert records[0].extra["encoding"] == "cp1252"


def test_unparseable_date_keeps_the_raw_value() -> None:
    row = b'"9","2/30/2005 9:00","05VALLETTA3","Embassy Valletta","SECRET","","H","C"\n'
    records, errors = read_all(io.BytesIO(row), format="cablegate-csv")
    assert errors == []
    assert records[0].created is None
    assert records[0].extra["date_raw"] == "2/30/2005 9:00"


def test_gzip_stream() -> None:
    packed = gzip.compress(CSV.read_bytes())
    records, _ = read_all(io.BytesIO(packed))
    assert len(records) == 3
