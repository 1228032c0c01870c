-- Instants are Unix milliseconds (bigint) in every dialect, so one SQL text and one C# type
-- serve SQLite, PostgreSQL and any dialect added later. Months are 'YYYY-MM' in the agency's zone.
CREATE TABLE neighborhoods (
    code       text PRIMARY KEY,
    name       text NOT NULL,
    lieutenant text,
    updated_at bigint NOT NULL
);

-- Unrostered badges seen on contacts are recorded (rostered = false) so no feedback is dropped.
CREATE TABLE officers (
    badge      text PRIMARY KEY,
    name       text,
    unit       text,
    active     boolean NOT NULL DEFAULT true,
    rostered   boolean NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE contacts (
    id           text PRIMARY KEY,
    external_id  text NOT NULL UNIQUE,
    occurred_at  bigint NOT NULL,
    month        text NOT NULL,
    neighborhood text NOT NULL REFERENCES neighborhoods (code),
    contact_type text NOT NULL,
    language     text NOT NULL,
    status       text NOT NULL,
    phone_hash   text NOT NULL,
    phone_enc    text,
    token_id     text UNIQUE,
    expires_at   bigint,
    -- Set by the API when it claims the token for a submission (single use).
    submitted_at bigint,
    receipt_id   text,
    created_at   bigint NOT NULL
);
CREATE INDEX contacts_phone_hash ON contacts (phone_hash, created_at);
CREATE INDEX contacts_month ON contacts (month);

CREATE TABLE contact_officers (
    contact_id text NOT NULL REFERENCES contacts (id),
    badge      text NOT NULL REFERENCES officers (badge),
    PRIMARY KEY (contact_id, badge)
);

CREATE TABLE opt_outs (
    phone_hash text PRIMARY KEY,
    created_at bigint NOT NULL
);

-- Immutable: a response is inserted once (unique token_id) and never updated.
CREATE TABLE responses (
    id              text PRIMARY KEY,
    token_id        text NOT NULL UNIQUE,
    contact_id      text NOT NULL REFERENCES contacts (id),
    month           text NOT NULL,
    neighborhood    text NOT NULL,
    contact_type    text NOT NULL,
    overall         smallint NOT NULL,
    respect         smallint,
    voice           smallint,
    fairness        smallint,
    explanation     smallint,
    trust           smallint,
    comment         text,
    wants_complaint boolean NOT NULL,
    wants_follow_up boolean NOT NULL,
    share_comment   boolean NOT NULL,
    channel         text NOT NULL,
    submitted_at    bigint NOT NULL,
    stored_at       bigint NOT NULL
);
CREATE INDEX responses_scope_month ON responses (neighborhood, month);

-- Monthly sums per scope (city, neighborhood, officer, neighborhood-type, city-type) and item:
-- every figure is computed from these, so a figure costs the same for 50 or 500,000 responses.
CREATE TABLE aggregates (
    scope     text NOT NULL,
    scope_key text NOT NULL,
    month     text NOT NULL,
    item      text NOT NULL,
    n         bigint NOT NULL,
    total     bigint NOT NULL,
    total_sq  bigint NOT NULL,
    positives bigint NOT NULL,
    c1 bigint NOT NULL, c2 bigint NOT NULL, c3 bigint NOT NULL, c4 bigint NOT NULL, c5 bigint NOT NULL,
    PRIMARY KEY (scope, scope_key, month, item)
);

CREATE TABLE monthly_counts (
    scope          text NOT NULL,
    scope_key      text NOT NULL,
    month          text NOT NULL,
    invitations    bigint NOT NULL,
    responses      bigint NOT NULL,
    max_expires_at bigint NOT NULL,
    PRIMARY KEY (scope, scope_key, month)
);
