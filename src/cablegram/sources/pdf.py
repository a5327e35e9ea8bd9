"""PDF files (WikiLeaks' cablegatepdf.zip): converted with poppler's pdftotext if present.

No PDF library is a dependency. When a ``pdftotext`` binary is on PATH it is run with
``-layout`` (cables are fixed-width text; layout mode keeps their columns and line
breaks) and the output becomes a ``pdf-text`` record, page breaks (form feeds) included.
Without it, each PDF is reported as a SourceError that says how to convert it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input
from cablegram.sources.text import from_text

FORMAT = "pdf-text"
TOOL = "pdftotext"
_TIMEOUT_S = 120
NO_TOOL = "PDF: convert to text first (e.g. pdftotext -layout FILE.pdf); no pdftotext on PATH"


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    data = src.stream.read()
    tool = shutil.which(TOOL)
    if tool is None:
        on_error(SourceError(f"{src.name}@0", NO_TOOL, data))
        return
    try:
        done = subprocess.run(
            [tool, "-layout", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        on_error(SourceError(f"{src.name}@0", f"PDF: pdftotext failed: {err}", data))
        return
    if done.returncode != 0 or not done.stdout.strip():
        why = done.stderr.decode("utf-8", "replace").strip() or "no text in the PDF"
        on_error(SourceError(f"{src.name}@0", f"PDF: pdftotext failed: {why}", data))
        return
    yield from_text(done.stdout, src.name, FORMAT, converter="pdftotext -layout")
