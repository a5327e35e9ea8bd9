"""Helpers for the real-browser tests: Debian's Chromium driven by Playwright.

``playwright install`` cannot download a browser here, so the tests use the system
Chromium. They are skipped (with the reason) only where it is absent and not in CI; in CI
its absence is a failure, so a broken install step cannot hide behind skips.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Recorded in every page before any of its own scripts run.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def require_browser() -> None:
    """Skip outside CI when Chromium or Playwright is missing; in CI, fail instead."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright for Python (pip install playwright==1.65.2)")
    if not missing:
        return
    reason = "browser tests need " + " and ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(f"{reason}; skipped outside CI")


@dataclass
class Watch:
    """What went wrong in a page: console errors, uncaught errors, dialogs (an XSS alert)."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(f"console: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

    def assert_clean(self, page: Any, *, http_errors: bool = False) -> None:
        """``http_errors``: the page itself was answered with a 4xx on purpose, which the
        browser logs as a failed resource load."""
        violations = page.evaluate("window.__csp || []")
        assert not violations, f"CSP violations: {violations}"
        errors = [e for e in self.errors
                  if not (http_errors and "Failed to load resource" in e)]
        assert not errors, errors
        assert not self.dialogs, f"a page opened a dialog: {self.dialogs}"


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
