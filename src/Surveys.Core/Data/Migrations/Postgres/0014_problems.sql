-- Problems (issue 14): SARA problem-solving per neighborhood. stage moves one step at a time
-- (history keeps every move and its note); response_started_on is the agency-zone date the
-- response stage was (last) entered: the assessment's before/after split is by its month.
-- public_title is the only text public pages may show, and only once a chief or admin set or
-- approved it (public_title_approved_by).
CREATE TABLE problems (
    id                       text PRIMARY KEY,
    neighborhood             text NOT NULL,
    title                    text NOT NULL,
    public_title             text,
    public_title_approved_by text,
    description              text NOT NULL,
    stage                    text NOT NULL CHECK (stage IN ('scanning', 'analysis', 'response', 'assessment', 'closed')),
    response_started_on      text,
    created_by               text NOT NULL,
    created_at               bigint NOT NULL,
    updated_at               bigint NOT NULL
);
CREATE INDEX problems_neighborhood ON problems (neighborhood, stage, created_at, id);

-- The survey items the problem is about (the assessment compares these).
CREATE TABLE problem_items (
    problem_id text NOT NULL REFERENCES problems (id),
    item       text NOT NULL,
    PRIMARY KEY (problem_id, item)
);

-- The evidence a problem was opened from: kind 'event', 'concern', 'follow-up' or 'flag'.
CREATE TABLE problem_evidence (
    problem_id text NOT NULL REFERENCES problems (id),
    kind       text NOT NULL CHECK (kind IN ('event', 'concern', 'follow-up', 'flag')),
    ref_id     text NOT NULL,
    PRIMARY KEY (problem_id, kind, ref_id)
);
CREATE INDEX problem_evidence_ref ON problem_evidence (kind, ref_id);

CREATE TABLE problem_history (
    id         text PRIMARY KEY,
    problem_id text NOT NULL REFERENCES problems (id),
    from_stage text,
    to_stage   text NOT NULL,
    note       text,
    actor      text NOT NULL,
    at         bigint NOT NULL
);
CREATE INDEX problem_history_item ON problem_history (problem_id, at);

CREATE TABLE problem_actions (
    id         text PRIMARY KEY,
    problem_id text NOT NULL REFERENCES problems (id),
    text       text NOT NULL,
    owner      text NOT NULL,
    due_on     text NOT NULL,
    status     text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    created_by text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    closed_at  bigint
);
CREATE INDEX problem_actions_item ON problem_actions (problem_id, due_on, id);

CREATE TRIGGER problem_history_append_only BEFORE UPDATE OR DELETE ON problem_history FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER problem_history_no_truncate BEFORE TRUNCATE ON problem_history FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
