"""How ingest reports progress, and a Rich progress bar that listens.

Ingest knows nothing about terminals: it talks to a ``ProgressSink``, so the CLI can show a
bar, tests can record calls, and a server can log.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressSink(Protocol):
    def start(self, total: int | None) -> None:
        """Work begins; ``total`` records if known (estimates may follow)."""

    def set_total(self, total: int) -> None:
        """A new estimate of the total, as a streaming run learns it."""

    def advance(self, n: int) -> None:
        """``n`` more records are done (stored, unchanged or quarantined)."""

    def note(self, message: str) -> None:
        """Something the user should see now (a malformed file, a phase change)."""


class NullProgress:
    def start(self, total: int | None) -> None:
        pass

    def set_total(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def note(self, message: str) -> None:
        pass


class RichProgress:
    """A bar with count, rate and ETA; a context manager so the terminal is restored.

    Each ``start`` opens a new bar, named by ``phases`` in turn: ingest starts one for the
    records and the index sync another for the documents.
    """

    def __init__(
        self,
        description: str = "ingest",
        console: Console | None = None,
        phases: Sequence[str] = ("index",),
    ) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._names = [description, *phases]
        self._task: TaskID | None = None
        self._done = 0
        self._began = 0.0

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def start(self, total: int | None) -> None:
        name = self._names[min(len(self._progress.tasks), len(self._names) - 1)]
        self._task = self._progress.add_task(name, total=total, rate="")
        self._done = 0
        self._began = time.monotonic()

    def advance(self, n: int) -> None:
        if self._task is None:
            self.start(None)
        assert self._task is not None
        self._done += n
        seconds = time.monotonic() - self._began
        rate = f"{self._done / seconds:,.0f}/s" if seconds > 0 else ""
        self._progress.update(self._task, advance=n, rate=rate)

    def set_total(self, total: int) -> None:
        """A better estimate of the total arrived (streams learn it as they go)."""
        if self._task is not None:
            self._progress.update(self._task, total=max(total, self._done))

    def note(self, message: str) -> None:
        # plain text: file names and reasons may hold "[...]", which is Rich markup
        self._progress.console.print(message, markup=False, highlight=False)
