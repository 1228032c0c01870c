-- SQLite dialect of 0002 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds; booleans are 0/1 INTEGERs.
CREATE TABLE flags (
    id            TEXT PRIMARY KEY,
    response_id   TEXT NOT NULL REFERENCES responses (id),
    queue         TEXT NOT NULL CHECK (queue IN ('ia', 'lieutenant')),
    neighborhood  TEXT NOT NULL,
    month         TEXT NOT NULL,
    status        TEXT NOT NULL,
    status_reason TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (response_id, queue)
);
CREATE INDEX flags_queue_status ON flags (queue, status, created_at);
CREATE INDEX flags_queue_neighborhood ON flags (queue, neighborhood, created_at);

CREATE TABLE flag_reasons (
    flag_id TEXT NOT NULL REFERENCES flags (id),
    reason  TEXT NOT NULL,
    rule    TEXT NOT NULL,
    detail  TEXT,
    PRIMARY KEY (flag_id, reason)
);

CREATE TABLE flag_notes (
    id         TEXT PRIMARY KEY,
    flag_id    TEXT NOT NULL REFERENCES flags (id),
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX flag_notes_flag ON flag_notes (flag_id, created_at);

CREATE TABLE flag_history (
    id          TEXT PRIMARY KEY,
    flag_id     TEXT NOT NULL REFERENCES flags (id),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX flag_history_flag ON flag_history (flag_id, at);

CREATE TABLE commendations (
    response_id  TEXT NOT NULL REFERENCES responses (id),
    badge        TEXT NOT NULL REFERENCES officers (badge),
    neighborhood TEXT NOT NULL,
    month        TEXT NOT NULL,
    rule         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (response_id, badge)
);
CREATE INDEX commendations_badge ON commendations (badge, created_at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT,
    outcome    TEXT NOT NULL,
    ip         TEXT,
    detail     TEXT
);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER flag_notes_no_update BEFORE UPDATE ON flag_notes BEGIN SELECT RAISE(ABORT, 'flag_notes is append-only'); END;
CREATE TRIGGER flag_notes_no_delete BEFORE DELETE ON flag_notes BEGIN SELECT RAISE(ABORT, 'flag_notes is append-only'); END;
CREATE TRIGGER flag_history_no_update BEFORE UPDATE ON flag_history BEGIN SELECT RAISE(ABORT, 'flag_history is append-only'); END;
CREATE TRIGGER flag_history_no_delete BEFORE DELETE ON flag_history BEGIN SELECT RAISE(ABORT, 'flag_history is append-only'); END;

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    roles          TEXT NOT NULL,
    active         INTEGER NOT NULL,
    failed_count   INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER,
    security_stamp TEXT NOT NULL,
    last_sign_in   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    roles      TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_by TEXT,
    revoked_at INTEGER
);
