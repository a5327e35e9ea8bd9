"""Load test of the web server on loopback: cable pages, search API, search pages.

Serves an existing archive with uvicorn (as ``cablegram serve`` does) and drives it with
wrk (Debian's ``wrk`` package) from this machine, cycling through many different cable ids
and queries so caches do not flatter the numbers (one scenario, "popular", repeats
queries as real traffic does, and says so):

    .venv/bin/python bench/web.py --db var/bench/cablegram.db [--workers 2] [--duration 20]

Prints one line per scenario: requests/s, p50/p90/p99 latency, errors and non-2xx answers.
Traffic goes to 127.0.0.1 only, for a bounded time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine  # noqa: E402

QUERIES = [
    "minister", "nuclear", '"prime minister"', "tag:PGOV", "tag:PREL election",
    "class>=secret", "caveat:noforn", "origin:ANKARA", "from:2006-01 to:2006-12",
    "budget OR tariff", "reform -opposition", "minist*", "reason:1.4d", "para:S",
    "tag:ECON origin:TOKYO", "visit washington", "energy pipeline", "year:2008 tag:KDEM",
    "decl:2015", "signer:rice",
]
WORDS = [
    "government", "minister", "security", "election", "economy", "oil", "military",
    "police", "court", "border", "trade", "embassy", "president", "opposition", "reform",
    "visit", "agreement", "corruption", "nuclear", "refugees", "aid", "budget", "parliament",
    "party", "talks", "cooperation", "investment", "human", "rights", "press", "media",
    "bank", "energy", "gas", "water", "health", "education", "terrorism", "army", "navy",
    "customs", "drugs", "smuggling", "prison", "judge", "campaign", "vote", "coalition",
    "strike", "protest", "tariff", "loan", "debt", "pipeline", "port", "airport",
    "farmers", "students", "church", "religious",
]
LUA = """
paths = {PATHS}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\": %d, \\"seconds\\": %.3f, \\"p50\\": %.3f, \\"p90\\": %.3f, "
    .. "\\"p99\\": %.3f, \\"errors\\": %d, \\"non2xx\\": %d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    summary.errors.status))
end
"""


def distinct_queries(rng: random.Random, count: int = 4000) -> list[str]:
    """The fixed mix, each combined with another word or filter: thousands of different
    queries, far more than the server's result caches hold, so no answer is served twice
    within a run unless the cycle wraps around."""
    extras = [*WORDS, *(f"year:{y}" for y in range(2000, 2011)),
              *(f"class:{c}" for c in ("unclassified", "confidential", "secret"))]
    combos = [f"{q} {e}" for q in QUERIES for e in extras]
    rng.shuffle(combos)
    return combos[:count]


def popular_queries(queries: list[str], rng: random.Random, count: int = 4000) -> list[str]:
    """Traffic as search logs show it: a few queries asked often, a long tail asked once
    (Zipf, s = 1, over 500 of the distinct queries). Repeats are answered from the server's
    memory of recent results, as in real use; the distinct scenario shows the work."""
    pool = queries[:500]
    return rng.choices(pool, weights=[1 / (rank + 1) for rank in range(len(pool))], k=count)


def search_work(db: Path, queries: list[str], count: int = 300) -> float:
    """Mean CPU milliseconds of one distinct API search (20 hits with snippets, 7 facets),
    in this process with nothing remembered: the work a server core does per search before
    any HTTP, so ``cores * 1000 / mean`` bounds the searches per second of the machine."""
    from cablegram.archive import Archive

    with Archive(db) as archive:
        index = archive.index()
        index.recent.size = index._facets.recent.size = 0
        for q in queries[:20]:  # warm the OS cache and the searcher
            archive.search(q, per_page=20)
        t0 = time.process_time()
        for q in queries[:count]:
            archive.search(q, per_page=20)
        return (time.process_time() - t0) * 1000 / min(count, len(queries))


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def start_server(db: Path, port: int, workers: int, python: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CABLEGRAM_DB": str(db.resolve()),
           "PYTHONPATH": str(ROOT / "src")}
    cmd = [python, "-m", "uvicorn", "cablegram.web.app:app_from_env", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
           "--no-server-header", "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(cmd, env=env)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("the server exited before it was ready")
        try:
            _get(base, "/api/v1/stats")
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("the server did not become ready")


def sample_ids(base: str, count: int, rng: random.Random) -> list[str]:
    ids: list[str] = []
    for q in QUERIES:
        path = f"/api/v1/search?q={urllib.parse.quote(q)}&per_page=100&facets=false"
        ids.extend(h["id"] for h in _get(base, path)["hits"])
    rng.shuffle(ids)
    return list(dict.fromkeys(ids))[:count]


def run_wrk(base: str, paths: list[str], seconds: int, connections: int, threads: int,
            warmup: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(LUA.replace("{PATHS}", "{" + ",".join(json.dumps(p) for p in paths) + "}"))
        script = fh.name
    try:
        if warmup:
            subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{warmup}s",
                            "-s", script, base], check=True, capture_output=True)
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
                              "--timeout", "10s", "-s", script, base],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(script)
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    result: dict[str, float] = json.loads(line[len("RESULT "):])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--only", nargs="*", help="scenarios to run (name prefixes)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter to serve with (e.g. a venv with httptools/uvloop)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install -y wrk")
    base = f"http://127.0.0.1:{args.port}"
    work = search_work(args.db, distinct_queries(random.Random(7))) if not args.only or any(
        "search" in o for o in args.only) else None
    proc = start_server(args.db, args.port, args.workers, args.python)
    try:
        wait_ready(base, proc)
        rng = random.Random(7)
        stats = _get(base, "/api/v1/stats")
        ids = sample_ids(base, 1000, rng)
        queries = distinct_queries(rng)
        scenarios = {
            "cable page": [f"/cable/{i}" for i in ids],
            "search API": [f"/api/v1/search?q={urllib.parse.quote(q)}" for q in queries],
            "search API, popular": [f"/api/v1/search?q={urllib.parse.quote(q)}"
                                    for q in popular_queries(queries, rng)],
            "search API, no facets": [f"/api/v1/search?q={urllib.parse.quote(q)}&facets=false"
                                      for q in queries],
            "search page": [f"/search?q={urllib.parse.quote(q)}" for q in queries],
            "cable API": [f"/api/v1/cables/{i}" for i in ids],
        }
        print(f"# {machine()}")
        loop = subprocess.run([args.python, "-c", "import httptools, uvloop"],
                              capture_output=True).returncode == 0
        print(f"# {stats['cables']} cables, {args.workers} uvicorn worker(s) "
              f"({'httptools+uvloop' if loop else 'h11+asyncio'}), "
              f"{args.connections} connections, {args.duration}s per scenario")
        if work is not None:
            cores = os.cpu_count() or 1
            print(f"# search work: {work:.1f} ms CPU per distinct search in-process "
                  f"(20 hits, 7 facets): at most {cores * 1000 / work:.0f} searches/s on "
                  f"{cores} cores before any HTTP")
        print(f"{'scenario':<22} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
              f"{'errors':>7} {'non-2xx':>8}")
        for name, paths in scenarios.items():
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            r = run_wrk(base, paths, args.duration, args.connections, args.threads,
                        args.warmup)
            print(f"{name:<22} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p90']:>8.1f} "
                  f"{r['p99']:>8.1f} {r['errors']:>7.0f} {r['non2xx']:>8.0f}", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
