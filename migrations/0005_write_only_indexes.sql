-- Kvalitet schema, version 5: drop the indexes nothing reads any more.
-- The family fact tables were indexed for the report's GROUP BYs (schema 1–3). Since schema 4 the
-- report adds up running sums (report_counts, and report_totals from schema 6). The one other
-- query on a fact table, the lex Sarah `?overdue=` list filter, looks its row up by record_id (the
-- primary key) inside a per-record EXISTS, so it never used lex_sarah_investigation_due either.
-- Every write paid for up to six index updates (twice on a change: INSERT OR REPLACE deletes and
-- inserts) that no reader used. The tables themselves stay: their CHECKs still guard each family's
-- invariants and they are the place for ad-hoc SQL (a full scan of one family is fine there).
-- `ReportQueryPlanTests` pins that the report reads only its sums; `MigrationTests` that the fact
-- tables keep no index beyond their keys.

DROP INDEX avvikelse_by_received;
DROP INDEX avvikelse_by_closed;
DROP INDEX root_causes_by_code;
DROP INDEX klagomal_by_received;
DROP INDEX klagomal_by_closed;
DROP INDEX lex_sarah_by_reported;
DROP INDEX lex_sarah_by_closed;
DROP INDEX lex_sarah_by_committee;
DROP INDEX lex_sarah_by_ivo;
DROP INDEX lex_sarah_by_completed;
DROP INDEX lex_sarah_investigation_due;
DROP INDEX riskanalys_by_performed;
DROP INDEX riskanalys_risks_by_level;
DROP INDEX egenkontroll_by_performed;
DROP INDEX tillsynsbeslut_by_decided;
