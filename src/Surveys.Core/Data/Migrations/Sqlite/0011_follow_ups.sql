-- SQLite dialect of 0011 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds.
CREATE TABLE follow_ups (
    id           TEXT PRIMARY KEY,
    response_id  TEXT NOT NULL UNIQUE REFERENCES responses (id),
    contact_id   TEXT NOT NULL REFERENCES contacts (id),
    neighborhood TEXT NOT NULL,
    month        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'contacted', 'closed')),
    outcome      TEXT CHECK (outcome IN ('resolved', 'referred', 'unreachable', 'declined')),
    created_at   INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    contacted_at INTEGER,
    closed_at    INTEGER,
    updated_at   INTEGER NOT NULL,
    CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX follow_ups_queue ON follow_ups (neighborhood, status, due_at, id);
CREATE INDEX follow_ups_due ON follow_ups (status, due_at, id);
CREATE INDEX follow_ups_month ON follow_ups (month, neighborhood);

CREATE TABLE follow_up_notes (
    id           TEXT PRIMARY KEY,
    follow_up_id TEXT NOT NULL REFERENCES follow_ups (id),
    author       TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX follow_up_notes_item ON follow_up_notes (follow_up_id, created_at);

CREATE TABLE follow_up_history (
    id           TEXT PRIMARY KEY,
    follow_up_id TEXT NOT NULL REFERENCES follow_ups (id),
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    outcome      TEXT,
    note         TEXT,
    actor        TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX follow_up_history_item ON follow_up_history (follow_up_id, at);

-- The resident's texts: at most one 'opened' and one 'closed' per request (the key), sent by the
-- SMS scheduler outside quiet hours with the invitations' rules: claimed atomically, an
-- interrupted send becomes 'unknown' and is never resent.
CREATE TABLE follow_up_texts (
    follow_up_id  TEXT NOT NULL REFERENCES follow_ups (id),
    kind          TEXT NOT NULL CHECK (kind IN ('opened', 'closed')),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed', 'unknown')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER,
    claimed_by    TEXT,
    claimed_until INTEGER,
    sid           TEXT,
    error         TEXT,
    created_at    INTEGER NOT NULL,
    sent_at       INTEGER,
    PRIMARY KEY (follow_up_id, kind)
);
CREATE INDEX follow_up_texts_pending ON follow_up_texts (created_at) WHERE status = 'pending';
CREATE INDEX follow_up_texts_sending ON follow_up_texts (claimed_until) WHERE status = 'sending';

CREATE TRIGGER follow_up_notes_no_update BEFORE UPDATE ON follow_up_notes BEGIN SELECT RAISE(ABORT, 'follow_up_notes is append-only'); END;
CREATE TRIGGER follow_up_notes_no_delete BEFORE DELETE ON follow_up_notes BEGIN SELECT RAISE(ABORT, 'follow_up_notes is append-only'); END;
CREATE TRIGGER follow_up_history_no_update BEFORE UPDATE ON follow_up_history BEGIN SELECT RAISE(ABORT, 'follow_up_history is append-only'); END;
CREATE TRIGGER follow_up_history_no_delete BEFORE DELETE ON follow_up_history BEGIN SELECT RAISE(ABORT, 'follow_up_history is append-only'); END;

-- Lieutenant 'follow-up' flags not yet closed become follow-up requests (due three days after the
-- flag, the default), so nothing a resident asked for is left behind in the old queue.
INSERT INTO follow_ups (id, response_id, contact_id, neighborhood, month, status, created_at, due_at, updated_at)
SELECT f.id, f.response_id, r.contact_id, f.neighborhood, f.month, 'open', f.created_at, f.created_at + 259200000, f.created_at
FROM flags f JOIN flag_reasons fr ON fr.flag_id = f.id AND fr.reason = 'follow-up' JOIN responses r ON r.id = f.response_id
WHERE f.queue = 'lieutenant' AND f.status <> 'closed'
  AND NOT EXISTS (SELECT 1 FROM flags i WHERE i.response_id = f.response_id AND i.queue = 'ia');
