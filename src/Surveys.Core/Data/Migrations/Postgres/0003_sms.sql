-- SMS invitations, opt-outs and reply-by-text surveys (issue 5). Each contact carries its own
-- dispatch state: sms_status is NULL until its first send, then
--   sending  claimed by one worker (sms_claimed_by/_until) for one attempt
--   sent     the provider accepted it (sms_sid); sms_delivery follows the provider's callbacks
--   retry    the provider certainly did not take it; tried again at sms_next_at
--   failed   refused for good, or out of attempts
--   unknown  the attempt's outcome is unknown (timeout, worker died mid-send): never resent
--   skipped  not sent: too old, opted out, or answered before it went out
ALTER TABLE contacts ADD COLUMN sms_status text;
ALTER TABLE contacts ADD COLUMN sms_mode text;
ALTER TABLE contacts ADD COLUMN sms_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN sms_attempted_at bigint;
ALTER TABLE contacts ADD COLUMN sms_next_at bigint;
ALTER TABLE contacts ADD COLUMN sms_claimed_by text;
ALTER TABLE contacts ADD COLUMN sms_claimed_until bigint;
ALTER TABLE contacts ADD COLUMN sms_sid text;
ALTER TABLE contacts ADD COLUMN sms_sent_at bigint;
ALTER TABLE contacts ADD COLUMN sms_delivery text;
ALTER TABLE contacts ADD COLUMN sms_delivery_at bigint;
ALTER TABLE contacts ADD COLUMN sms_error text;

-- Partial indexes keep the scheduler's scans to the few rows still in play; the queries repeat
-- these predicates word for word so both PostgreSQL and SQLite use them.
CREATE INDEX contacts_sms_pending ON contacts (occurred_at) WHERE status = 'invited' AND (sms_status IS NULL OR sms_status = 'retry');
CREATE INDEX contacts_sms_sending ON contacts (sms_claimed_until) WHERE sms_status = 'sending';
CREATE INDEX contacts_sms_attempted ON contacts (sms_attempted_at);
CREATE UNIQUE INDEX contacts_sms_sid ON contacts (sms_sid);
CREATE INDEX contacts_phone_retained ON contacts (expires_at) WHERE phone_enc IS NOT NULL;

-- Every attempt, failure, skip and provider status, per contact (ids and codes, no numbers or text).
CREATE TABLE sms_events (
    id          text PRIMARY KEY,
    contact_id  text NOT NULL REFERENCES contacts (id),
    at          bigint NOT NULL,
    kind        text NOT NULL,
    message_sid text,
    worker      text,
    detail      text
);
CREATE INDEX sms_events_contact ON sms_events (contact_id, at);

-- The Outbox provider's messages. The body holds the survey link, so the number is encrypted
-- as on contacts and erased on the same schedule.
CREATE TABLE sms_outbox (
    sid        text PRIMARY KEY,
    to_hash    text NOT NULL,
    to_enc     text,
    body       text NOT NULL,
    encoding   text NOT NULL,
    segments   integer NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX sms_outbox_retained ON sms_outbox (created_at) WHERE to_enc IS NOT NULL;

-- Inbound texts already handled, by the provider's MessageSid: a replayed webhook changes nothing.
CREATE TABLE sms_inbound (
    message_sid text PRIMARY KEY,
    phone_hash  text NOT NULL,
    kind        text NOT NULL,
    received_at bigint NOT NULL
);

-- A reply-by-text survey in progress: answers wait here until the sequence ends, then go
-- through the same queue as web answers; the comment is cleared once submitted.
CREATE TABLE sms_conversations (
    contact_id text PRIMARY KEY REFERENCES contacts (id),
    phone_hash text NOT NULL,
    step       text NOT NULL,
    state      text NOT NULL,
    overall    smallint,
    respect    smallint,
    comment    text,
    clarified  boolean NOT NULL,
    updated_at bigint NOT NULL
);
CREATE INDEX sms_conversations_phone ON sms_conversations (phone_hash, state);
CREATE INDEX sms_conversations_state ON sms_conversations (state, updated_at);
