"""An ``AccessControl`` on a fresh database, with a clock the test can move."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from access_helpers import FAST_HASHER, Clock

from cablegram.access import AccessControl
from cablegram.access.throttle import Throttle


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cablegram.db"


@pytest.fixture
def ac(db_path: Path, clock: Clock) -> Iterator[AccessControl]:
    start = clock.now

    def monotonic() -> float:
        return (clock.now - start).total_seconds()

    with AccessControl(db_path, now=clock, hasher=FAST_HASHER,
                       throttle=Throttle(clock=monotonic)) as opened:
        yield opened
