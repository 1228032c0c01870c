-- A report quotes a resident only after a person approved the words (issue 10): automatic
-- redaction misses names and spelled-out numbers. The worker queues a consented comment for
-- review in the transaction that stores it, unless it raised an IA flag: an allegation is for
-- internal affairs only, never a review queue or a report. quote is the reviewer's text (the
-- redacted suggestion, edited), set only while approved; the resident's comment stays in
-- responses, untouched. neighborhood, month and stored_at are copied so the report's read is
-- one index range (at most five entries) whatever the month's volume.
CREATE TABLE comment_reviews (
    response_id  text PRIMARY KEY REFERENCES responses (id),
    neighborhood text NOT NULL,
    month        text NOT NULL,
    stored_at    bigint NOT NULL,
    status       text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    quote        text,
    decided_by   text,
    decided_at   bigint,
    created_at   bigint NOT NULL,
    CHECK ((status = 'approved') = (quote IS NOT NULL))
);
CREATE INDEX comment_reviews_status ON comment_reviews (status, created_at, response_id);
CREATE INDEX comment_reviews_quoted ON comment_reviews (neighborhood, month, stored_at) WHERE status = 'approved';

-- Comments already stored wait for review like new ones; none is quoted until approved.
INSERT INTO comment_reviews (response_id, neighborhood, month, stored_at, status, created_at)
SELECT r.id, r.neighborhood, r.month, r.stored_at, 'pending', r.stored_at FROM responses r
WHERE r.share_comment AND NOT r.wants_complaint AND r.comment IS NOT NULL AND TRIM(r.comment) <> ''
  AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.response_id = r.id AND f.queue = 'ia');

-- The report no longer reads responses for comments (0004's index served that read).
DROP INDEX responses_shared_comments;
