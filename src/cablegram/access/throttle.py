"""Rate limiting of sign-in failures, per account name and per source address.

Both keys matter: per name stops guessing one account's password from many addresses, per
address stops one client trying many accounts. Kept in memory (per server process): it is
a brake, not a record; the audit log is the record. Memory stays bounded however many
names an attacker invents (the oldest keys go first).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    failures: int
    window_s: float


PER_NAME = Limit(5, 900.0)
PER_SOURCE = Limit(20, 900.0)
MAX_KEYS = 10_000


class RateLimited(Exception):
    def __init__(self, retry_after_s: float) -> None:
        super().__init__(f"too many failed sign-ins: try again in {retry_after_s:.0f} s")
        self.retry_after_s = retry_after_s


class Throttle:
    def __init__(self, per_name: Limit = PER_NAME, per_source: Limit = PER_SOURCE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = {"name": per_name, "source": per_source}
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _keys(self, name: str, source: str) -> list[tuple[str, str]]:
        return [("name", name.strip().lower()[:64]), ("source", source[:80])]

    def check(self, name: str, source: str) -> None:
        """Raise ``RateLimited`` while either key has used up its failures."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in self._keys(name, source):
                limit = self._limits[key[0]]
                times = self._recent(key, now, create=False)
                if times and len(times) >= limit.failures:
                    wait = max(wait, times[0] + limit.window_s - now)
        if wait > 0:
            raise RateLimited(wait)

    def failed(self, name: str, source: str) -> None:
        now = self._clock()
        with self._lock:
            for key in self._keys(name, source):
                self._recent(key, now, create=True).append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, name: str, source: str) -> None:
        """A correct password clears the name's failures (not the address's)."""
        with self._lock:
            self._failures.pop(self._keys(name, source)[0], None)

    def _recent(self, key: tuple[str, str], now: float, *, create: bool) -> deque[float]:
        times = self._failures.setdefault(key, deque()) if create else \
            self._failures.get(key, deque())
        window = self._limits[key[0]].window_s
        while times and times[0] <= now - window:
            times.popleft()
        return times
