"""The real corpus in ../shared, read at run time: counts and agreement between sources."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from typing import Any

import pytest
from sources_helpers import CORPUS, read_all

from cablegram.sources import SourceRecord, read

RAW = CORPUS / "raw"
pytestmark = pytest.mark.skipif(
    not (CORPUS / "cables.jsonl.gz").exists(), reason=f"no real corpus at {CORPUS}"
)


def _corpus_objects(name: str) -> list[dict[str, Any]]:
    with gzip.open(CORPUS / name, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def cables() -> list[dict[str, Any]]:
    return _corpus_objects("cables.jsonl.gz")


@pytest.fixture(scope="module")
def records() -> list[SourceRecord]:
    found, errors = read_all(CORPUS / "cables.jsonl.gz")
    assert errors == []
    return found


def test_cables_jsonl_yields_every_record(records: list[SourceRecord]) -> None:
    assert len(records) == 6746
    assert Counter(r.format for r in records) == {
        "jsonl:cablegate-html": 6717,
        "jsonl:other": 24,
        "jsonl:plusd": 3,
        "jsonl:cablegate-csv": 2,
    }
    assert sum(1 for r in records if r.created is None) == 24  # the PDF-text records
    glitches = Counter(r.extra.get("glitch") for r in records)
    assert glitches["embedded-tsv-row"] == 60
    assert glitches["embedded-tsv-row-cut"] == 1
    assert sum(1 for r in records if r.extra.get("rendering") == "media-partner") == 222


def test_glitch_records_agree_with_the_corpus_embedded_record(
    cables: list[dict[str, Any]], records: list[SourceRecord]
) -> None:
    objects = {o["id"]: o for o in cables}
    checked = 0
    for record in records:
        embedded = objects[record.reference_id or ""].get("embedded_record")
        if embedded is None or embedded["id"] != record.reference_id:
            continue  # one corpus entry took its fields from the wrong column
        assert record.created is not None
        assert record.created.isoformat(sep=" ") == embedded["date"]
        assert list(record.references) == embedded["references"]
        assert "\\\n" not in record.text
        checked += 1
    assert checked == 36


def test_every_raw_file_is_read_or_reported() -> None:
    records, errors = read_all(RAW)
    files = {p for p in RAW.rglob("*") if p.is_file()}
    located = {r.location.split(":")[0] for r in records}
    located |= {e.location.rsplit(":", 1)[0].split("@")[0] for e in errors}
    assert located == {str(p) for p in files}
    expected = {
        "cablegate-csv": 2,
        "cablegate-html": 21,  # 19 pages and the 2 content-only <pre> extracts
        "text": 3,
        "plusd": 3,
    }
    if shutil.which("pdftotext"):
        expected["pdf-text"] = 3
    assert Counter(r.format for r in records) == expected
    assert len(errors) == 12 - expected.get("pdf-text", 0)


def test_raw_pages_match_a_corpus_version(cables: list[dict[str, Any]]) -> None:
    versions: dict[str, list[dict[str, Any]]] = {}
    for obj in cables + _corpus_objects("variants.jsonl.gz"):
        versions.setdefault(obj["id"], []).append(obj)
    pages = sorted((RAW / "cablegate-html").rglob("*.html"))
    assert len(pages) == 19
    for page in pages:
        (record,) = read(page)
        shown_header = record.extra.get("page_header", record.header)
        shown_content = record.extra.get("page_content", record.content)
        assert any(
            v["header"] == shown_header and v["content"] == shown_content
            for v in versions[record.reference_id or ""]
        ), page.name


def test_raw_csv_and_plusd_match_the_corpus(cables: list[dict[str, Any]]) -> None:
    objects = {(o["format"], o["id"]): o for o in cables}
    for record in read(RAW / "cablegate-csv" / "cables_sample.csv"):
        obj = objects[("cablegate-csv", record.reference_id)]
        assert (record.header, record.content) == (obj["header"], obj["content"])
        assert record.created is not None
        assert record.created.isoformat(timespec="minutes") == obj["date"]
        assert list(record.references) == obj["references"]
    for record in read(RAW / "plusd"):
        obj = objects[("plusd", record.reference_id)]
        assert (record.header, record.content) == (obj["header"], obj["content"])
        assert list(record.references) == obj.get("references", [])
        assert record.extra["metadata_raw"] == obj["metadata_raw"]


def test_pdf_text_files_match_the_corpus_after_its_lossy_decoding(
    cables: list[dict[str, Any]],
) -> None:
    """The corpus decoded these cp1252 files as UTF-8 with replacement; we decode cp1252."""
    objects = {o["id"]: o for o in cables if o["format"] == "other"}
    for record in read(RAW / "other" / "pdf-converted-txt"):
        published = objects[record.reference_id or ""]["content"]
        assert record.text.replace("¶", "\ufffd") == published
