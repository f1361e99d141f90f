-- Kvalitet schema: every statistik metric is summed by day and month as well as by year, so that a
-- dashboard can ask for monthly and quarterly series of each (GET /api/v1/statistik). The sums of
-- received, reported, closed lex Sarah, IVO reports, risk analyses, egenkontroller and supervision
-- decisions were kept by year only; the binary now keeps all three grains for them. The sums are
-- rebuilt from the records (and the removed records' tallies) at the next start.

UPDATE report_counts_state SET built = 0
WHERE EXISTS (SELECT 1 FROM records) OR EXISTS (SELECT 1 FROM gallrade_tallies);
