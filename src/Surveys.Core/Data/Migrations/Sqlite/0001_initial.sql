-- SQLite dialect of 0001 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds; booleans are 0/1 INTEGERs.
CREATE TABLE neighborhoods (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    lieutenant TEXT,
    updated_at INTEGER NOT NULL
);

-- Unrostered badges seen on contacts are recorded (rostered = false) so no feedback is dropped.
CREATE TABLE officers (
    badge      TEXT PRIMARY KEY,
    name       TEXT,
    unit       TEXT,
    active     INTEGER NOT NULL DEFAULT 1,
    rostered   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE contacts (
    id           TEXT PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    occurred_at  INTEGER NOT NULL,
    month        TEXT NOT NULL,
    neighborhood TEXT NOT NULL REFERENCES neighborhoods (code),
    contact_type TEXT NOT NULL,
    language     TEXT NOT NULL,
    status       TEXT NOT NULL,
    phone_hash   TEXT NOT NULL,
    phone_enc    TEXT,
    token_id     TEXT UNIQUE,
    expires_at   INTEGER,
    -- Set by the API when it claims the token for a submission (single use).
    submitted_at INTEGER,
    receipt_id   TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX contacts_phone_hash ON contacts (phone_hash, created_at);
CREATE INDEX contacts_month ON contacts (month);

CREATE TABLE contact_officers (
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    badge      TEXT NOT NULL REFERENCES officers (badge),
    PRIMARY KEY (contact_id, badge)
);

CREATE TABLE opt_outs (
    phone_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
);

-- Immutable: a response is inserted once (unique token_id) and never updated.
CREATE TABLE responses (
    id              TEXT PRIMARY KEY,
    token_id        TEXT NOT NULL UNIQUE,
    contact_id      TEXT NOT NULL REFERENCES contacts (id),
    month           TEXT NOT NULL,
    neighborhood    TEXT NOT NULL,
    contact_type    TEXT NOT NULL,
    overall         INTEGER NOT NULL,
    respect         INTEGER,
    voice           INTEGER,
    fairness        INTEGER,
    explanation     INTEGER,
    trust           INTEGER,
    comment         TEXT,
    wants_complaint INTEGER NOT NULL,
    wants_follow_up INTEGER NOT NULL,
    share_comment   INTEGER NOT NULL,
    channel         TEXT NOT NULL,
    submitted_at    INTEGER NOT NULL,
    stored_at       INTEGER NOT NULL
);
CREATE INDEX responses_scope_month ON responses (neighborhood, month);

-- Monthly sums per scope (city, neighborhood, officer, neighborhood-type, city-type) and item:
-- every figure is computed from these, so a figure costs the same for 50 or 500,000 responses.
CREATE TABLE aggregates (
    scope     TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    month     TEXT NOT NULL,
    item      TEXT NOT NULL,
    n         INTEGER NOT NULL,
    total     INTEGER NOT NULL,
    total_sq  INTEGER NOT NULL,
    positives INTEGER NOT NULL,
    c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL, c4 INTEGER NOT NULL, c5 INTEGER NOT NULL,
    PRIMARY KEY (scope, scope_key, month, item)
);

CREATE TABLE monthly_counts (
    scope          TEXT NOT NULL,
    scope_key      TEXT NOT NULL,
    month          TEXT NOT NULL,
    invitations    INTEGER NOT NULL,
    responses      INTEGER NOT NULL,
    max_expires_at INTEGER NOT NULL,
    PRIMARY KEY (scope, scope_key, month)
);
