-- Follow-up requests (issue 12): a resident who asked to be contacted is tracked to closure.
-- The worker opens one per stored response with wants_follow_up, in the transaction that stores
-- it (unique response_id: redelivery and concurrent workers open nothing twice), unless the
-- response raised an IA flag. It replaces the lieutenant's 'follow-up' flag. month is the
-- opening month in the agency's zone (figures count requests opened in a month); due_at is the
-- agency's wall clock plus Surveys:FollowUp:Due. contacted_at is when a person first reached the
-- resident; a request closed 'unreachable' or 'declined' never counts as contacted.
CREATE TABLE follow_ups (
    id           text PRIMARY KEY,
    response_id  text NOT NULL UNIQUE REFERENCES responses (id),
    contact_id   text NOT NULL REFERENCES contacts (id),
    neighborhood text NOT NULL,
    month        text NOT NULL,
    status       text NOT NULL CHECK (status IN ('open', 'contacted', 'closed')),
    outcome      text CHECK (outcome IN ('resolved', 'referred', 'unreachable', 'declined')),
    created_at   bigint NOT NULL,
    due_at       bigint NOT NULL,
    contacted_at bigint,
    closed_at    bigint,
    updated_at   bigint NOT NULL,
    CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX follow_ups_queue ON follow_ups (neighborhood, status, due_at, id);
CREATE INDEX follow_ups_due ON follow_ups (status, due_at, id);
CREATE INDEX follow_ups_month ON follow_ups (month, neighborhood);

CREATE TABLE follow_up_notes (
    id           text PRIMARY KEY,
    follow_up_id text NOT NULL REFERENCES follow_ups (id),
    author       text NOT NULL,
    text         text NOT NULL,
    created_at   bigint NOT NULL
);
CREATE INDEX follow_up_notes_item ON follow_up_notes (follow_up_id, created_at);

CREATE TABLE follow_up_history (
    id           text PRIMARY KEY,
    follow_up_id text NOT NULL REFERENCES follow_ups (id),
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    outcome      text,
    note         text,
    actor        text NOT NULL,
    at           bigint NOT NULL
);
CREATE INDEX follow_up_history_item ON follow_up_history (follow_up_id, at);

-- The resident's texts: at most one 'opened' and one 'closed' per request (the key), sent by the
-- SMS scheduler outside quiet hours with the invitations' rules: claimed atomically, an
-- interrupted send becomes 'unknown' and is never resent.
CREATE TABLE follow_up_texts (
    follow_up_id  text NOT NULL REFERENCES follow_ups (id),
    kind          text NOT NULL CHECK (kind IN ('opened', 'closed')),
    status        text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed', 'unknown')),
    attempts      integer NOT NULL DEFAULT 0,
    next_at       bigint,
    claimed_by    text,
    claimed_until bigint,
    sid           text,
    error         text,
    created_at    bigint NOT NULL,
    sent_at       bigint,
    PRIMARY KEY (follow_up_id, kind)
);
CREATE INDEX follow_up_texts_pending ON follow_up_texts (created_at) WHERE status = 'pending';
CREATE INDEX follow_up_texts_sending ON follow_up_texts (claimed_until) WHERE status = 'sending';

-- Notes and history are append-only, like the flags' (reject_change from 0002).
CREATE TRIGGER follow_up_notes_append_only BEFORE UPDATE OR DELETE ON follow_up_notes FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER follow_up_notes_no_truncate BEFORE TRUNCATE ON follow_up_notes FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER follow_up_history_append_only BEFORE UPDATE OR DELETE ON follow_up_history FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER follow_up_history_no_truncate BEFORE TRUNCATE ON follow_up_history FOR EACH STATEMENT EXECUTE FUNCTION reject_change();

-- Lieutenant 'follow-up' flags not yet closed become follow-up requests (due three days after the
-- flag, the default), so nothing a resident asked for is left behind in the old queue.
INSERT INTO follow_ups (id, response_id, contact_id, neighborhood, month, status, created_at, due_at, updated_at)
SELECT f.id, f.response_id, r.contact_id, f.neighborhood, f.month, 'open', f.created_at, f.created_at + 259200000, f.created_at
FROM flags f JOIN flag_reasons fr ON fr.flag_id = f.id AND fr.reason = 'follow-up' JOIN responses r ON r.id = f.response_id
WHERE f.queue = 'lieutenant' AND f.status <> 'closed'
  AND NOT EXISTS (SELECT 1 FROM flags i WHERE i.response_id = f.response_id AND i.queue = 'ia');
