-- idguard shared audit store, schema version 1: one hash chain per repository.
-- `chains` holds each repository's head (the row writers lock FOR UPDATE, and the second place the head is
-- kept); `audit` the entries, hashed exactly as stored (text, not jsonb, so no byte is reordered);
-- `imports` the SQLite logs loaded by `idguard store import` (one row per source log: never twice).

CREATE TABLE chains (
    repo TEXT PRIMARY KEY,
    log_id TEXT NOT NULL UNIQUE,
    keyed BOOLEAN NOT NULL,
    head_seq BIGINT NOT NULL DEFAULT 0,
    head_hash TEXT NOT NULL,
    created TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit (
    repo TEXT NOT NULL REFERENCES chains (repo),
    seq BIGINT NOT NULL,
    ts TEXT NOT NULL,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    path TEXT,
    review_id TEXT,
    data TEXT NOT NULL,
    origin TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (repo, seq)
);

CREATE INDEX audit_review ON audit (repo, review_id);
CREATE INDEX audit_event ON audit (repo, event);

CREATE TABLE imports (
    source_log TEXT NOT NULL,
    repo TEXT NOT NULL REFERENCES chains (repo),
    entries BIGINT NOT NULL,
    source_head TEXT NOT NULL,
    first_seq BIGINT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source_log)
);
