"""Thread pools for work a search does beside its main thread (facet counting).

Threads do not survive ``fork``: a child inherits a pool object that believes its idle
threads still exist, and work submitted there would wait forever. Each pool here is made
per process, on first use, so a forked child gets fresh threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

THREADS = 4  # several searches may run at once in one process


class Aside(Executor):
    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._current().submit(fn, *args, **kwargs)

    def _current(self) -> ThreadPoolExecutor:
        pid = os.getpid()
        pool = self._pool
        if pool is None or self._pid != pid:
            with self._lock:
                if self._pool is None or self._pid != pid:
                    self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix=self._name)
                    self._pid = pid
                pool = self._pool
        return pool

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None and self._pid == os.getpid():
            self._pool.shutdown(wait, cancel_futures=cancel_futures)
        self._pool = None
