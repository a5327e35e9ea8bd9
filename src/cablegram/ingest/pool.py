"""An ordered parallel map with a bound on the work in flight.

``multiprocessing.Pool.imap`` drains its input as fast as it can and queues everything, so
memory would grow with the corpus; here at most ``window`` chunks are submitted and not yet
consumed. Results come back in input order, which keeps version ids (and so the choice of
the current version on equal release dates) the same in every run.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

WORKER_NICENESS = 5
T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")


def default_workers() -> int:
    """One per CPU: the writer mostly waits on SQLite, which releases the GIL."""
    return max(1, os.cpu_count() or 1)


def _yield_to_writer() -> None:
    """Workers run a little nicer than the main process: the single writer is the serial
    part of the pipeline, and on a machine with as many workers as cores it must not wait
    for a core while workers race ahead to fill a window it cannot drain."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


def ordered_map(
    fn: Callable[[S], R],
    items: Iterable[T],
    send: Callable[[T], S],
    *,
    workers: int,
    window: int | None = None,
) -> Iterator[tuple[T, R]]:
    """Yield ``(item, fn(send(item)))`` in order; ``workers == 0`` runs in this process.

    ``send`` picks what crosses to the worker, so the item itself may stay here.
    """
    if workers <= 0:
        for item in items:
            yield item, fn(send(item))
        return
    # forkserver: workers fork from a clean process, not from one running a progress thread
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cablegram.ingest.work"])
    limit = window or workers * 4
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_yield_to_writer
    ) as pool:
        pending: deque[tuple[T, Future[R]]] = deque()
        try:
            for item in items:
                pending.append((item, pool.submit(fn, send(item))))
                if len(pending) >= limit:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()
