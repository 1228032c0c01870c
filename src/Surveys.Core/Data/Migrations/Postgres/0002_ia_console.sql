-- Flags (internal affairs queue and lieutenants' follow-up items), commendations, the append-only
-- audit log, staff accounts and database-stored API keys. Instants are Unix milliseconds.

-- One flag per response and queue: 'ia' (complaint, allegation) or 'lieutenant' (low rating,
-- follow-up requested). A flag never changes its response; its reasons say which rule raised it.
CREATE TABLE flags (
    id            text PRIMARY KEY,
    response_id   text NOT NULL REFERENCES responses (id),
    queue         text NOT NULL CHECK (queue IN ('ia', 'lieutenant')),
    neighborhood  text NOT NULL,
    month         text NOT NULL,
    status        text NOT NULL,
    status_reason text,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    UNIQUE (response_id, queue)
);
CREATE INDEX flags_queue_status ON flags (queue, status, created_at);
CREATE INDEX flags_queue_neighborhood ON flags (queue, neighborhood, created_at);

-- rule is versioned ('allegation@1 en:2026.1'); detail holds the matched categories, never text.
CREATE TABLE flag_reasons (
    flag_id text NOT NULL REFERENCES flags (id),
    reason  text NOT NULL,
    rule    text NOT NULL,
    detail  text,
    PRIMARY KEY (flag_id, reason)
);

CREATE TABLE flag_notes (
    id         text PRIMARY KEY,
    flag_id    text NOT NULL REFERENCES flags (id),
    author     text NOT NULL,
    text       text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX flag_notes_flag ON flag_notes (flag_id, created_at);

CREATE TABLE flag_history (
    id          text PRIMARY KEY,
    flag_id     text NOT NULL REFERENCES flags (id),
    from_status text NOT NULL,
    to_status   text NOT NULL,
    reason      text NOT NULL,
    actor       text NOT NULL,
    at          bigint NOT NULL
);
CREATE INDEX flag_history_flag ON flag_history (flag_id, at);

-- A resident's strong praise, on the record of each officer of the contact.
CREATE TABLE commendations (
    response_id  text NOT NULL REFERENCES responses (id),
    badge        text NOT NULL REFERENCES officers (badge),
    neighborhood text NOT NULL,
    month        text NOT NULL,
    rule         text NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (response_id, badge)
);
CREATE INDEX commendations_badge ON commendations (badge, created_at);

-- Who did what, when, from where, with what outcome. Never updated, never deleted (triggers below).
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         bigint NOT NULL,
    actor      text NOT NULL,
    actor_kind text NOT NULL,
    action     text NOT NULL,
    target     text,
    outcome    text NOT NULL,
    ip         text,
    detail     text
);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_target ON audit_log (target, id);

-- Triggers fire for every role, owner and superuser included; the grants below also keep a
-- non-owner application role (see docs/ia-and-console.md) from even trying.
CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER flag_notes_append_only BEFORE UPDATE OR DELETE ON flag_notes FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER flag_notes_no_truncate BEFORE TRUNCATE ON flag_notes FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER flag_history_append_only BEFORE UPDATE OR DELETE ON flag_history FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER flag_history_no_truncate BEFORE TRUNCATE ON flag_history FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, flag_notes, flag_history FROM PUBLIC;

-- Local staff accounts for the console. username is stored lower-case; roles space-separated.
CREATE TABLE users (
    id             text PRIMARY KEY,
    username       text NOT NULL UNIQUE,
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    roles          text NOT NULL,
    active         boolean NOT NULL,
    failed_count   integer NOT NULL DEFAULT 0,
    locked_until   bigint,
    -- Changes with roles, password or deactivation: open sessions of the old stamp end.
    security_stamp text NOT NULL,
    last_sign_in   bigint,
    created_at     bigint NOT NULL,
    updated_at     bigint NOT NULL
);

-- API keys created by administrators (besides the configured ones). Only a SHA-256 digest is kept.
CREATE TABLE api_keys (
    id         text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    key_hash   text NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    roles      text NOT NULL,
    created_by text NOT NULL,
    created_at bigint NOT NULL,
    revoked_by text,
    revoked_at bigint
);
