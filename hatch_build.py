"""Wheel build hook: compile the parser with mypyc.

The parser is plain, strictly typed Python, and stays so: mypyc turns the same modules into C
extensions, which parse about 1.3x faster (``docs/benchmarks.md``). Only wheels are compiled.
An editable install (``make``'s development environment) stays pure Python, so an edited
module takes effect at once and no stale extension can shadow it; ``make compiled`` builds
the wheel and ``make test`` runs the test suite against both builds.

``CABLEGRAM_COMPILE``: ``auto`` (default) compiles and falls back to a pure wheel with a
warning when there is no C compiler; ``1`` fails instead; ``0`` builds a pure wheel.

The build copies ``src/`` to ``build/mypyc/`` and compiles there, so no extension module is
ever written into the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules ``parse`` runs through; ``parse/__init__`` stays Python (it only re-exports).
COMPILED = ("cablegram/ids.py", "cablegram/parse/*.py")
NOT_COMPILED = ("cablegram/parse/__init__.py",)

# mypyc type-checks what the compiled modules import; the build environment has none of the
# runtime dependencies, and strictness is the ``make typecheck`` job's, not the compiler's.
MYPY_ARGS = ("--ignore-missing-imports", "--follow-imports=silent", "--no-warn-unused-ignores")


class MypycBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        mode = os.environ.get("CABLEGRAM_COMPILE", "auto").strip().lower()
        if self.target_name != "wheel" or version == "editable" or mode in ("0", "no", "off"):
            return
        try:
            built = self._compile()
        except OSError as exc:
            if mode in ("1", "yes", "on", "require"):
                raise RuntimeError(f"cablegram: mypyc compilation failed: {exc}") from exc
            print(f"cablegram: mypyc compilation failed ({exc}); building a pure-Python wheel, "
                  "whose parser is about 1.3x slower", file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def _compile(self) -> dict[str, str]:
        """Compile a copy of the sources; map each extension file to its place in the wheel."""
        root = Path(self.root)
        work = root / "build" / "mypyc"
        shutil.rmtree(work, ignore_errors=True)
        src = work / "src"
        shutil.copytree(root / "src", src,
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
        modules = sorted(
            str(path.relative_to(src))
            for pattern in COMPILED
            for path in src.glob(pattern)
            if str(path.relative_to(src)) not in NOT_COMPILED
        )
        log = work / "mypyc.log"
        with log.open("w") as out:
            done = subprocess.run(
                [sys.executable, "-m", "mypyc", *MYPY_ARGS, *modules],
                cwd=src, stdout=out, stderr=subprocess.STDOUT, check=False,
            )
        if done.returncode:
            tail = log.read_text(errors="replace")[-2000:]
            raise OSError(f"mypyc exited with status {done.returncode}; the end of {log}:\n{tail}")
        built = {str(path): path.relative_to(src).as_posix()
                 for suffix in ("*.so", "*.pyd") for path in src.rglob(suffix)
                 if "build" not in path.relative_to(src).parts}
        if not any(rel.startswith("cablegram/parse/") for rel in built.values()):
            raise OSError(f"mypyc produced no parser extension (see {log})")
        return built
