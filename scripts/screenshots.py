"""Screenshots of the cable page and the search page for the README (docs/screenshots/).

Builds the demo archive in a temporary folder (or uses ``--db``), serves it on a free
loopback port, and drives Debian's Chromium through Playwright:

    .venv/bin/python scripts/screenshots.py [--db PATH] [--out docs/screenshots]

The cable shown is the demo cable with the most references in the archive and readers
citing it, so that the page shows links, "not in archive" marks and a cited-by list.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cablegram.archive import Archive  # noqa: E402
from cablegram.web.liveserver import serving  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH = "minister tag:PGOV"
DEMO_COUNT = 2000


def build_demo(folder: Path) -> Path:
    from cablegram.synth import synthesize

    source = folder / "demo"
    synthesize(DEMO_COUNT, seed=1, out=source, fmt="demo")
    db = folder / "demo.db"
    with Archive(db) as archive:
        archive.ingest([source])
    return db


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as response:  # loopback only
        return json.load(response)


def pick_cable(base: str) -> str:
    """A cable with resolved references, a missing one, and citing cables, if any."""
    best, best_score = "", -1
    q = urllib.parse.quote("class>=confidential")
    hits = _get(base, f"/api/v1/search?q={q}&per_page=100&facets=false")["hits"]
    for hit in hits:
        doc = _get(base, f"/api/v1/cables/{hit['id']}")
        cites = doc["cites"]
        resolved = sum(1 for c in cites if c["in_archive"])
        score = (min(resolved, 2) * 3 + (len(cites) > resolved) * 2
                 + min(len(doc["cited_by"]), 3) + (len(doc["versions"]) > 1) * 2)
        if score > best_score:
            best, best_score = str(hit["id"]), score
    return best


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    cable = pick_cable(base)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(f"{base}/cable/{cable}")
        page.screenshot(path=str(out / "cable.png"))
        page.goto(f"{base}/search?q={urllib.parse.quote(SEARCH)}")
        page.screenshot(path=str(out / "search.png"))
        browser.close()
    print(f"wrote {out / 'cable.png'} ({cable}) and {out / 'search.png'} ({SEARCH})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an archive to shoot (default: a new demo)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cablegram-shots-") as tmp:
        db = args.db or build_demo(Path(tmp))
        with serving(db) as base:
            shoot(base, args.out)


if __name__ == "__main__":
    main()
