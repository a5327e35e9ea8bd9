"""``cablegram demo``: build the demo archive from generated cables, then serve it.

The demo is generated (``cablegram synth --format demo``): no real cable text ships with the
project. It is built once into a folder and reused; ``--rebuild`` starts over.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from cablegram.cli.app import app, console, err_console
from cablegram.cli.serve_cmd import serve

DEMO_COUNT = 2000
DEMO_SEED = 2010


@app.command()
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Where the demo lives.")] = Path(
        "var/demo"
    ),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    rebuild: Annotated[bool, typer.Option(help="Regenerate and re-ingest.")] = False,
    build_only: Annotated[bool, typer.Option(help="Build the archive, do not serve.")] = False,
) -> None:
    """Generate ~2,000 demo cables in every format, ingest them, and serve the archive."""
    from cablegram.archive import Archive
    from cablegram.ingest import RichProgress
    from cablegram.synth import synthesize

    db = folder / "cablegram.db"
    done = folder / ".built"  # written last: an interrupted build resumes (ingest is idempotent)
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not done.exists():
        corpus = folder / "corpus"
        if not (corpus / ".complete").exists():
            console.print(f"generating {DEMO_COUNT:,} demo cables into {corpus} ...")
            synthesize(DEMO_COUNT, seed=DEMO_SEED, out=corpus, fmt="demo")
            (corpus / ".complete").touch()
        with Archive(db) as archive, RichProgress("ingest", console=err_console) as bar:
            summary = archive.ingest([corpus], progress=bar)
        t = summary.totals
        console.print(f"demo archive: {t.new:,} new cables, {t.updated:,} later versions, "
                      f"{t.quarantined:,} quarantined -> {db}")
        done.touch()
    if not build_only:
        serve(db=db, host=host, port=port, workers=1)
