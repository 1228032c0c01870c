-- Console sessions live on the server: the cookie carries only the session id, so signing out
-- (or "sign out everywhere") ends the session for every copy of the cookie. ended_at is set once;
-- last_seen_at moves at most once a minute and bounds the idle timeout server-side too.
CREATE TABLE staff_sessions (
    id           text PRIMARY KEY,
    user_id      text NOT NULL REFERENCES users (id),
    created_at   bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    ended_at     bigint
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id) WHERE ended_at IS NULL;

-- ASP.NET Data Protection's key ring (console cookies, antiforgery), shared by every API
-- process on this database. Each key's XML is stored encrypted (AES-GCM, key derived from
-- Surveys:Keys:TokenMac), never in clear.
CREATE TABLE data_protection_keys (
    name       text PRIMARY KEY,
    xml        text NOT NULL,
    created_at bigint NOT NULL
);
