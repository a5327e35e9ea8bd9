"""A deployment's access settings, from command-line flags or a TOML file.

The default is the demo's: the corpus was leaked, so everything is public, and no one needs
to sign in. A ministry or a newsroom writes, for example::

    [access]
    public_profile = "none"          # anonymous readers see only what is declassified
    honour_decl_dates = true
    withhold_subject_above_clearance = true

``public_profile`` is ``all``, ``none`` or a clearance (``unclassified``, ``sbu``,
``confidential``, ``secret``, ``top-secret``); ``public_accesses`` and ``public_grants``
give anonymous readers caveat accesses (rarely wanted).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cablegram.access.policy import Policy, ReleaseLookup
from cablegram.access.reader import PROFILE_ALL, Reader, parse_clearance


class ConfigError(ValueError):
    """An access setting that cannot be used; says which and why."""


@dataclass(frozen=True, slots=True)
class AccessConfig:
    public_profile: str = PROFILE_ALL
    public_accesses: tuple[str, ...] = ()
    public_grants: tuple[str, ...] = ()
    honour_decl_dates: bool = True
    withhold_subject_above_clearance: bool = True

    def __post_init__(self) -> None:
        if self.public_profile.strip().lower() != PROFILE_ALL:
            try:
                parse_clearance(self.public_profile)
            except ValueError as exc:
                raise ConfigError(f"public_profile: {exc}") from None

    def public_reader(self) -> Reader:
        return Reader.public(self.public_profile, self.public_accesses, self.public_grants)

    def policy(self, releases: ReleaseLookup | None = None, **clock: Any) -> Policy:
        """``clock`` passes ``today=`` through, for tests."""
        return Policy(
            releases=releases,
            honour_decl_dates=self.honour_decl_dates,
            withhold_subject_above_clearance=self.withhold_subject_above_clearance,
            **clock,
        )

    def with_profile(self, profile: str | None) -> AccessConfig:
        """This config with ``--public-profile`` applied (None: keep the file's)."""
        return self if profile is None else replace(self, public_profile=profile)


DEMO = AccessConfig()

_KEYS = {
    "public_profile": str,
    "public_accesses": list,
    "public_grants": list,
    "honour_decl_dates": bool,
    "withhold_subject_above_clearance": bool,
}


def load_config(path: Path) -> AccessConfig:
    """The ``[access]`` table of a TOML file; unknown keys are errors, not silently ignored."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    table = data.get("access", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [access] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = _KEYS.get(key)
        if kind is None:
            raise ConfigError(f"{path}: unknown setting access.{key} (known: {', '.join(_KEYS)})")
        if not isinstance(value, kind):
            raise ConfigError(f"{path}: access.{key} must be a {kind.__name__}")
        values[key] = tuple(str(v) for v in value) if isinstance(value, list) else value
    return AccessConfig(**values)


ACCESS_CONFIG_VAR = "CABLEGRAM_ACCESS_CONFIG"
PUBLIC_PROFILE_VAR = "CABLEGRAM_PUBLIC_PROFILE"


def config_from_env() -> AccessConfig:
    """``$CABLEGRAM_ACCESS_CONFIG`` (a TOML file) with ``$CABLEGRAM_PUBLIC_PROFILE`` over
    it; the demo's settings when neither is set. How ``serve`` passes its flags to worker
    processes, and what the CLI reads by default."""
    file = os.environ.get(ACCESS_CONFIG_VAR)
    config = load_config(Path(file)) if file else DEMO
    return config.with_profile(os.environ.get(PUBLIC_PROFILE_VAR) or None)
