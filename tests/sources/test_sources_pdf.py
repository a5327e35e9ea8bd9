"""PDF files: a clear error without pdftotext, a pdf-text record with it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sources_helpers import PDF, one, read_all

from cablegram.sources import read

PAGE = PDF / "00VALLETTA1.pdf"


def _fake_tool(folder: Path, script: str) -> None:
    tool = folder / "pdftotext"
    tool.write_text("#!/bin/sh\n" + script)
    tool.chmod(0o755)


def test_without_pdftotext_the_pdf_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    records, errors = read_all(PAGE)
    assert records == []
    assert errors[0].location == f"{PAGE}@0"
    assert errors[0].reason.startswith("PDF: convert to text first (e.g. pdftotext")
    assert errors[0].raw == PAGE.read_bytes()


def test_with_pdftotext_the_text_becomes_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tool(tmp_path, 'cat >/dev/null; printf "UNCLAS VALLETTA 000001\\n%s\\n" "$*"\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    record = one(read(PAGE))
    assert record.format == "pdf-text"
    assert record.reference_id == "00VALLETTA1"
    assert record.text == "UNCLAS VALLETTA 000001\n-layout -enc UTF-8 - -\n"
    assert record.extra["converter"] == "pdftotext -layout"


def test_a_failing_pdftotext_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tool(tmp_path, 'cat >/dev/null; echo "Syntax Error: broken xref" >&2; exit 1\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    records, errors = read_all(PAGE)
    assert records == []
    assert "pdftotext failed: Syntax Error: broken xref" in errors[0].reason


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext on this machine")
def test_real_pdftotext_reads_the_fixture() -> None:
    record = one(read(PAGE))
    assert record.text.startswith("UNCLAS VALLETTA 000001\nSUBJECT: MALTA: A ONE-LINE PDF\n")
