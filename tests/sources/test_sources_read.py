"""read(): directory trees, archives, streams, forced formats, and error reporting."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sources_helpers import BAD, FIXTURES, GOOD, PDF, read_all

from cablegram.sources import FORMATS, SourceError, detect, read

GOOD_FILES = sorted(p for p in GOOD.rglob("*") if p.is_file() and p.suffix not in (".css", ".png"))
_LOCATION = re.compile(r".+(:\d+|@(\d+|\?))\Z")


def test_a_directory_is_walked_in_order_skipping_non_cable_files() -> None:
    records, errors = read_all(GOOD)
    assert errors == []
    files = [r.location.split(":")[0] for r in records]
    assert sorted(set(files)) == [str(p) for p in GOOD_FILES]
    assert not any(f.endswith((".css", ".png")) for f in files)
    assert files[0].endswith("cables.csv") and files[-1].endswith("1975VALLETTA01234_b.html")
    assert len(records) == 3 + 3 + 4 + 1 + 5 + 5 + 1 + 2 + 1


def test_every_bad_file_is_an_error_naming_file_and_position() -> None:
    _, errors = read_all(BAD)
    named = {e.location.split(":")[0].split("@")[0] for e in errors}
    assert named == {str(p) for p in BAD.iterdir()}
    for error in errors:
        assert _LOCATION.match(error.location), error.location
        assert error.reason


def test_without_on_error_the_first_error_raises() -> None:
    with pytest.raises(SourceError):
        list(read(BAD))


def test_binary_text_and_gzip_streams() -> None:
    path = GOOD / "cablegate-csv" / "cables.csv"
    expected = [r.text for r in read(path)]
    assert [r.text for r in read(io.BytesIO(path.read_bytes()))] == expected
    assert [r.text for r in read(io.StringIO(path.read_text()))] == expected
    assert [r.text for r in read(io.BytesIO(gzip.compress(path.read_bytes())))] == expected
    with path.open("rb") as f:
        assert next(r.location for r in read(f)) == f"{path}:1"
    assert next(read(io.BytesIO(path.read_bytes()))).location == "<stream>:1"


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress])
def test_bz2_and_xz_are_looked_through(compress: Callable[[bytes], bytes], tmp_path: Path) -> None:
    data = (GOOD / "jsonl" / "cables.jsonl").read_bytes()
    packed = tmp_path / "cables.jsonl.packed"
    packed.write_bytes(compress(data))
    assert detect(packed) == "jsonl"
    assert len(list(read(packed))) == 5


def test_text_stream_keeps_its_own_decoding() -> None:
    page = GOOD / "cablegate-html" / "cable" / "2006" / "03" / "06VALLETTA901.html"
    (record,) = read(io.StringIO(page.read_text(encoding="utf-8")))
    assert record.reference_id == "06VALLETTA901"


def test_zip_archive_members_are_read_like_files(tmp_path: Path) -> None:
    archive = tmp_path / "mirror.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in GOOD_FILES:
            z.write(path, path.relative_to(GOOD).as_posix())
        z.writestr("static/cable.css", "body {}")
        z.writestr("__MACOSX/.junk", "x")
    records, errors = read_all(archive)
    assert errors == []
    assert len(records) == len(read_all(GOOD)[0])
    assert records[0].location == f"{archive}/cablegate-csv/cables.csv:1"


def test_zip_and_tar_from_streams(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as t:
        t.add(GOOD / "plusd", arcname="plusd")
        t.add(BAD / "notes.md", arcname="notes.md")
    records, errors = read_all(io.BytesIO(buffer.getvalue()))
    assert [r.reference_id for r in records] == ["1975VALLETTA01234"]
    assert [e.location for e in errors] == ["<stream>/notes.md:1"]
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(GOOD / "nara-aad" / "1975TEHRAN04321.txt", "aad/1975TEHRAN04321.txt")
    (record,) = read(io.BytesIO(zipped.getvalue()))
    assert record.location == "<stream>/aad/1975TEHRAN04321.txt"


def test_unsupported_and_missing_inputs(tmp_path: Path) -> None:
    seven = tmp_path / "cables.7z"
    seven.write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04rest")
    _, errors = read_all(seven)
    assert errors[0].location == f"{seven}@0" and "7z" in errors[0].reason
    _, errors = read_all(tmp_path / "nowhere.csv")
    assert errors[0].location == f"{tmp_path / 'nowhere.csv'}@0"
    assert "cannot open" in errors[0].reason


def test_truncated_gzip_is_an_error_with_a_byte_offset() -> None:
    _, errors = read_all(BAD / "truncated.csv.gz")
    assert errors[0].location == f"{BAD / 'truncated.csv.gz'}@300"
    assert "EOFError" in errors[0].reason


def test_format_forcing_and_validation() -> None:
    notes = BAD / "notes.md"
    (record,) = read(notes, format="text")
    assert record.text == notes.read_text()
    with pytest.raises(ValueError, match="unknown format"):
        list(read(notes, format="markdown"))
    assert "cablegate-csv" in FORMATS and "zip" in FORMATS


def test_pdf_folder_reports_or_reads_every_pdf() -> None:
    records, errors = read_all(PDF)
    assert len(records) + len(errors) == 1


def test_fixtures_hold_no_dot_files() -> None:
    assert not [p for p in FIXTURES.rglob(".*")]


def test_a_pipe_given_by_path_is_streamed() -> None:
    data = (GOOD / "nara-aad" / "1975TEHRAN04321.txt").read_bytes()
    reading, writing = os.pipe()
    os.write(writing, data)
    os.close(writing)
    try:
        (record,) = read(f"/dev/fd/{reading}")
    finally:
        os.close(reading)
    assert record.reference_id == "1975TEHRAN04321"


def test_text_stream_read_with_surrogateescape_gives_back_its_bytes() -> None:
    data = (GOOD / "pdf-text" / "06VALLETTA777.txt").read_bytes()
    stream = io.TextIOWrapper(
        io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline=""
    )
    (record,) = read(stream)
    assert record.text == data.decode("cp1252")
