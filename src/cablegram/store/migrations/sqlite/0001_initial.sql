-- Every stored text of every cable id. Never updated after insert except `parsed` (reparse):
-- rows carry the raw text and the parsed JSON, so rewriting one is expensive.
CREATE TABLE versions (
    version_id      INTEGER PRIMARY KEY,           -- assigned in ingest order, no gaps
    cable_id        TEXT    NOT NULL,
    version_key     TEXT    NOT NULL UNIQUE,       -- sha256(cable id, text, published metadata)
    text_sha256     TEXT    NOT NULL,              -- sha256 of raw (UTF-8)
    source_format   TEXT    NOT NULL,
    source_location TEXT    NOT NULL,
    released        TEXT,                          -- 'YYYY-MM-DDTHH:MM:SS' UTC, or NULL
    source_rank     INTEGER NOT NULL DEFAULT 0,    -- the source's own order of copies
    ingested_at     TEXT    NOT NULL,
    parser_version  TEXT    NOT NULL,
    -- large columns last, so reading the small ones never walks overflow pages
    metadata        TEXT    NOT NULL,              -- JSON: what the source published beside it
    parsed          TEXT    NOT NULL,              -- JSON: serialize.to_dict without raw
    raw             TEXT    NOT NULL               -- the text exactly as the source gave it
);
CREATE INDEX versions_cable ON versions (cable_id, version_id);

-- One row per cable id: which version is current, and its fields for browsing and stats.
CREATE TABLE cables (
    cable_id           TEXT    PRIMARY KEY,
    current_version_id INTEGER NOT NULL REFERENCES versions (version_id),
    current_released   TEXT,                       -- with the two columns around it, the
    current_source_rank INTEGER NOT NULL,          -- current version's rank (see sqlite.py)
    version_count      INTEGER NOT NULL,
    created            TEXT,
    year               INTEGER,
    origin             TEXT,
    classification     INTEGER,                    -- model.Classification value
    caveats            TEXT    NOT NULL DEFAULT '', -- space-separated
    subject            TEXT,
    tags               TEXT    NOT NULL DEFAULT '', -- space-separated codes
    partial            INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX cables_year ON cables (year);
CREATE INDEX cables_origin ON cables (origin);
CREATE INDEX cables_classification ON cables (classification);

-- References of each cable's current version, in the order written.
CREATE TABLE refs (
    cable_id TEXT    NOT NULL,
    position INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    bullet   TEXT,
    raw      TEXT    NOT NULL,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE INDEX refs_cited ON refs (value) WHERE kind = 'cable';

-- TAGS codes of each cable's current version, for tag statistics.
CREATE TABLE tags (
    cable_id TEXT NOT NULL,
    code     TEXT NOT NULL,
    PRIMARY KEY (cable_id, code)
) WITHOUT ROWID;
CREATE INDEX tags_code ON tags (code);

-- What could not be read or parsed, with where it came from. Unique so re-runs add nothing.
CREATE TABLE quarantine (
    entry_id   INTEGER PRIMARY KEY,
    location   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    raw        BLOB,
    raw_sha256 TEXT NOT NULL,                      -- '' when there are no bytes
    at         TEXT NOT NULL,
    UNIQUE (location, reason, raw_sha256)
);

-- Append-only log: a row whenever a cable's current version or its parsed fields change.
-- The search index keeps the last seq it has applied (its watermark).
CREATE TABLE changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    cable_id TEXT NOT NULL
);
