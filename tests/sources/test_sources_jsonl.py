"""JSON Lines: field mapping, extras, the same glitch decoding as pages, bad lines."""

from __future__ import annotations

import json
from datetime import datetime

from sources_helpers import BAD, GOOD, one, read_all

from cablegram.sources import read

JSONL = GOOD / "jsonl" / "cables.jsonl"


def test_fields_and_formats() -> None:
    records, errors = read_all(JSONL)
    assert errors == []
    assert [r.format for r in records] == [
        "jsonl:cablegate-html",
        "jsonl:plusd",
        "jsonl:other",
        "jsonl:cablegate-html",
        "jsonl",
    ]
    assert [r.location for r in records] == [f"{JSONL}:{n}" for n in range(1, 6)]
    page = records[0]
    assert page.reference_id == "06VALLETTA901"
    assert page.created == datetime(2006, 3, 14, 9, 9)
    assert page.released == datetime(2011, 4, 2, 1, 1)
    assert page.text == f"{page.header}\n\n{page.content}"


def test_other_fields_are_kept_as_extra_json_encoded_unless_strings() -> None:
    page = read_all(JSONL)[0][0]
    assert page.extra["source"].startswith("example/mirror:")
    assert page.extra["n_versions"] == "2"
    assert json.loads(page.extra["also_in"]) == ["example/other:cable/2006/03/06VALLETTA901.html"]
    assert "id" not in page.extra and "content" not in page.extra


def test_plusd_header_is_not_doubled() -> None:
    plusd = read_all(JSONL)[0][1]
    assert plusd.header is not None and plusd.content is not None
    assert plusd.text == plusd.content
    assert plusd.references == ("VALLETTA 1234",)


def test_text_without_header_and_a_bare_text_field() -> None:
    records = read_all(JSONL)[0]
    assert records[2].text.startswith("\r\nVZCZCXRO1358\r\n")
    assert records[2].created is None
    assert records[4].reference_id == "08REYKJAVIK12"
    assert records[4].text.startswith("UNCLAS REYKJAVIK 000012")


def test_glitch_record_decodes_like_the_page() -> None:
    from_jsonl = read_all(JSONL)[0][3]
    from_page = one(read(GOOD / "cablegate-html" / "cable" / "2009" / "11" / "09REYKJAVIK978.html"))
    assert from_jsonl.text == from_page.text
    assert from_jsonl.created == from_page.created == datetime(2009, 11, 3, 16, 27)
    assert from_jsonl.references == from_page.references
    assert from_jsonl.extra["glitch"] == "embedded-tsv-row"
    assert from_jsonl.extra["embedded_record"].startswith("{")


def test_gzip_is_read_through() -> None:
    plain = read_all(JSONL)[0]
    packed = read_all(GOOD / "jsonl" / "cables.jsonl.gz")[0]
    assert [r.text for r in packed] == [r.text for r in plain]


def test_bad_lines_are_errors_with_their_line_numbers() -> None:
    path = BAD / "cables_bad.jsonl"
    records, errors = read_all(path)
    assert [r.reference_id for r in records] == ["08VALLETTA607", "08VALLETTA610"]
    assert [e.location for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not a JSON line" in errors[0].reason
    assert "must be an object" in errors[1].reason
    assert "no string 'content'" in errors[2].reason
    assert errors[2].raw is not None and b"08VALLETTA609" in errors[2].raw
