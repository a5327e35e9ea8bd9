"""The ``cablegram`` command line: one module per group of commands."""

from __future__ import annotations

from cablegram.cli.app import app
from cablegram.cli import archive_cmds, parse_cmd, synth_cmd  # noqa: F401  (registers commands)

__all__ = ["app", "main"]


def main() -> None:
    app()
