-- Contacts recorded after their month stopped taking invitations ('late', see Finality) are
-- listed in the report of the month they arrived in: a range read over these rows only, which
-- stay few, whatever the size of the contacts table.
CREATE INDEX contacts_late ON contacts (created_at) WHERE status = 'late';
