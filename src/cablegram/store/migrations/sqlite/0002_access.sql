-- Access control: readers, their credentials, release decisions and the audit log.
-- Secrets are never stored: passwords as scrypt hashes, tokens and session ids as sha256.

CREATE TABLE users (
    user_id    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    clearance  INTEGER,                            -- model.Classification value; NULL = none
    accesses   TEXT    NOT NULL DEFAULT '',        -- space-separated: NOFORN ORCON, or *
    grants     TEXT    NOT NULL DEFAULT '',        -- space-separated: EXDIS NODIS, or *
    roles      TEXT    NOT NULL DEFAULT '',        -- space-separated: archivist admin
    password   TEXT,                               -- scrypt$... ; NULL: no web sign-in
    disabled   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE api_tokens (
    token_id      TEXT    PRIMARY KEY,             -- public prefix: cg_<token_id>_<secret>
    user_id       INTEGER NOT NULL REFERENCES users (user_id),
    label         TEXT    NOT NULL DEFAULT '',
    secret_sha256 TEXT    NOT NULL,                -- sha256 of the whole token string
    created_at    TEXT    NOT NULL,
    expires_at    TEXT,                            -- NULL: never
    revoked_at    TEXT,
    last_used_at  TEXT
) WITHOUT ROWID;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
    session_sha256 TEXT    PRIMARY KEY,            -- sha256 of the cookie value
    user_id        INTEGER NOT NULL REFERENCES users (user_id),
    created_at     TEXT    NOT NULL,
    expires_at     TEXT    NOT NULL,
    last_seen_at   TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    revoked_at     TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Release decisions are a record: never changed or removed, like the audit log.
CREATE TABLE releases (
    release_id INTEGER PRIMARY KEY,
    cable_id   TEXT    NOT NULL,
    decided_at TEXT    NOT NULL,
    decided_by TEXT    NOT NULL,
    reason     TEXT    NOT NULL CHECK (length(trim(reason)) > 0)
);
CREATE INDEX releases_cable ON releases (cable_id);

CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases
BEGIN
    SELECT RAISE(ABORT, 'release decisions cannot be changed');
END;

CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
BEGIN
    SELECT RAISE(ABORT, 'release decisions cannot be removed');
END;

-- Append-only. hash = sha256(prev_hash || canonical JSON of the row), see access/chain.py.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,                    -- UTC, ISO 8601 with microseconds
    actor     TEXT,
    action    TEXT    NOT NULL,
    target    TEXT,
    source    TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '{}',       -- JSON
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
