-- SQLite dialect of 0014 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds; dates are yyyy-MM-dd text in the agency's zone.
CREATE TABLE problems (
    id                       TEXT PRIMARY KEY,
    neighborhood             TEXT NOT NULL,
    title                    TEXT NOT NULL,
    public_title             TEXT,
    public_title_approved_by TEXT,
    description              TEXT NOT NULL,
    stage                    TEXT NOT NULL CHECK (stage IN ('scanning', 'analysis', 'response', 'assessment', 'closed')),
    response_started_on      TEXT,
    created_by               TEXT NOT NULL,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL
);
CREATE INDEX problems_neighborhood ON problems (neighborhood, stage, created_at, id);

CREATE TABLE problem_items (
    problem_id TEXT NOT NULL REFERENCES problems (id),
    item       TEXT NOT NULL,
    PRIMARY KEY (problem_id, item)
);

CREATE TABLE problem_evidence (
    problem_id TEXT NOT NULL REFERENCES problems (id),
    kind       TEXT NOT NULL CHECK (kind IN ('event', 'concern', 'follow-up', 'flag')),
    ref_id     TEXT NOT NULL,
    PRIMARY KEY (problem_id, kind, ref_id)
);
CREATE INDEX problem_evidence_ref ON problem_evidence (kind, ref_id);

CREATE TABLE problem_history (
    id         TEXT PRIMARY KEY,
    problem_id TEXT NOT NULL REFERENCES problems (id),
    from_stage TEXT,
    to_stage   TEXT NOT NULL,
    note       TEXT,
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX problem_history_item ON problem_history (problem_id, at);

CREATE TABLE problem_actions (
    id         TEXT PRIMARY KEY,
    problem_id TEXT NOT NULL REFERENCES problems (id),
    text       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at  INTEGER
);
CREATE INDEX problem_actions_item ON problem_actions (problem_id, due_on, id);

CREATE TRIGGER problem_history_no_update BEFORE UPDATE ON problem_history BEGIN SELECT RAISE(ABORT, 'problem_history is append-only'); END;
CREATE TRIGGER problem_history_no_delete BEFORE DELETE ON problem_history BEGIN SELECT RAISE(ABORT, 'problem_history is append-only'); END;
