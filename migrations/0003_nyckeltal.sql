-- Kvalitet schema, version 3: key figures (nyckeltal) with their quality levels, measured values,
-- written analyses per period (every version kept), and values imported from Kolada. Numbers the
-- service measures are whole hundredths (INTEGER) so that placing a value in a level is exact.
-- As everywhere: nothing is deleted, versions only grow.

CREATE TABLE nyckeltal (
    code          TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^A-Za-z0-9_-]*'),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kolada_kpi    TEXT,
    version       INTEGER NOT NULL CHECK (version >= 1),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    voided_on     TEXT CHECK (voided_on IS NULL OR date(voided_on) = voided_on),
    voided_reason TEXT,
    voided_by     TEXT,
    -- The whole definition as the store wrote it (levels included).
    body          TEXT NOT NULL CHECK (json_valid(body)),
    CHECK ((voided_on IS NULL) = (voided_reason IS NULL) AND (voided_on IS NULL) = (voided_by IS NULL))
);

CREATE TABLE nyckeltal_versions (
    code       TEXT NOT NULL REFERENCES nyckeltal(code),
    version    INTEGER NOT NULL CHECK (version >= 1),
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'void')),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    request_id TEXT,
    snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (code, version)
) WITHOUT ROWID;

-- One value per key figure, unit (NULL: the whole organisation) and period.
CREATE TABLE nyckeltal_values (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL REFERENCES nyckeltal(code),
    unit_id     TEXT REFERENCES units(id),
    period      TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
    -- Months since year 0 of the period's first and last month: range filters and order.
    first_month INTEGER NOT NULL,
    last_month  INTEGER NOT NULL CHECK (last_month >= first_month),
    hundredths  INTEGER NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE UNIQUE INDEX nyckeltal_values_key ON nyckeltal_values(code, ifnull(unit_id, ''), period);
CREATE INDEX nyckeltal_values_by_month ON nyckeltal_values(code, first_month, unit_id);

-- Every version of every analysis; the current one is the highest version.
CREATE TABLE nyckeltal_analysis_versions (
    code          TEXT NOT NULL REFERENCES nyckeltal(code),
    period        TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
    first_month   INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    current_state TEXT NOT NULL CHECK (length(current_state) <= 20000),
    factors       TEXT NOT NULL CHECK (length(factors) <= 20000),
    measures      TEXT NOT NULL CHECK (length(measures) <= 20000),
    consequences  TEXT NOT NULL CHECK (length(consequences) <= 20000),
    changed_at    TEXT NOT NULL,
    changed_by    TEXT NOT NULL,
    request_id    TEXT,
    PRIMARY KEY (code, period, version)
) WITHOUT ROWID;

-- Kolada's yearly values: a municipality (four digits), a group (G…) or the country (0000).
CREATE TABLE kolada_values (
    kpi          TEXT NOT NULL,
    municipality TEXT NOT NULL CHECK (municipality = '0000' OR municipality GLOB '[0-9][0-9][0-9][0-9]' OR municipality GLOB 'G[0-9]*'),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9998),
    value        REAL NOT NULL,
    fetched_at   TEXT NOT NULL,
    PRIMARY KEY (kpi, municipality, year)
) WITHOUT ROWID;

-- Which municipality and group an import was for: the report compares with the latest import's.
CREATE TABLE kolada_imports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kpi          TEXT NOT NULL,
    municipality TEXT NOT NULL,
    group_id     TEXT,
    years        TEXT NOT NULL,
    stored       INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL
);
CREATE INDEX kolada_imports_by_kpi ON kolada_imports(kpi, id);

CREATE TRIGGER nyckeltal_never_deleted BEFORE DELETE ON nyckeltal
BEGIN SELECT RAISE(ABORT, 'key figures are voided, never deleted'); END;
CREATE TRIGGER nyckeltal_versions_append_only_update BEFORE UPDATE ON nyckeltal_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER nyckeltal_versions_append_only_delete BEFORE DELETE ON nyckeltal_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER nyckeltal_values_never_deleted BEFORE DELETE ON nyckeltal_values
BEGIN SELECT RAISE(ABORT, 'key-figure values are replaced, never deleted'); END;
CREATE TRIGGER nyckeltal_analyses_append_only_update BEFORE UPDATE ON nyckeltal_analysis_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER nyckeltal_analyses_append_only_delete BEFORE DELETE ON nyckeltal_analysis_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER kolada_imports_append_only_delete BEFORE DELETE ON kolada_imports
BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
