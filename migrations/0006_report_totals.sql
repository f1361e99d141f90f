-- Kvalitet schema, version 6: the report's running sums for the whole organisation.
-- A report for the whole organisation added up every unit's sums of a metric (GROUP BY key over
-- units × codes × months, and one row per IVO case and unit); report_totals keeps the same sums
-- without the unit, changed in the same transaction as report_counts, for the metrics that the
-- report reads without a unit breakdown (ReportMetric.hasTotals). A scoped report still reads
-- report_counts: a unit's figures need its own sums.

CREATE TABLE report_totals (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    grain  TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    period TEXT NOT NULL CHECK (length(period) = CASE grain WHEN 'y' THEN 4 WHEN 'm' THEN 7 ELSE 10 END),
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (metric, grain, period, key)
) WITHOUT ROWID;

-- Supervision is counted per case now ("ts.case", "ts.case.deficient": a case is a row, so the
-- organisation's distinct cases are a row count) instead of per decision and case ("ts.decision").
DELETE FROM report_counts WHERE metric = 'ts.decision';

-- A database with records gets its totals and case sums from the records at the next start-up.
UPDATE report_counts_state SET built = 0 WHERE EXISTS (SELECT 1 FROM records);
