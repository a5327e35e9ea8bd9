"""The ``cablegram`` command line: one module per group of commands."""

from __future__ import annotations

import gc

from cablegram.cli import (  # noqa: F401  (importing registers the commands)
    access_cmds,
    archive_cmds,
    demo_cmd,
    parse_cmd,
    serve_cmd,
    synth_cmd,
)
from cablegram.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    # The imports above leave tens of thousands of long-lived objects (Typer, Rich, the web
    # stack) that every full garbage collection would walk again. A short command allocates
    # enough to trigger such collections: a fresh `cablegram search` spent ~30 ms of its
    # ~40 ms in them. Frozen objects are never scanned; what commands create still is.
    gc.freeze()
    app()
