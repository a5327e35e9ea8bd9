"""Generated cable corpora in the real published layouts, deterministic for a seed.

``synthesize`` writes either a ``cables.csv``-format corpus of any size (benchmarks: with
the real ids and recombined real paragraphs it stands in for the 1.7 GB original), or the
small mixed demo corpus (CSV rows, WikiLeaks and PlusD pages, PDF-derived text, JSON Lines
with versions) written only from the project's own templates and vocabulary.
"""

from __future__ import annotations

from pathlib import Path

from cablegram.synth.corpus import Progress, SynthSummary, write_csv

__all__ = ["SynthSummary", "synthesize"]


def synthesize(
    count: int,
    *,
    seed: int = 0,
    out: Path,
    fmt: str = "csv",
    ids_from: Path | None = None,
    text_from: Path | None = None,
    versions: float = 0.02,
    progress: Progress | None = None,
) -> SynthSummary:
    """Write ``count`` generated cables to ``out``; the same seed gives the same bytes.

    ``fmt="csv"``: one cables.csv-format file (``out`` is the file, or a folder to hold
    ``cables.csv``). ``fmt="demo"``: a folder of mixed formats (about ``count`` cables).
    ``ids_from``: the Cablegate id list, to use the real ids and months in date order.
    ``text_from``: a ``cables.jsonl.gz`` whose paragraphs are recombined (read at run time).
    ``versions``: the share of cables that also get a later version. ``progress`` is
    called as ``progress(done, total)``.
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    if not 0.0 <= versions <= 1.0:
        raise ValueError("versions must be a share between 0 and 1")
    if fmt == "csv":
        return write_csv(
            count,
            seed=seed,
            out=Path(out),
            ids_from=ids_from,
            text_from=text_from,
            versions_share=versions,
            progress=progress,
        )
    if fmt == "demo":
        from cablegram.synth.demo import write_demo

        return write_demo(
            count, seed=seed, out=Path(out), versions_share=versions, progress=progress
        )
    raise ValueError(f"unknown format {fmt!r}; expected 'csv' or 'demo'")
