-- A claim (submitted_at) is final only once the broker confirmed its message (queued_at). An API
-- killed between the claim and the confirm leaves submitted_at without queued_at: once older than
-- the publish timeout plus a margin, such a claim counts as free again (Submission.cs), so the
-- resident is never told "already answered" for an answer that was never queued.
ALTER TABLE contacts ADD COLUMN queued_at bigint;
-- Claims made before this column existed: final where the answer is stored. Any other (queued, not
-- yet stored, or stranded) may be claimed again after the margin; the worker's unique key on the
-- token keeps one answer if both arrive.
UPDATE contacts SET queued_at = submitted_at
WHERE submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM responses r WHERE r.token_id = contacts.token_id);
