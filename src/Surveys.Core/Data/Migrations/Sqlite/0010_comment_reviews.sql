-- SQLite dialect of 0010 (see the PostgreSQL file for the commentary). Instants are Unix
-- milliseconds; booleans are 0/1 INTEGERs.
CREATE TABLE comment_reviews (
    response_id  TEXT PRIMARY KEY REFERENCES responses (id),
    neighborhood TEXT NOT NULL,
    month        TEXT NOT NULL,
    stored_at    INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    quote        TEXT,
    decided_by   TEXT,
    decided_at   INTEGER,
    created_at   INTEGER NOT NULL,
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
