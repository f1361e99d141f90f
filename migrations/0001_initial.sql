-- Kvalitet schema, version 1: organisation, records (kvalitetsavvikelser first), history, audit,
-- tokens and idempotency keys. SQLite enforces what it can: CHECKs on every code and date order,
-- foreign keys, and triggers that make history and the audit log append-only and records undeletable.

CREATE TABLE units (
    id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    level       TEXT NOT NULL CHECK (level IN ('forvaltning', 'avdelning', 'sektion', 'verksamhet')),
    parent_id   TEXT REFERENCES units(id) ON DELETE RESTRICT CHECK (parent_id IS NULL OR parent_id <> id),
    area        TEXT CHECK (area IS NULL OR length(area) BETWEEN 1 AND 100),
    opened_on   TEXT CHECK (opened_on IS NULL OR date(opened_on) = opened_on),
    closed_on   TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (opened_on IS NULL OR closed_on IS NULL OR opened_on <= closed_on)
);
CREATE INDEX units_by_parent ON units(parent_id);

-- One row per record of every family; `body` is the whole record as the stores wrote it, the other
-- columns are what lists filter and sort on.
CREATE TABLE records (
    id            TEXT PRIMARY KEY,
    family        TEXT NOT NULL CHECK (family IN ('avvikelse', 'klagomal', 'lex_sarah', 'riskanalys', 'egenkontroll', 'tillsynsbeslut')),
    year          INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    status        TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_folded  TEXT NOT NULL,
    category      TEXT,
    primary_date  TEXT NOT NULL CHECK (date(primary_date) = primary_date),
    version       INTEGER NOT NULL CHECK (version >= 1),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    voided_on     TEXT CHECK (voided_on IS NULL OR date(voided_on) = voided_on),
    voided_reason TEXT,
    voided_by     TEXT,
    body          TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (family, year, seq),
    CHECK ((voided_on IS NULL) = (voided_reason IS NULL) AND (voided_on IS NULL) = (voided_by IS NULL))
);
CREATE INDEX records_by_family_date ON records(family, primary_date);
CREATE INDEX records_by_family_status ON records(family, status);
CREATE INDEX records_by_creator ON records(created_by, family);

CREATE TABLE record_units (
    record_id TEXT NOT NULL REFERENCES records(id),
    unit_id   TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (record_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX record_units_by_unit ON record_units(unit_id, record_id);

CREATE TABLE avvikelse_facts (
    record_id   TEXT PRIMARY KEY REFERENCES records(id),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    received_on TEXT NOT NULL CHECK (date(received_on) = received_on),
    occurred_on TEXT CHECK (occurred_on IS NULL OR (date(occurred_on) = occurred_on AND occurred_on <= received_on)),
    category    TEXT NOT NULL CHECK (category IN ('handlaggning', 'dokumentation', 'handlingar', 'utforande_av_insats',
                    'lokaler', 'sekretess', 'bemotande', 'tillganglighet', 'ovrigt')),
    lagrum      TEXT NOT NULL CHECK (lagrum IN ('sol', 'lss', 'hsl')),
    status      TEXT NOT NULL CHECK (status IN ('inkommen', 'under_utredning', 'avslutad')),
    closed_on   TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= received_on)),
    voided      INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK (status <> 'avslutad' OR closed_on IS NOT NULL)
);
-- The yearly counts: received per year and unit, closed per period.
CREATE INDEX avvikelse_by_received ON avvikelse_facts(voided, received_on, unit_id, category);
CREATE INDEX avvikelse_by_closed ON avvikelse_facts(voided, closed_on, unit_id, category);

CREATE TABLE record_root_causes (
    record_id TEXT NOT NULL REFERENCES records(id),
    code      TEXT NOT NULL CHECK (code IN ('rutin_ej_foljd', 'rutin_saknas_eller_otydlig', 'kunskap_saknas', 'arbetsmiljo',
                  'arbetsledning', 'samverkan_kommunikation', 'teknik_verksamhetssystem', 'lokaler', 'ovrigt')),
    PRIMARY KEY (record_id, code)
) WITHOUT ROWID;
CREATE INDEX root_causes_by_code ON record_root_causes(code, record_id);

-- Every version of every record, as it was after each change.
CREATE TABLE record_versions (
    record_id  TEXT NOT NULL REFERENCES records(id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'transition', 'void')),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    request_id TEXT,
    snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (record_id, version)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    token_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    record_id  TEXT,
    request_id TEXT,
    detail     TEXT
);
CREATE INDEX audit_by_record ON audit_log(record_id, id);
CREATE INDEX audit_by_token ON audit_log(token_name, id);
CREATE INDEX audit_by_time ON audit_log(at);

CREATE TABLE tokens (
    name       TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-zA-Z0-9._-]*'),
    hash       BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'kvalitet', 'rapportor', 'lasare')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE token_units (
    token_name TEXT NOT NULL REFERENCES tokens(name),
    unit_id    TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (token_name, unit_id)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    token_name   TEXT NOT NULL,
    key          TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    family       TEXT NOT NULL,
    request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
    record_id    TEXT NOT NULL REFERENCES records(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (token_name, key)
) WITHOUT ROWID;

-- Nothing is deleted by the service: records are voided, history and the audit log only grow.
CREATE TRIGGER records_never_deleted BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'records are never deleted; void them'); END;
CREATE TRIGGER record_versions_append_only_update BEFORE UPDATE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record history is append-only'); END;
CREATE TRIGGER record_versions_append_only_delete BEFORE DELETE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record history is append-only'); END;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
