"""Addressee lines read in two steps (MCN, then a cached name) read as the one-step reader did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Precedence, Recipient
from cablegram.parse import envelope

_WORD = {"FLASH": Precedence.FLASH, "IMMEDIATE": Precedence.IMMEDIATE,
         "PRIORITY": Precedence.PRIORITY, "PRIORTY": Precedence.PRIORITY,
         "ROUTINE": Precedence.ROUTINE}  # fmt: skip


def one_step(route: str, rest: str) -> Recipient | None:
    parts = rest.rsplit(None, 3)
    mcn = None
    if len(parts) > 1 and envelope._is_mcn(parts[-1]):
        mcn = parts.pop()
    precedence = _WORD.get(parts[-1]) if len(parts) > 1 else None
    if precedence is not None:
        parts.pop()
        if precedence is Precedence.IMMEDIATE and len(parts) > 1 and parts[-1] == "NIACT":
            parts.pop()
            precedence = Precedence.NIACT_IMMEDIATE
    if not parts:
        return None
    name = " ".join(parts)
    if "  " in name or "\t" in name:
        name = " ".join(name.split())
    return Recipient(name, route or None, precedence, mcn)


WORDS = ["AMEMBASSY", "SECSTATE", "WASHDC", "NIACT", "IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH",
         "6818", "2276-2279", "12345", "PARIS", "", " ", "  ", "\t", "\x0b", "\u00a0", "1234"]


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["", "RUEHC", "ZEN"]),
       st.lists(st.sampled_from(WORDS), max_size=7).map(" ".join))
def test_two_steps_read_as_one(route: str, rest: str) -> None:
    assert envelope._recipient(route, rest) == one_step(route, rest)
