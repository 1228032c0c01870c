-- SQLite dialect of 0016 (see the PostgreSQL file for the commentary). SQLite cannot drop a NOT
-- NULL, so flags is rebuilt under its own name (a RENAME would trip the foreign keys of
-- flag_reasons, flag_notes and flag_history); the deferred foreign-key check at commit proves
-- every flag came back. The indexes of 0002 are recreated; flags has no triggers.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE flags_0016 AS SELECT * FROM flags;
DROP TABLE flags;
CREATE TABLE flags (
    id                TEXT PRIMARY KEY,
    response_id       TEXT REFERENCES responses (id),
    queue             TEXT NOT NULL CHECK (queue IN ('ia', 'lieutenant')),
    neighborhood      TEXT NOT NULL,
    month             TEXT NOT NULL,
    status            TEXT NOT NULL,
    status_reason     TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    event_response_id TEXT REFERENCES event_responses (id),
    UNIQUE (response_id, queue),
    UNIQUE (event_response_id, queue),
    CHECK ((response_id IS NULL) <> (event_response_id IS NULL))
);
INSERT INTO flags (id, response_id, queue, neighborhood, month, status, status_reason, created_at, updated_at)
SELECT id, response_id, queue, neighborhood, month, status, status_reason, created_at, updated_at FROM flags_0016;
DROP TABLE flags_0016;
CREATE INDEX flags_queue_status ON flags (queue, status, created_at);
CREATE INDEX flags_queue_neighborhood ON flags (queue, neighborhood, created_at);
