"""THE leak test: every reader profile crawls every endpoint and CLI command.

An archive of invented cables (``leak_corpus``) has parts at every level and caveat, each
with words found nowhere else. For each reader, an oracle written here (independently of
the policy code: level at most the clearance, every controlling caveat held, or the cable
declassified) says which words and ids the reader may see. Then every page, download, API
answer and CLI output is checked: no withheld word, subject, tag, id or count appears, and
everything the reader may see is there and findable (no over-withholding).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from access_helpers import FAST_HASHER, Clock
from fastapi.testclient import TestClient
from leak_corpus import CABLES, LeakCable, write
from typer.testing import CliRunner

from cablegram.access import AccessConfig, AccessControl
from cablegram.access.marks import canonical_caveat, controlling
from cablegram.access.reader import parse_clearance
from cablegram.archive import Archive
from cablegram.cli import app as cli
from cablegram.model import Classification
from cablegram.web import create_app

C = Classification
LEVELS = {"U": C.UNCLASSIFIED, "SBU": C.SBU, "C": C.CONFIDENTIAL, "S": C.SECRET,
          "TS": C.TOP_SECRET}
UNKNOWN_ID = "06ROME199"


@dataclass(frozen=True)
class Profile:
    name: str
    user: str | None  # None: anonymous, with ``public`` as the deployment's profile
    clearance: str
    accesses: tuple[str, ...] = ()
    grants: tuple[str, ...] = ()
    public: str = "unclassified"


PROFILES = (
    Profile("anon-unclassified", None, "unclassified"),
    Profile("anon-none", None, "none", public="none"),
    Profile("confidential", "conrad", "confidential"),
    Profile("secret", "selma", "secret"),
    Profile("secret-noforn", "sigrun", "secret", ("NOFORN",)),
    Profile("top-secret-all", "tobias", "top-secret", ("ALL",), ("ALL",)),
)


# -- the oracle ---------------------------------------------------------------------------

def _parts(cable: LeakCable) -> list[tuple[C, frozenset[str], tuple[str, ...]]]:
    """(level, caveats, words) of the header and each paragraph, by the documented rules."""
    marks = [m.split("//") for m in cable.marks]
    levels = [LEVELS[m[0]] for m in marks]
    effective = max([cable.level, *levels])
    banner = controlling(cable.banner_caveats)
    out = [(effective, banner, cable.header_words)]
    for n, (mark, level) in enumerate(zip(marks, levels, strict=True), start=1):
        words = [cable.para_word(n)]
        if n == len(cable.marks) and cable.versions > 1:
            words += [f"revised{v}x{cable.key}" for v in range(1, cable.versions + 1)]
        own = frozenset(canonical_caveat(c) for c in mark[1:])
        out.append((level, banner | controlling(own), tuple(words)))
    return out


def _declassified(cable: LeakCable) -> bool:
    return cable.released or cable.decl == "01/01/2001"


@dataclass
class Expect:
    visible_words: set[str]
    withheld_words: set[str]
    visible_ids: set[str]
    invisible_ids: set[str]
    header_ids: set[str]  # cables whose header (subject, tags, REF) is visible


def expect(profile: Profile) -> Expect:
    clearance = parse_clearance(profile.clearance)
    holds = set(profile.accesses) | set(profile.grants)
    out = Expect(set(), set(), set(), set(), set())
    for cable in CABLES:
        seen_any = False
        for i, (level, caveats, words) in enumerate(_parts(cable)):
            seen = _declassified(cable) or (
                clearance is not None and level <= clearance
                and ("ALL" in holds or caveats <= holds))
            (out.visible_words if seen else out.withheld_words).update(
                w.lower() for w in words)
            seen_any |= seen
            if i == 0 and seen:
                out.header_ids.add(cable.cable_id)
        (out.visible_ids if seen_any else out.invisible_ids).add(cable.cable_id)
    return out


# -- fixtures -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def leak_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leak")
    db = folder / "cablegram.db"
    with Archive(db) as archive:
        archive.ingest([write(folder / "leak.jsonl")], workers=0)
    with AccessControl(db, hasher=FAST_HASHER) as ac:
        for p in PROFILES:
            if p.user is not None:
                ac.users.add(p.user, parse_clearance(p.clearance), accesses=p.accesses,
                             grants=p.grants, password="correct horse battery",
                             actor="test", source="test")
        for cable in CABLES:
            if cable.released:
                ac.releases.release(cable.cable_id, "FOIA case 2012-0042 (invented)",
                                    actor="test", source="test")
    return db


@pytest.fixture(scope="module")
def tokens(leak_db: Path) -> dict[str, str]:
    with AccessControl(leak_db, hasher=FAST_HASHER) as ac:
        return {p.user: ac.tokens.create(ac.users.require(p.user), expires_in=None,
                                         actor="test", source="test").secret
                for p in PROFILES if p.user is not None}


@pytest.fixture(scope="module")
def clients(leak_db: Path) -> Iterator[dict[str, TestClient]]:
    """One app per public profile (the deployment setting), shared by its readers."""
    made: dict[str, TestClient] = {}
    controls = []
    for public in ("unclassified", "none"):
        ac = AccessControl(leak_db, AccessConfig(public_profile=public), now=Clock(),
                           hasher=FAST_HASHER)
        controls.append(ac)
        made[public] = TestClient(create_app(leak_db, access=ac),
                                  raise_server_exceptions=True).__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)
    for ac in controls:
        ac.close()


# -- crawling -----------------------------------------------------------------------------

def all_words() -> list[str]:
    return sorted(expect(PROFILES[-1]).visible_words)


def endpoints() -> Iterator[tuple[str, str]]:
    """(path, echoed text to ignore) for every endpoint of the app."""
    for path in ("/", "/search", "/browse", "/browse/tags", "/browse/origins", "/browse/time",
                 "/browse/classifications", "/browse/caveats", "/browse/reasons",
                 "/browse/signers",
                 "/api/v1/stats", "/api/v1/tags", "/api/v1/origins", "/api/docs",
                 "/api/openapi.json", "/api/v1/search", "/tags/PREL",
                 "/search?q=class%3Asecret", "/search?q=caveat%3Anoforn",
                 "/search?q=para%3AS", "/search?q=decl%3A2040", "/search?q=origin%3AROME",
                 "/api/v1/search?q=class>%3Dconfidential", "/search?sort=-date"):
        yield path, ""
    for word in all_words():
        yield f"/search?q={word}", word
        yield f"/api/v1/search?q={word}", word
        yield f"/api/v1/search?q={word}*", word
    for cable in CABLES:
        yield f"/tags/{cable.tag}", cable.tag
        yield f"/api/v1/search?q=tag%3A{cable.tag}", cable.tag
        yield f"/api/v1/search?q=signer%3A{cable.key}signer", f"{cable.key}signer"
        yield f"/api/v1/search?q=classifiedby%3A{cable.key}clsby", f"{cable.key}clsby"
        yield f"/api/v1/search?q=subject%3A{cable.subject_word}", cable.subject_word
        yield f"/api/v1/search?q=ref%3A{cable.cable_id}", cable.cable_id
        for suffix in ("", ".txt", ".json", "/diff"):
            yield f"/cable/{cable.cable_id}{suffix}", cable.cable_id
        yield f"/api/v1/cables/{cable.cable_id}", cable.cable_id


def crawl(client: TestClient, headers: dict[str, str]) -> Iterator[tuple[str, int, str]]:
    for path, echo in endpoints():
        response = client.get(path, headers=headers, follow_redirects=False)
        body = response.text.lower()
        if echo:
            body = body.replace(echo.lower(), "")
        yield path, response.status_code, body


def _headers(profile: Profile, tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[profile.user]}"} if profile.user else {}


def _client(profile: Profile, clients: dict[str, TestClient]) -> TestClient:
    return clients[profile.public if profile.user is None else "unclassified"]


def _allowed_ids(path: str) -> set[str]:
    """A visible REF line may name a cable the reader cannot see (shown as unavailable)."""
    citing = {c.cable_id: set(c.refs) for c in CABLES}
    return next((refs for cid, refs in citing.items() if cid in path), set())


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_no_withheld_word_id_or_count_anywhere(profile: Profile, tokens: dict[str, str],
                                               clients: dict[str, TestClient]) -> None:
    want = expect(profile)
    client = _client(profile, clients)
    headers = _headers(profile, tokens)
    for path, status, body in crawl(client, headers):
        assert status < 500, path
        leaked = {w for w in want.withheld_words if w in body}
        assert not leaked, f"{profile.name}: {path} shows {leaked}"
        ids = {i for i in want.invisible_ids - _allowed_ids(path) if i.lower() in body}
        assert not ids, f"{profile.name}: {path} shows ids {ids}"
    everything = client.get("/api/v1/search?q=&per_page=100", headers=headers).json()
    assert everything["total"] == len(want.visible_ids)
    assert {h["id"] for h in everything["hits"]} == want.visible_ids
    stats = client.get("/api/v1/stats", headers=headers).json()
    assert stats["cables"] == len(want.visible_ids)
    facets = everything["facets"]
    assert sum(n for _, n in facets["classification"]) == len(want.visible_ids)
    tags = {code for code, _ in facets["tags"]}
    assert tags >= {c.tag for c in CABLES if c.cable_id in want.header_ids}


def _query(word: str) -> str:
    """How a reader finds a word: header words by their field, text words as words."""
    for suffix, field in (("signer", "signer"), ("clsby", "classifiedby")):
        if word.endswith(suffix):
            return f"{field}%3A{word}"
    if re.fullmatch(r"zq[a-z]t", word):
        return f"tag%3A{word.upper()}"
    return word


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_what_may_be_seen_is_shown_and_found(profile: Profile, tokens: dict[str, str],
                                            clients: dict[str, TestClient]) -> None:
    want = expect(profile)
    client = _client(profile, clients)
    headers = _headers(profile, tokens)
    by_word = {w.lower(): c for c in CABLES for _, _, words in _parts(c) for w in words}
    for word in want.visible_words:
        cable = by_word[word]
        if word.startswith("revised1"):  # an older version's word: only on its diff
            diff = client.get(f"/cable/{cable.cable_id}/diff", headers=headers)
            assert word in diff.text.lower(), (profile.name, word)
            continue
        found = client.get(f"/api/v1/search?q={_query(word)}", headers=headers).json()
        assert cable.cable_id in {h["id"] for h in found["hits"]}, (profile.name, word)
        page = client.get(f"/cable/{cable.cable_id}", headers=headers)
        assert page.status_code == 200 and word in page.text.lower(), (profile.name, word)
    for word in want.withheld_words:
        found = client.get(f"/api/v1/search?q={_query(word)}", headers=headers).json()
        assert found["total"] == 0 and not found["hits"], (profile.name, word)
    for cid in want.invisible_ids:
        for path in (f"/cable/{cid}", f"/api/v1/cables/{cid}", f"/cable/{cid}.txt"):
            hidden = client.get(path, headers=headers)
            unknown = client.get(path.replace(cid, UNKNOWN_ID), headers=headers)
            assert hidden.status_code == unknown.status_code == 404
            assert hidden.text.replace(cid, UNKNOWN_ID) == unknown.text


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_citations_follow_the_rules(profile: Profile, tokens: dict[str, str],
                                    clients: dict[str, TestClient]) -> None:
    want = expect(profile)
    client = _client(profile, clients)
    headers = _headers(profile, tokens)
    if "06ROME100" in want.visible_ids:
        cited_by = client.get("/api/v1/cables/06ROME100", headers=headers).json()["cited_by"]
        assert {c["citing"] for c in cited_by} == {
            c.cable_id for c in CABLES if "06ROME100" in c.refs and c.cable_id in want.header_ids}
    if "06ROME109" in want.header_ids:
        cites = client.get("/api/v1/cables/06ROME109", headers=headers).json()["cites"]
        shown = {c["cited"]: c for c in cites}
        for cid in ("06ROME104", "06ROME102"):
            if cid in want.invisible_ids:
                assert shown[cid]["in_archive"] is False and shown[cid]["subject"] is None
            elif cid not in want.header_ids:
                assert shown[cid]["subject"] is None


# -- the CLI ------------------------------------------------------------------------------

def _cli(db: Path, profile: Profile, *args: str) -> tuple[int, str]:
    who = ["--as", profile.user] if profile.user else ["--public-profile", profile.public]
    result = CliRunner().invoke(cli, [*args, "--db", str(db), *who])
    return result.exit_code, (result.stdout + (result.stderr or "")).lower()


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_cli_leaks_nothing(profile: Profile, leak_db: Path) -> None:
    want = expect(profile)
    outputs: list[tuple[str, str]] = []
    for cable in CABLES:
        commands = [("show", cable.cable_id, "--json"), ("show", cable.cable_id, "--raw")]
        if cable.cable_id in ("06ROME102", "06ROME104", "06ROME109", "06ROME110"):
            commands += [("show", cable.cable_id), ("diff", cable.cable_id, "--json"),
                         ("diff", cable.cable_id)]
        for args in commands:
            code, out = _cli(leak_db, profile, *args)
            outputs.append((" ".join(args), out.replace(cable.cable_id.lower(), "")))
            if args[0] == "show" and cable.cable_id in want.invisible_ids:
                assert code == 1 and "not found" in out
    texts = sorted(w for w in want.withheld_words if not w.startswith("revised1")
                   and not w.endswith(("signer", "clsby")) and not re.fullmatch("zq.t", w))
    if texts:  # any one withheld word matching would make a hit
        code, out = _cli(leak_db, profile, "search", " OR ".join(texts), "--json")
        assert code == 0 and json.loads(out)["total"] == 0, profile.name
        for word in texts:
            out = out.replace(word, "")
        outputs.append(("search withheld", out))
    code, out = _cli(leak_db, profile, "stats", "--json")
    assert json.loads(out)["cables"] == len(want.visible_ids)
    outputs.append(("stats", out))
    code, out = _cli(leak_db, profile, "search", "", "--json", "--per-page", "100")
    assert json.loads(out)["total"] == len(want.visible_ids)
    outputs.append(("search all", out))
    for what, out in outputs:
        leaked = {w for w in want.withheld_words if w in out}
        assert not leaked, f"{profile.name}: cablegram {what} shows {leaked}"
        allowed = _allowed_ids(what)
        ids = {i for i in want.invisible_ids - allowed if i.lower() in out}
        assert not ids, f"{profile.name}: cablegram {what} shows ids {ids}"


def test_the_oracle_covers_every_case() -> None:
    """The corpus exercises partial cables, declassified ones and exempt ones."""
    conf = expect(PROFILES[2])
    assert {"06ROME106", "06ROME107"} <= expect(PROFILES[1]).visible_ids
    assert expect(PROFILES[1]).visible_ids == {"06ROME106", "06ROME107"}
    assert "06ROME108" in conf.invisible_ids  # X1 keeps a SECRET cable closed
    assert "06ROME102" in conf.visible_ids and "06ROME102" not in conf.header_ids
    nf = expect(PROFILES[4])
    assert "zqcpara4" in nf.visible_words and "zqcpara4" in expect(PROFILES[3]).withheld_words
    assert re.fullmatch(r"zq[a-l]", CABLES[-1].key)
