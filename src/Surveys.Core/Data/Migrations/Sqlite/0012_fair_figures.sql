-- SQLite dialect of 0012: the same SQL as the PostgreSQL file (see it for the commentary).
--
-- The backfill recounts from the tables of record and replaces (not adds to) any row already
-- there: a new API instance that counted an invitation into a new scope before this ran is
-- counted once. A write committed while this statement runs can still be missed (one count in a
-- deployment window): apply it (`SurveyWorker -- migrate`) before starting the new API.

-- Invitations and responses per officer × contact type, and per language city-wide, per
-- neighborhood and per officer. "WHERE 1 = 1" keeps SQLite's parser from reading ON CONFLICT as
-- part of the SELECT.
INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at)
SELECT scope, scope_key, month, SUM(invitation), SUM(response), MAX(expires_at)
FROM (
    SELECT 'officer-type' AS scope, co.badge || '/' || c.contact_type AS scope_key, c.month, 1 AS invitation, 0 AS response, c.expires_at
    FROM contacts c JOIN contact_officers co ON co.contact_id = c.id WHERE c.status = 'invited'
    UNION ALL
    SELECT 'officer-language', co.badge || '/' || c.language, c.month, 1, 0, c.expires_at
    FROM contacts c JOIN contact_officers co ON co.contact_id = c.id WHERE c.status = 'invited'
    UNION ALL
    SELECT 'neighborhood-language', c.neighborhood || '/' || c.language, c.month, 1, 0, c.expires_at FROM contacts c WHERE c.status = 'invited'
    UNION ALL
    SELECT 'city-language', c.language, c.month, 1, 0, c.expires_at FROM contacts c WHERE c.status = 'invited'
    UNION ALL
    SELECT 'officer-type', co.badge || '/' || r.contact_type, r.month, 0, 1, 0
    FROM responses r JOIN contact_officers co ON co.contact_id = r.contact_id
    UNION ALL
    SELECT 'officer-language', co.badge || '/' || c.language, r.month, 0, 1, 0
    FROM responses r JOIN contacts c ON c.id = r.contact_id JOIN contact_officers co ON co.contact_id = r.contact_id
    UNION ALL
    SELECT 'neighborhood-language', r.neighborhood || '/' || c.language, r.month, 0, 1, 0 FROM responses r JOIN contacts c ON c.id = r.contact_id
    UNION ALL
    SELECT 'city-language', c.language, r.month, 0, 1, 0 FROM responses r JOIN contacts c ON c.id = r.contact_id
) counted
WHERE 1 = 1
GROUP BY scope, scope_key, month
ON CONFLICT (scope, scope_key, month) DO UPDATE SET
    invitations = excluded.invitations, responses = excluded.responses, max_expires_at = excluded.max_expires_at;

-- Item sums per officer × contact type, one row per item answered (the worker's own arithmetic).
INSERT INTO aggregates (scope, scope_key, month, item, n, total, total_sq, positives, c1, c2, c3, c4, c5)
SELECT 'officer-type', co.badge || '/' || a.contact_type, a.month, a.item, COUNT(*), SUM(a.v), SUM(a.v * a.v),
       SUM(CASE WHEN a.v >= 4 THEN 1 ELSE 0 END), SUM(CASE WHEN a.v = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN a.v = 2 THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.v = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN a.v = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN a.v = 5 THEN 1 ELSE 0 END)
FROM (
    SELECT contact_id, contact_type, month, 'overall' AS item, overall AS v FROM responses
    UNION ALL SELECT contact_id, contact_type, month, 'respect', respect FROM responses
    UNION ALL SELECT contact_id, contact_type, month, 'voice', voice FROM responses
    UNION ALL SELECT contact_id, contact_type, month, 'fairness', fairness FROM responses
    UNION ALL SELECT contact_id, contact_type, month, 'explanation', explanation FROM responses
    UNION ALL SELECT contact_id, contact_type, month, 'trust', trust FROM responses
) a
JOIN contact_officers co ON co.contact_id = a.contact_id
WHERE a.v IS NOT NULL
GROUP BY co.badge, a.contact_type, a.month, a.item
ON CONFLICT (scope, scope_key, month, item) DO UPDATE SET
    n = excluded.n, total = excluded.total, total_sq = excluded.total_sq, positives = excluded.positives,
    c1 = excluded.c1, c2 = excluded.c2, c3 = excluded.c3, c4 = excluded.c4, c5 = excluded.c5;
-- Officer adjustment reads every officer's overall answers over a window of months: a partial
-- index keeps that read off the other items' and scopes' rows (one more index row per officer and
-- response, written only for this item and scope).
CREATE INDEX aggregates_officer_type_overall ON aggregates (month, scope_key) WHERE scope = 'officer-type' AND item = 'overall';
