"""Password hashing with scrypt (stdlib ``hashlib.scrypt``): no new dependency.

Parameters n=2**15, r=8, p=1 use 32 MiB and took 0.29 s per hash on the 2-core development
machine (n=2**16: 0.45 s, n=2**17, OWASP's figure: about 1 s, which would make sign-in an easy
way to load the server). The parameters are stored in each hash, so raising them later only
needs ``needs_rehash`` at the next sign-in. Comparison is constant-time, and an unknown user
costs the same work as a wrong password (``dummy_verify``), so timing does not tell which
names exist.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import cached_property

MIN_LENGTH = 10
MAX_LENGTH = 1024  # a megabyte "password" is a denial of service, not a secret
_PREFIX = "scrypt"


class PasswordRejected(ValueError):
    """A new password that cannot be used (too short, too long)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def check_new(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"a password may have at most {MAX_LENGTH} characters")


@dataclass(frozen=True)
class PasswordHasher:
    n: int = 2**15
    r: int = 8
    p: int = 1
    dklen: int = 32

    def _derive(self, password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                              maxmem=256 * n * r + (1 << 20), dklen=dklen)

    def hash(self, password: str) -> str:
        """``scrypt$n$r$p$salt$key``, salt and key unpadded base64. Checks the length."""
        check_new(password)
        salt = secrets.token_bytes(16)
        key = self._derive(password, salt, self.n, self.r, self.p, self.dklen)
        return f"{_PREFIX}${self.n}${self.r}${self.p}${_b64(salt)}${_b64(key)}"

    def verify(self, password: str, stored: str) -> bool:
        """Never raises on a malformed hash or an absurd password: it simply does not match."""
        parts = stored.split("$")
        if len(parts) != 6 or parts[0] != _PREFIX or len(password) > MAX_LENGTH:
            return False
        try:
            n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
            salt, key = _unb64(parts[4]), _unb64(parts[5])
            if not (1 < n <= 2**20 and 0 < r <= 32 and 0 < p <= 16 and 16 <= len(key) <= 64):
                return False
            found = self._derive(password, salt, n, r, p, len(key))
        except ValueError:
            return False
        return hmac.compare_digest(found, key)

    def needs_rehash(self, stored: str) -> bool:
        return not stored.startswith(f"{_PREFIX}${self.n}${self.r}${self.p}$")

    @cached_property
    def _dummy(self) -> str:
        return self.hash(secrets.token_urlsafe(24))

    def dummy_verify(self, password: str) -> bool:
        """The work of a real check, for a name that has no password: always False."""
        self.verify(password, self._dummy)
        return False
