"""WikiLeaks cable pages: table, blocks, anchors, links, and the site's glitches."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sources_helpers import BAD, GOOD, one, read_all

from cablegram.sources import SourceError, read
from cablegram.sources.cablegate_html import parse_page

PAGES = GOOD / "cablegate-html" / "cable"
PLAIN = PAGES / "2006" / "03" / "06VALLETTA901.html"
GLITCH = PAGES / "2009" / "11" / "09REYKJAVIK978.html"
ESCAPED = PAGES / "2008" / "02" / "08VALLETTA555.html"
MEDIA = PAGES / "2007" / "05" / "07REYKJAVIK321.html"


def test_metadata_table_and_title() -> None:
    record = one(read(PLAIN))
    assert record.format == "cablegate-html"
    assert record.location == str(PLAIN)
    assert record.reference_id == "06VALLETTA901"
    assert record.created == datetime(2006, 3, 14, 9, 9)
    assert record.released == datetime(2011, 4, 2, 1, 1)
    assert record.origin == "Embassy Valletta"
    assert record.classification == "CONFIDENTIAL"  # the shown text, not title='unclassified'
    assert record.references == ()
    assert record.extra["title"] == 'MALTA: MINISTER WEIGHS "HARBOUR PLAN"'
    assert json.loads(record.extra["articles"]) == [
        "http://www.example.org/harbour-story",
        "http://www.example.net/malta/2011/04/02",
    ]


def test_blocks_lose_markup_but_keep_their_text() -> None:
    record = one(read(PLAIN))
    assert record.header is not None and record.content is not None
    assert record.header.endswith("INFO RUEHRO/AMEMBASSY ROME 0987")
    assert "¶" not in record.content and "<a" not in record.content
    assert "\nTAGS: PREL PGOV MT\n" in record.content
    assert "REF: A. STATE 40001 B. VALLETTA 850 \n" in record.content
    assert "\n1. (C) Summary:" in record.content
    assert "C:\\PLANS\\HARBOUR" in record.content
    assert "none & no action <yet>." in record.content
    assert record.text == record.header + "\n\n" + record.content


def test_embedded_tsv_row_gives_the_record() -> None:
    record = one(read(GLITCH))
    assert record.reference_id == "09REYKJAVIK978"
    assert record.created == datetime(2009, 11, 3, 16, 27)  # the row's minutes, not 16:16
    assert record.references == ("09REYKJAVIK977", "09STATE11111")
    assert record.extra["glitch"] == "embedded-tsv-row"
    assert record.extra["tsv_row_id"] == "123456"
    assert record.extra["tsv_other_ids"] == "09VALLETTA902"
    assert record.extra["page_created"] == "2009-11-03 16:16"
    assert record.header == (
        "VZCZCXRO5678\nRR RUEHWEB\nDE RUEHRK #0978 3071627\nZNY CCCCC ZZH\n"
        "R 031627Z NOV 09\nFM AMEMBASSY REYKJAVIK\nTO RUEHC/SECSTATE WASHDC 4444\n"
    )
    content = record.content or ""
    assert content.startswith("C O N F I D E N T I A L REYKJAVIK 000978 \n \nSIPDIS")
    assert "\nTAGS: PREL IC\nSUBJECT: ICELAND" in content  # the line that lost its backslash
    assert "a tab\there stayed, and a backslash \\ too." in content
    assert content.endswith("MOCKRIDGE \n")
    assert "09VALLETTA902" not in content
    assert record.extra["page_content"].startswith("123456\t2009-11-03 16:27:00\t")
    assert record.extra["page_header"].endswith("TO RUEHC/SECSTATE WASHDC 4444")


def test_escaped_content_without_a_row_is_unescaped() -> None:
    record = one(read(ESCAPED))
    assert record.extra["glitch"] == "mysql-escaped"
    assert record.content == (
        "UNCLAS VALLETTA 000555 \n \nE.O. 12958: N/A \nSUBJECT: MALTA: FERRY TIMETABLE \n"
        " \n1. Ferries resume in March. \nGREENE \n"
    )
    assert record.header == "R 201200Z FEB 08\nFM AMEMBASSY VALLETTA\nTO SECSTATE WASHDC 1212"
    assert record.extra["page_content"].endswith("GREENE \\")
    assert record.created == datetime(2008, 2, 20, 12, 12)


def test_media_partner_page_with_wget_links() -> None:
    record = one(read(MEDIA))
    assert record.extra["rendering"] == "media-partner"
    assert record.reference_id == "07REYKJAVIK321"
    assert record.classification == "SECRET"
    assert record.content is not None
    assert record.content.startswith("Saturday, 5 May 2007, 10:30\nS E C R E T")
    assert "\n1. (S) Talks went well. \nDOE" in record.content


def test_content_only_pre_fragment_takes_its_id_from_the_name() -> None:
    path = GOOD / "content-txt" / "06VALLETTA456.txt"
    record = one(read(path))
    assert record.format == "cablegate-html"
    assert record.reference_id == "06VALLETTA456"
    assert record.header is None
    assert record.extra["fragment"] == "pre"
    assert record.text.startswith("U N C L A S S I F I E D VALLETTA 000456 \n\nSIPDIS")
    assert "TAGS: ECON MT\n" in record.text
    assert record.text.endswith("\nGREENE")


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("page_without_table.html", 1, "no <table class='cable'>"),
        ("page_short_table.html", 6, "3 cells, expected 5"),
    ],
)
def test_broken_pages_are_errors(name: str, line: int, reason: str) -> None:
    records, errors = read_all(BAD / name)
    assert records == []
    (error,) = errors
    assert error.location == f"{BAD / name}:{line}"
    assert reason in error.reason
    assert error.raw == (BAD / name).read_bytes()


def test_page_without_blocks_raises() -> None:
    page = PLAIN.read_bytes().replace(b"<pre>", b"<div>").replace(b"</pre>", b"</div>")
    with pytest.raises(SourceError, match="no <pre> block"):
        parse_page(page, "x.html")


def test_non_utf8_page_falls_back() -> None:
    page = PLAIN.read_text(encoding="utf-8").replace("¶", "").encode("cp1252")
    page = page.replace(b"none &amp; no action", b"none \xe9 no action")
    record = parse_page(page, "x.html")
    assert "none é no action" in (record.content or "")
    assert record.extra["encoding"] == "cp1252"
