-- Kvalitet schema: gallring (removal by retention decision) and deliveries to the e-arkiv.
-- Rules say per family (optionally per unit subtree) how many years a record is kept and whether it
-- must reach the e-arkiv first; every change of a rule is a new version. A gallring run removes
-- what is due in batches, each one transaction that first writes the removed records' ledger rows
-- (no content) and their report tallies, then deletes. Deleting a record, its versions or its notes
-- is refused unless a run is in progress AND the record is already in the ledger, so an ordinary
-- DELETE still fails as before.

CREATE TABLE gallringsregler (
    id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9-]*'),
    version         INTEGER NOT NULL CHECK (version >= 1),
    family          TEXT NOT NULL CHECK (family IN ('avvikelse', 'klagomal', 'lex_sarah', 'riskanalys', 'egenkontroll',
                        'tillsynsbeslut')),
    unit_id         TEXT REFERENCES units(id),
    years           INTEGER NOT NULL CHECK (years BETWEEN 0 AND 100),
    basis           TEXT NOT NULL CHECK (basis IN ('closed', 'received')),
    decision        TEXT NOT NULL CHECK (length(decision) BETWEEN 1 AND 200),
    earkiv_required INTEGER NOT NULL CHECK (earkiv_required IN (0, 1)),
    changed_at      TEXT NOT NULL,
    changed_by      TEXT NOT NULL
);
-- One rule per family and unit (or family-wide, unit NULL).
CREATE UNIQUE INDEX gallringsregler_one_per_scope ON gallringsregler(family, IFNULL(unit_id, ''));

-- Every version of every rule, as it was after each change; append-only.
CREATE TABLE gallringsregel_versions (
    id              TEXT NOT NULL REFERENCES gallringsregler(id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    family          TEXT NOT NULL,
    unit_id         TEXT,
    years           INTEGER NOT NULL,
    basis           TEXT NOT NULL,
    decision        TEXT NOT NULL,
    earkiv_required INTEGER NOT NULL,
    changed_at      TEXT NOT NULL,
    changed_by      TEXT NOT NULL,
    PRIMARY KEY (id, version)
) WITHOUT ROWID;
CREATE TRIGGER gallringsregel_versions_append_only_update BEFORE UPDATE ON gallringsregel_versions
BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER gallringsregel_versions_append_only_delete BEFORE DELETE ON gallringsregel_versions
BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER gallringsregler_never_deleted BEFORE DELETE ON gallringsregler
BEGIN SELECT RAISE(ABORT, 'a gallring rule is changed by a new version, never deleted'); END;

-- A package delivered to the e-arkiv, and which record at which version it holds.
CREATE TABLE earkiv_leveranser (
    package_id TEXT PRIMARY KEY CHECK (length(package_id) BETWEEN 1 AND 100),
    made_at    TEXT NOT NULL,
    made_by    TEXT NOT NULL,
    year       INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    families   TEXT NOT NULL,
    records    INTEGER NOT NULL CHECK (records >= 0),
    mets_sha256 TEXT NOT NULL CHECK (length(mets_sha256) = 64)
);
CREATE TABLE earkiv_leverans_records (
    package_id TEXT NOT NULL REFERENCES earkiv_leveranser(package_id),
    record_id  TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    PRIMARY KEY (record_id, package_id)
) WITHOUT ROWID;
CREATE TRIGGER earkiv_leveranser_never_deleted BEFORE DELETE ON earkiv_leveranser
BEGIN SELECT RAISE(ABORT, 'deliveries are never deleted'); END;
CREATE TRIGGER earkiv_leverans_records_never_deleted BEFORE DELETE ON earkiv_leverans_records
BEGIN SELECT RAISE(ABORT, 'deliveries are never deleted'); END;

-- Each removed record: who it was (id, family, units, dates) and the decision; never its content.
-- No foreign key to records: the row outlives the record. Its number is never given again.
CREATE TABLE gallrade_records (
    id           TEXT PRIMARY KEY,
    family       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    units        TEXT NOT NULL,
    primary_date TEXT NOT NULL CHECK (date(primary_date) = primary_date),
    closed_on    TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    version      INTEGER NOT NULL,
    rule_id      TEXT NOT NULL,
    rule_version INTEGER NOT NULL,
    decision     TEXT NOT NULL CHECK (length(decision) BETWEEN 1 AND 200),
    without_earkiv TEXT,
    removed_at   TEXT NOT NULL,
    UNIQUE (family, year, seq)
);
CREATE TRIGGER gallrade_records_append_only_update BEFORE UPDATE ON gallrade_records
BEGIN SELECT RAISE(ABORT, 'the gallring ledger is append-only'); END;
CREATE TRIGGER gallrade_records_append_only_delete BEFORE DELETE ON gallrade_records
BEGIN SELECT RAISE(ABORT, 'the gallring ledger is append-only'); END;
CREATE TRIGGER records_number_never_reused BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM gallrade_records WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this case number belonged to a removed record and is never given again'); END;

-- The report tallies of removed records (ReportTally: metric, the date it counts on, units, key),
-- summed: the running sums keep them, and `kvalitet check` adds them to what it recounts.
CREATE TABLE gallrade_tallies (
    metric TEXT NOT NULL,
    day    TEXT NOT NULL CHECK (date(day) = day),
    units  TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n <> 0),
    PRIMARY KEY (metric, day, units, key)
) WITHOUT ROWID;

-- Present (one row) only inside a gallring batch's transaction, which removes it before committing.
CREATE TABLE gallring_in_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    decision TEXT NOT NULL CHECK (length(decision) BETWEEN 1 AND 200)
);

DROP TRIGGER records_never_deleted;
CREATE TRIGGER records_deleted_only_by_gallring BEFORE DELETE ON records
WHEN NOT EXISTS (SELECT 1 FROM gallring_in_progress) OR NOT EXISTS (SELECT 1 FROM gallrade_records WHERE id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'records are never deleted; void them (only a gallring run removes records)'); END;
DROP TRIGGER record_versions_append_only_delete;
CREATE TRIGGER record_versions_append_only_delete BEFORE DELETE ON record_versions
WHEN NOT EXISTS (SELECT 1 FROM gallring_in_progress)
    OR NOT EXISTS (SELECT 1 FROM gallrade_records WHERE id = OLD.record_id)
BEGIN SELECT RAISE(ABORT, 'record history is append-only'); END;
DROP TRIGGER lex_sarah_notes_append_only_delete;
CREATE TRIGGER lex_sarah_notes_append_only_delete BEFORE DELETE ON lex_sarah_notes
WHEN NOT EXISTS (SELECT 1 FROM gallring_in_progress)
    OR NOT EXISTS (SELECT 1 FROM gallrade_records WHERE id = OLD.record_id)
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are append-only'); END;

-- A removal changes what lists show: the ETag generation moves on.
CREATE TRIGGER generation_records_delete AFTER DELETE ON records BEGIN UPDATE data_generation SET n = n + 1; END;
