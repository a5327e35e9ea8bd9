"""Weighted choice with the cumulative weights computed once.

``random.choices(..., weights=...)`` re-accumulates the weights on every call; generation
draws hundreds of weighted choices per cable, so the table is built once and one
``random()`` plus a bisection picks an item.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if len(items) != len(weights) or not items:
            raise ValueError("need as many weights as items, and at least one item")
        self.items = tuple(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


class FastRandom(random.Random):
    """A seeded generator whose ``choice``/``randint``/``randrange`` cost one ``random()``.

    The stdlib versions reject-sample ``getrandbits`` to be exactly uniform; generated text
    does not need that, and at hundreds of draws per cable they were a tenth of the time.
    The output stays a pure function of the seed.
    """

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            return int(self.random() * start)
        return start + step * int(self.random() * ((stop - start + step - 1) // step))
