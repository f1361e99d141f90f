-- Kvalitet schema, version 4: running sums for the kvalitetsberättelse, so that a report adds up a
-- bounded number of sums (units × codes × months) however many records there are.
-- Each record's contribution (its "tallies": see ReportTallies.swift) is added in the transaction
-- that writes the record, at three grains: the year, the month and the day it counts on. A range
-- is then whole years + whole months + single days (ReportRange).

CREATE TABLE report_counts (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    grain  TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    period TEXT NOT NULL CHECK (length(period) = CASE grain WHEN 'y' THEN 4 WHEN 'm' THEN 7 ELSE 10 END),
    units  TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (metric, grain, period, units, key)
) WITHOUT ROWID;

-- Whether report_counts holds every record's tallies. A database that had records before this
-- migration is rebuilt from the records by the service at start-up (it cannot be done in SQL).
CREATE TABLE report_counts_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);
INSERT INTO report_counts_state (id, built) VALUES (1, CASE WHEN EXISTS (SELECT 1 FROM records) THEN 0 ELSE 1 END);

-- A number that grows with every change to what the report shows (records, units, key figures,
-- Kolada values): the report's ETag is derived from it, so an unchanged report is a 304.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

CREATE TRIGGER generation_records_insert AFTER INSERT ON records BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_records_update AFTER UPDATE ON records BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_units_insert AFTER INSERT ON units BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_units_update AFTER UPDATE ON units BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_units_delete AFTER DELETE ON units BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_nyckeltal_insert AFTER INSERT ON nyckeltal BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_nyckeltal_update AFTER UPDATE ON nyckeltal BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_values_insert AFTER INSERT ON nyckeltal_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_values_update AFTER UPDATE ON nyckeltal_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_values_delete AFTER DELETE ON nyckeltal_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_kolada_insert AFTER INSERT ON kolada_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_kolada_update AFTER UPDATE ON kolada_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_kolada_delete AFTER DELETE ON kolada_values BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_kolada_imports AFTER INSERT ON kolada_imports BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_counts_state AFTER UPDATE ON report_counts_state BEGIN UPDATE data_generation SET n = n + 1; END;
