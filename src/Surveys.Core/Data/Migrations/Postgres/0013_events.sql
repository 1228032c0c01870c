-- Community meetings and events (issue 14): outreach the department records per neighborhood
-- (or city-wide: neighborhood NULL), the concerns residents raised there, and the event survey.
-- token is the random part of the shared survey link /e/{token}; month is the agency-zone month
-- of starts_at (event figures are kept per event in `aggregates`, scope 'event', key = id).
CREATE TABLE events (
    id           text PRIMARY KEY,
    neighborhood text,
    kind         text NOT NULL CHECK (kind IN ('community-meeting', 'coffee-with-a-cop', 'national-night-out', 'spcp-session', 'school-visit', 'other')),
    title        text NOT NULL,
    starts_at    bigint NOT NULL,
    month        text NOT NULL,
    attendance   integer CHECK (attendance IS NULL OR attendance >= 0),
    token        text NOT NULL UNIQUE,
    created_by   text NOT NULL,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL
);
CREATE INDEX events_neighborhood ON events (neighborhood, starts_at, id);
CREATE INDEX events_month ON events (month, neighborhood);

CREATE TABLE event_concerns (
    id         text PRIMARY KEY,
    event_id   text NOT NULL REFERENCES events (id),
    text       text NOT NULL,
    created_by text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX event_concerns_event ON event_concerns (event_id, created_at);

-- One answer per browser per event: browser_id is a random id from the answer page's cookie,
-- never an address. The unique key makes redelivery and a second submission store nothing.
CREATE TABLE event_responses (
    id           text PRIMARY KEY,
    event_id     text NOT NULL REFERENCES events (id),
    browser_id   text NOT NULL,
    overall      smallint,
    voice        smallint,
    trust        smallint,
    comment      text,
    language     text NOT NULL,
    submitted_at bigint NOT NULL,
    stored_at    bigint NOT NULL,
    UNIQUE (event_id, browser_id)
);

CREATE TRIGGER event_concerns_append_only BEFORE UPDATE OR DELETE ON event_concerns FOR EACH ROW EXECUTE FUNCTION reject_change();
