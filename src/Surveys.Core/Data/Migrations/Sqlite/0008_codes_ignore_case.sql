-- Neighborhood codes and badges are unique ignoring case: "n1" and "N1" are one neighborhood,
-- "b12" and "B12" one officer, so a case variant can neither split a lieutenant's figures nor
-- create a second roster entry. Codes are ASCII (Validation.Code), so lower() is exact in both
-- dialects. The API resolves a case variant to the stored spelling, and these indexes serve that
-- lookup. A database that already holds case variants stops here: merge them first
-- (docs/operations.md, "Codes that differ only in case").
CREATE UNIQUE INDEX neighborhoods_code_ignore_case ON neighborhoods (lower(code));
CREATE UNIQUE INDEX officers_badge_ignore_case ON officers (lower(badge));
