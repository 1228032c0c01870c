-- SQLite dialect of 0009 (see the PostgreSQL file for the commentary).
CREATE TABLE staff_sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
