from __future__ import annotations

import io

from rich.console import Console

from cablegram.ingest.progress import NullProgress, ProgressSink, RichProgress


def test_rich_progress_shows_count_and_notes() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=100)
    with RichProgress("ingest", console=console) as sink:
        sink.start(None)
        sink.advance(40)
        sink.note("[quarantined] dump.csv#row=7: unbalanced quote")
        sink.advance(2)
        sink.set_total(100)
        sink.start(7)
        sink.advance(7)
    text = out.getvalue()
    assert "ingest" in text and "42/100" in text and "/s" in text
    assert "index" in text and "7/7" in text
    assert "[quarantined] dump.csv#row=7: unbalanced quote" in text


def test_null_progress_accepts_everything() -> None:
    sink: ProgressSink = NullProgress()
    sink.start(3)
    sink.set_total(4)
    sink.advance(3)
    sink.note("done")
