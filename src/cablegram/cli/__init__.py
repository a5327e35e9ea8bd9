"""The ``cablegram`` command line: one module per group of commands."""

from __future__ import annotations

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
    app()
