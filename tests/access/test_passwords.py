"""scrypt password hashes: right and wrong passwords, malformed hashes, parameters."""

from __future__ import annotations

import pytest
from access_helpers import FAST_HASHER

from cablegram.access.passwords import PasswordHasher, PasswordRejected


def test_real_parameters_round_trip() -> None:
    hasher = PasswordHasher()
    stored = hasher.hash("correct horse battery")
    assert stored.startswith("scrypt$32768$8$1$")
    assert "correct horse" not in stored
    assert hasher.verify("correct horse battery", stored)
    assert not hasher.verify("correct horse battery!", stored)
    assert not hasher.needs_rehash(stored)


def test_salted_so_equal_passwords_hash_differently() -> None:
    assert FAST_HASHER.hash("same password 1") != FAST_HASHER.hash("same password 1")


def test_wrong_and_malformed_never_raise() -> None:
    stored = FAST_HASHER.hash("hunter2hunter2")
    for bad in ("", "scrypt$", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA",
                "scrypt$1024$8$1$!!$??",
                "scrypt$2147483648$8$1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43):
        assert not FAST_HASHER.verify("hunter2hunter2", bad)
    assert not FAST_HASHER.verify("x" * 5000, stored)
    assert not FAST_HASHER.verify("", stored)


def test_parameters_are_read_from_the_hash() -> None:
    stored = FAST_HASHER.hash("an older password")
    assert PasswordHasher().verify("an older password", stored)
    assert PasswordHasher().needs_rehash(stored)


def test_new_passwords_are_checked() -> None:
    with pytest.raises(PasswordRejected, match="at least 10"):
        FAST_HASHER.hash("short")
    with pytest.raises(PasswordRejected, match="at most"):
        FAST_HASHER.hash("y" * 2000)


def test_dummy_verify_is_false() -> None:
    assert FAST_HASHER.dummy_verify("anything at all") is False
