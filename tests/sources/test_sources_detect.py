"""Format detection from content, looking through compression."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from sources_helpers import BAD, GOOD, PDF

from cablegram.sources import detect


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("cablegate-csv/cables.csv", "cablegate-csv"),
        ("cablegate-csv/cables.csv.gz", "cablegate-csv"),
        ("cablegate-html/cable/2006/03/06VALLETTA901.html", "cablegate-html"),
        ("cablegate-html/cable/2007/05/07REYKJAVIK321.html", "cablegate-html"),
        ("content-txt/06VALLETTA456.txt", "cablegate-html"),
        ("plusd/1975VALLETTA01234_b.html", "plusd"),
        ("jsonl/cables.jsonl", "jsonl"),
        ("jsonl/cables.jsonl.gz", "jsonl"),
        ("pdf-text/06VALLETTA777.txt", "text"),
        ("pdf-text/06VALLETTA777.txt.gz", "text"),
        ("nara-aad/1975TEHRAN04321.txt", "nara-aad"),
    ],
)
def test_detects_each_fixture(relative: str, expected: str) -> None:
    path = GOOD / relative
    assert detect(path) == expected
    assert detect(path.read_bytes()[:4096]) == expected


def test_unknown_empty_pdf_and_directory() -> None:
    assert detect(BAD / "notes.md") == "unknown"
    assert detect(BAD / "empty.txt") == "unknown"
    assert detect(PDF / "00VALLETTA1.pdf") == "pdf"
    assert detect(GOOD) == "directory"
    assert detect(b"\x00\x01\x02binary") == "unknown"


def test_archives(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "x")
    assert detect(buffer.getvalue()) == "zip"
    assert detect(b"7z\xbc\xaf\x27\x1c\x00\x04") == "7z"
    tar_head = bytes(257) + b"ustar" + bytes(250)
    assert detect(gzip.compress(tar_head)) == "tar"


def test_text_needs_two_cable_markers() -> None:
    assert detect(b"FM CALMY-REY TAKES NOTE OF USG CONCERNS\n") == "unknown"
    assert detect(b"SUBJECT: A TEST\nTAGS: PREL\n1. Text.\n") == "text"
    assert detect(b"CONFIDENTIAL\nE.O. 12958: DECL: 1/1/2015\n") == "text"


def test_csv_with_a_header_row_and_jsonl_with_a_long_first_line() -> None:
    row = (GOOD / "cablegate-csv" / "cables.csv").read_bytes()
    assert detect(b'"id","date"\n' + row) == "cablegate-csv"
    assert detect(b'{"content": "' + b"x" * 100_000) == "jsonl"
