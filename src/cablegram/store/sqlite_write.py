"""The single writer's batch logic for SQLite: versions in, current versions chosen, log kept.

Every statement is an ``executemany`` over the whole batch and every lookup one ``IN`` query,
so that a batch of 500 cables costs a handful of round trips into SQLite, not 500.

Which version is current: the highest rank, where rank is
``(release date known, release date, source_rank, version_id)``. An unknown release date ranks
below every known one: a dated release is evidence of recency, a missing date is not. Equal
dates fall to the source's own order (``rows.source_rank``) and then to ingest order, later
wins. Because version ids are handed out as ``max + 1`` inside the batch's transaction, a
batch rolled back by a crash leaves no gap, and a re-run assigns the same ids as a clean run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from cablegram.model import Cable
from cablegram.store import packing, rows
from cablegram.store.base import CableFacts, Derived, Outcome, Packed, ParsedRecord

Rank = tuple[bool, str, int, int]
T = TypeVar("T")

_INSERT_VERSION = (
    "INSERT INTO versions (version_id, cable_id, version_key, text_sha256, source_format,"
    " source_location, released, source_rank, ingested_at, parser_version, metadata, parsed,"
    " raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_UPSERT_CABLE = (
    "INSERT INTO cables (cable_id, current_version_id, current_released, current_source_rank,"
    " version_count, created, year, origin, classification, caveats, subject, tags, partial,"
    " declassify_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (cable_id) DO UPDATE SET"
    " current_version_id = excluded.current_version_id,"
    " current_released = excluded.current_released,"
    " current_source_rank = excluded.current_source_rank,"
    " version_count = cables.version_count + excluded.version_count,"
    " created = excluded.created, year = excluded.year, origin = excluded.origin,"
    " classification = excluded.classification, caveats = excluded.caveats,"
    " subject = excluded.subject, tags = excluded.tags, partial = excluded.partial,"
    " declassify_on = excluded.declassify_on"
)
_DENORMALISED = (
    "UPDATE cables SET created = ?, year = ?, origin = ?, classification = ?, caveats = ?,"
    " subject = ?, tags = ?, partial = ?, declassify_on = ? WHERE cable_id = ?"
)
_CHUNK = 900  # bound on "IN (?,?,...)" lists, well under SQLite's variable limit


@dataclass(slots=True)
class _Current:
    rank: Rank
    facts: CableFacts | None = None  # set when this batch brings the winner
    version_count: int = 0  # versions this batch adds
    stored_count: int = 0  # versions stored before this batch
    position: int = -1  # the winner's place in the batch, when this batch brings it


class NewCurrent(NamedTuple):
    """A cable this batch changed: the new current version's place in the batch (-1 if the
    batch only added versions that did not become current) and the cable's version count
    after it (what its index document must say)."""

    position: int
    cable_id: str
    version_count: int
    known: bool  # the store had the cable before this batch


class BatchResult(NamedTuple):
    """What a batch did, for a writer that keeps the search index in step with the store:
    the change log ran from ``first_seq`` (exclusive) to ``last_seq`` in this batch alone."""

    outcomes: list[Outcome]
    currents: list[NewCurrent]
    first_seq: int
    last_seq: int


def add_batch(conn: sqlite3.Connection, batch: Sequence[ParsedRecord]) -> list[Outcome]:
    """Insert a batch; the caller holds the write transaction."""
    return add_batch_tracked(conn, batch).outcomes


def add_batch_tracked(conn: sqlite3.Connection, batch: Sequence[ParsedRecord]) -> BatchResult:
    """``add_batch``, also telling which cables got a new current version."""
    first_seq = last_change(conn)
    keys = [rows.version_key(p.cable_id, p.text_sha256, p.record) for p in batch]
    seen = existing_keys(conn, keys)
    currents = current_ranks(conn, {p.cable_id for p in batch})
    known = set(currents)
    next_id = _max_version_id(conn) + 1
    now = rows.now()
    outcomes: list[Outcome] = []
    inserts: list[tuple[object, ...]] = []
    for position, (parsed, key) in enumerate(zip(batch, keys, strict=True)):
        if key in seen:
            outcomes.append(Outcome.UNCHANGED)
            continue
        seen.add(key)
        outcomes.append(Outcome.UPDATED if parsed.cable_id in currents else Outcome.NEW)
        packed = rows.packed_of(parsed)
        ranked = rank(rows.timestamp(parsed.record.released), rows.source_rank(parsed.record),
                      next_id)
        inserts.append(_version_row(parsed, packed, key, ranked, now))
        _consider(currents, parsed.cable_id, packed.facts, ranked, position)
        next_id += 1
    conn.executemany(_INSERT_VERSION, inserts)
    _write_currents(conn, currents, known)
    # One change per new version, in ingest order: every new version changes what the index
    # shows for its cable (its content, or at least its version count), and a log that does
    # not depend on where batches happen to split is the same after a crash and a re-run.
    conn.executemany("INSERT INTO changes (cable_id) VALUES (?)", [(r[1],) for r in inserts])
    news = [
        NewCurrent(c.position if c.facts else -1, cid, c.stored_count + c.version_count,
                   cid in known)
        for cid, c in currents.items()
        if c.facts is not None or c.version_count
    ]
    return BatchResult(outcomes, news, first_seq, last_change(conn))


def last_change(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(seq) FROM changes").fetchone()
    return int(row[0] or 0)


def existing_keys(conn: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(list(dict.fromkeys(keys))):
        marks = ",".join("?" * len(part))
        sql = f"SELECT version_key FROM versions WHERE version_key IN ({marks})"
        found.update(row[0] for row in conn.execute(sql, part))
    return found


def current_ranks(conn: sqlite3.Connection, cable_ids: Iterable[str]) -> dict[str, _Current]:
    found: dict[str, _Current] = {}
    for part in _chunks(list(cable_ids)):
        marks = ",".join("?" * len(part))
        sql = (
            "SELECT cable_id, current_released, current_source_rank, current_version_id,"
            f" version_count FROM cables WHERE cable_id IN ({marks})"
        )
        for cable_id, released, source_rank, version_id, count in conn.execute(sql, part):
            found[cable_id] = _Current(rank(released, source_rank, version_id), stored_count=count)
    return found


def rank(released: str | None, source_rank: int, version_id: int) -> Rank:
    return (released is not None, released or "", source_rank, version_id)


def _max_version_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version_id) FROM versions").fetchone()
    return int(row[0] or 0)


def _version_row(
    parsed: ParsedRecord, packed: Packed, key: str, ranked: Rank, now: str
) -> tuple[object, ...]:
    record = parsed.record
    known_date, released, source_rank, version_id = ranked
    return (
        version_id,
        parsed.cable_id,
        key,
        parsed.text_sha256,
        record.format,
        record.location,
        released if known_date else None,
        source_rank,
        now,
        rows.PARSER_VERSION,
        rows.dumps(rows.metadata(record)),
        packed.parsed,
        record.text,
    )


def _consider(
    currents: dict[str, _Current],
    cable_id: str,
    facts: CableFacts,
    candidate: Rank,
    position: int,
) -> None:
    current = currents.get(cable_id)
    if current is None:
        currents[cable_id] = _Current(candidate, facts, 1, position=position)
        return
    current.version_count += 1
    if candidate > current.rank:
        current.rank = candidate
        current.facts = facts
        current.position = position


def _write_currents(
    conn: sqlite3.Connection, currents: dict[str, _Current], known: set[str]
) -> None:
    winners = {cid: c for cid, c in currents.items() if c.facts is not None}
    counts_only = [
        (c.version_count, cid) for cid, c in currents.items() if c.facts is None and c.version_count
    ]
    conn.executemany(
        "UPDATE cables SET version_count = version_count + ? WHERE cable_id = ?", counts_only
    )
    conn.executemany(_UPSERT_CABLE, [_cable_row(cid, c) for cid, c in winners.items()])
    refresh_links(
        conn, [(cid, c.facts) for cid, c in winners.items() if c.facts is not None], known,
        log=False,
    )


def refresh_links(
    conn: sqlite3.Connection,
    cables: Sequence[tuple[str, CableFacts]],
    known: set[str],
    *,
    log: bool = True,
) -> None:
    """Replace refs and tags of cables whose current parse changed, and log the change
    (unless the caller logs it)."""
    stale = [(cid,) for cid, _ in cables if cid in known]
    conn.executemany("DELETE FROM refs WHERE cable_id = ?", stale)
    conn.executemany("DELETE FROM tags WHERE cable_id = ?", stale)
    conn.executemany(
        "INSERT INTO refs (cable_id, position, kind, value, bullet, raw) VALUES (?,?,?,?,?,?)",
        [
            (cid, i, kind, value, bullet, raw)
            for cid, facts in cables
            for i, (kind, value, bullet, raw) in enumerate(facts.references)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO tags (cable_id, code) VALUES (?, ?)",
        [(cid, code) for cid, facts in cables for code in facts.tags],
    )
    if log:
        conn.executemany(
            "INSERT INTO changes (cable_id) VALUES (?)", [(cid,) for cid, _ in cables]
        )


def denormalised(facts: CableFacts) -> tuple[object, ...]:
    """The browsing columns of ``cables``, in table order after the rank columns."""
    return (
        facts.created,
        facts.year,
        facts.origin,
        facts.classification,
        " ".join(facts.caveats),
        facts.subject,
        " ".join(facts.tags),
        int(facts.partial),
        facts.declassify_on,
    )


def update_denormalised(conn: sqlite3.Connection, cables: Sequence[tuple[str, CableFacts]]) -> None:
    conn.executemany(_DENORMALISED, [(*denormalised(c), cid) for cid, c in cables])


def _cable_row(cable_id: str, current: _Current) -> tuple[object, ...]:
    known_date, released, source_rank, version_id = current.rank
    assert current.facts is not None
    return (
        cable_id,
        version_id,
        released if known_date else None,
        source_rank,
        current.version_count,
        *denormalised(current.facts),
    )


def _chunks(items: list[T]) -> Iterable[list[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def replace_parsed(conn: sqlite3.Connection, items: Sequence[tuple[int, Cable | Derived]]) -> int:
    """Store re-derived parses; only versions whose JSON changed are written and logged."""
    stored: dict[int, tuple[str, str | bytes, str, bool]] = {}
    for part in _chunks([vid for vid, _ in items]):
        marks = ",".join("?" * len(part))
        sql = (
            "SELECT v.version_id, v.cable_id, v.parsed, v.raw,"
            " c.current_version_id = v.version_id"
            " FROM versions v JOIN cables c ON c.cable_id = v.cable_id"
            f" WHERE v.version_id IN ({marks})"
        )
        for vid, cable_id, parsed, raw, current in conn.execute(sql, part):
            stored[vid] = (cable_id, parsed, raw, bool(current))
    updates: list[tuple[bytes, str, int]] = []
    currents: list[tuple[str, CableFacts]] = []
    for vid, parse in items:
        if vid not in stored:
            continue
        cable_id, old, raw, is_current = stored[vid]
        new = parse if isinstance(parse, Derived) else rows.derive(parse)
        if rows.same_parse(packing.parsed_json(old, raw), new.parsed_json):
            continue
        packed = packing.pack_parsed(new.parsed_json, raw.encode("utf-8"))
        updates.append((packed, rows.PARSER_VERSION, vid))
        if is_current:
            currents.append((cable_id, new.facts))
    conn.executemany(
        "UPDATE versions SET parsed = ?, parser_version = ? WHERE version_id = ?", updates
    )
    update_denormalised(conn, currents)
    refresh_links(conn, currents, {cid for cid, _ in currents})
    return len(updates)
