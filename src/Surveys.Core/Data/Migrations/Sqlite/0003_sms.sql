-- SQLite dialect of 0003 (see the PostgreSQL file for the commentary).
ALTER TABLE contacts ADD COLUMN sms_status TEXT;
ALTER TABLE contacts ADD COLUMN sms_mode TEXT;
ALTER TABLE contacts ADD COLUMN sms_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN sms_attempted_at INTEGER;
ALTER TABLE contacts ADD COLUMN sms_next_at INTEGER;
ALTER TABLE contacts ADD COLUMN sms_claimed_by TEXT;
ALTER TABLE contacts ADD COLUMN sms_claimed_until INTEGER;
ALTER TABLE contacts ADD COLUMN sms_sid TEXT;
ALTER TABLE contacts ADD COLUMN sms_sent_at INTEGER;
ALTER TABLE contacts ADD COLUMN sms_delivery TEXT;
ALTER TABLE contacts ADD COLUMN sms_delivery_at INTEGER;
ALTER TABLE contacts ADD COLUMN sms_error TEXT;

CREATE INDEX contacts_sms_pending ON contacts (occurred_at) WHERE status = 'invited' AND (sms_status IS NULL OR sms_status = 'retry');
CREATE INDEX contacts_sms_sending ON contacts (sms_claimed_until) WHERE sms_status = 'sending';
CREATE INDEX contacts_sms_attempted ON contacts (sms_attempted_at);
CREATE UNIQUE INDEX contacts_sms_sid ON contacts (sms_sid);
CREATE INDEX contacts_phone_retained ON contacts (expires_at) WHERE phone_enc IS NOT NULL;

CREATE TABLE sms_events (
    id          TEXT PRIMARY KEY,
    contact_id  TEXT NOT NULL REFERENCES contacts (id),
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    message_sid TEXT,
    worker      TEXT,
    detail      TEXT
);
CREATE INDEX sms_events_contact ON sms_events (contact_id, at);

CREATE TABLE sms_outbox (
    sid        TEXT PRIMARY KEY,
    to_hash    TEXT NOT NULL,
    to_enc     TEXT,
    body       TEXT NOT NULL,
    encoding   TEXT NOT NULL,
    segments   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sms_outbox_retained ON sms_outbox (created_at) WHERE to_enc IS NOT NULL;

CREATE TABLE sms_inbound (
    message_sid TEXT PRIMARY KEY,
    phone_hash  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    received_at INTEGER NOT NULL
);

CREATE TABLE sms_conversations (
    contact_id TEXT PRIMARY KEY REFERENCES contacts (id),
    phone_hash TEXT NOT NULL,
    step       TEXT NOT NULL,
    state      TEXT NOT NULL,
    overall    INTEGER,
    respect    INTEGER,
    comment    TEXT,
    clarified  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX sms_conversations_phone ON sms_conversations (phone_hash, state);
CREATE INDEX sms_conversations_state ON sms_conversations (state, updated_at);
