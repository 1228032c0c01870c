-- SQLite dialect of 0013 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds.
CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    neighborhood TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('community-meeting', 'coffee-with-a-cop', 'national-night-out', 'spcp-session', 'school-visit', 'other')),
    title        TEXT NOT NULL,
    starts_at    INTEGER NOT NULL,
    month        TEXT NOT NULL,
    attendance   INTEGER CHECK (attendance IS NULL OR attendance >= 0),
    token        TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX events_neighborhood ON events (neighborhood, starts_at, id);
CREATE INDEX events_month ON events (month, neighborhood);

CREATE TABLE event_concerns (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id),
    text       TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX event_concerns_event ON event_concerns (event_id, created_at);

CREATE TABLE event_responses (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events (id),
    browser_id   TEXT NOT NULL,
    overall      INTEGER,
    voice        INTEGER,
    trust        INTEGER,
    comment      TEXT,
    language     TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    stored_at    INTEGER NOT NULL,
    UNIQUE (event_id, browser_id)
);

CREATE TRIGGER event_concerns_no_update BEFORE UPDATE ON event_concerns BEGIN SELECT RAISE(ABORT, 'event_concerns is append-only'); END;
CREATE TRIGGER event_concerns_no_delete BEFORE DELETE ON event_concerns BEGIN SELECT RAISE(ABORT, 'event_concerns is append-only'); END;
