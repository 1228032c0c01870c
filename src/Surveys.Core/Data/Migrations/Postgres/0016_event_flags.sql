-- Event comments pass the same flag rules as survey comments (docs/events.md), so a flag may
-- point at an event answer instead of a survey response: exactly one of the two is set. The IA
-- queue and the lieutenants' queue stay one table, one workflow, one audit trail; an event flag
-- has no officers (event answers are never about an officer) and, for a city-wide event, the
-- neighborhood '' (no lieutenant's queue shows it; chiefs, admins and IA do).
ALTER TABLE flags ALTER COLUMN response_id DROP NOT NULL;
ALTER TABLE flags ADD COLUMN event_response_id text REFERENCES event_responses (id);
ALTER TABLE flags ADD CONSTRAINT flags_one_source CHECK ((response_id IS NULL) <> (event_response_id IS NULL));
ALTER TABLE flags ADD CONSTRAINT flags_event_response_id_queue_key UNIQUE (event_response_id, queue);
