-- Embedded mode's durable queue (issue 9). The API writes an answer here in the same transaction
-- as its token's claim, before the 202; the in-process drain stores it and deletes the row in one
-- transaction. A crash at any point leaves both or neither, and a restart drains what is left.
-- Server mode queues in RabbitMQ and leaves this table empty.
CREATE TABLE queued_responses (
    receipt_id TEXT PRIMARY KEY,
    -- The SurveyResponseSubmitted message as JSON: the same body the broker would carry.
    body       TEXT NOT NULL,
    queued_at  BIGINT NOT NULL,
    -- Set instead of deleting when the answer can never be stored (kept for the operator, not dropped).
    rejected   TEXT
);
CREATE INDEX queued_responses_pending ON queued_responses (queued_at) WHERE rejected IS NULL;
