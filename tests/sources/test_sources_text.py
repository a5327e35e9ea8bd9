"""Plain and PDF-derived text, kept byte for byte, and ids from file names."""

from __future__ import annotations

import pytest
from sources_helpers import BAD, GOOD, one, read_all

from cablegram.sources import read
from cablegram.sources.names import id_from_name

PDF_TEXT = GOOD / "pdf-text" / "06VALLETTA777.txt"


def test_pdf_text_is_kept_as_is_after_decoding() -> None:
    record = one(read(PDF_TEXT))
    assert record.format == "text"
    assert record.reference_id == "06VALLETTA777"
    assert record.extra == {"encoding": "cp1252"}
    assert record.text == PDF_TEXT.read_bytes().decode("cp1252")
    assert record.text.startswith("\r\nVZCZCXRO1357\r\n")
    assert "\r\n¶1. (C) Talks stalled" in record.text
    assert "\r\nPAGE 02        VALLETTA  00777  01 OF 02  301500Z \r\n" in record.text
    assert "COALITION TALKS “STALL”" in record.text
    assert record.content == record.text and record.header is None


def test_gzipped_text_reads_the_same() -> None:
    assert one(read(GOOD / "pdf-text" / "06VALLETTA777.txt.gz")).text == one(read(PDF_TEXT)).text


def test_empty_file_is_an_error() -> None:
    records, errors = read_all(BAD / "empty.txt", format="text")
    assert records == []
    assert errors[0].location == f"{BAD / 'empty.txt'}:1"
    assert "empty" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("06NEWDELHI5135.txt", "06NEWDELHI5135"),
        ("/a/b/1974ATHENS02959_b.html", "1974ATHENS02959"),
        ("ner-annotated__1973BEIRUT07784.txt", "1973BEIRUT07784"),
        ("05PARIS104__chillicoder__partial.html", "05PARIS104"),
        ("7575LIBREVILLE1895.html", "7575LIBREVILLE1895"),
        ("06VALLETTA777.txt.gz", "06VALLETTA777"),
        ("notes.txt", None),
        ("cables.csv", None),
        ("<stream>", None),
    ],
)
def test_id_from_name(name: str, expected: str | None) -> None:
    assert id_from_name(name) == expected
