PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO schema_migrations VALUES(1,'initial','2026-11-30T22:47:38.105Z');
INSERT INTO schema_migrations VALUES(2,'record_families','2026-11-30T22:47:38.110Z');
INSERT INTO schema_migrations VALUES(3,'nyckeltal','2026-11-30T22:47:38.112Z');
INSERT INTO schema_migrations VALUES(4,'report_counts','2026-11-30T22:47:38.114Z');
INSERT INTO schema_migrations VALUES(5,'write_only_indexes','2026-11-30T22:47:38.115Z');
INSERT INTO schema_migrations VALUES(6,'report_totals','2026-11-30T22:47:38.116Z');
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
INSERT INTO units VALUES('ifo','Individ- och familjeomsorg','forvaltning',NULL,'Barn och unga',NULL,NULL,'2026-11-30T22:47:45.217Z','2026-11-30T22:47:45.217Z');
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
INSERT INTO records VALUES('AVV-2025-0001','avvikelse',2025,1,'inkommen','Journalanteckning saknades','journalanteckning saknades','dokumentation','2025-03-02',1,'2026-11-30T22:47:45.233Z','admin','2026-11-30T22:47:45.233Z',NULL,NULL,NULL,'{"createdAt":1796078865233.516,"createdBy":"admin","fields":{"category":"dokumentation","description":"","lagrum":"sol","measures":[],"receivedOn":"2025-03-02","rootCauses":[],"title":"Journalanteckning saknades","unitId":"ifo"},"id":"AVV-2025-0001","status":"inkommen","updatedAt":1796078865233.516,"version":1}');
CREATE TABLE record_units (
    record_id TEXT NOT NULL REFERENCES records(id),
    unit_id   TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (record_id, unit_id)
) WITHOUT ROWID;
INSERT INTO record_units VALUES('AVV-2025-0001','ifo');
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
INSERT INTO avvikelse_facts VALUES('AVV-2025-0001','ifo','2025-03-02',NULL,'dokumentation','sol','inkommen',NULL,0);
CREATE TABLE record_root_causes (
    record_id TEXT NOT NULL REFERENCES records(id),
    code      TEXT NOT NULL CHECK (code IN ('rutin_ej_foljd', 'rutin_saknas_eller_otydlig', 'kunskap_saknas', 'arbetsmiljo',
                  'arbetsledning', 'samverkan_kommunikation', 'teknik_verksamhetssystem', 'lokaler', 'ovrigt')),
    PRIMARY KEY (record_id, code)
) WITHOUT ROWID;
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
INSERT INTO record_versions VALUES('AVV-2025-0001',1,'create','2026-11-30T22:47:45.233Z','admin','6090db3dd60b41a159742d2cac8754a8','{"createdAt":1796078865233.516,"createdBy":"admin","fields":{"category":"dokumentation","description":"","lagrum":"sol","measures":[],"receivedOn":"2025-03-02","rootCauses":[],"title":"Journalanteckning saknades","unitId":"ifo"},"id":"AVV-2025-0001","status":"inkommen","updatedAt":1796078865233.516,"version":1}');
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    token_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    record_id  TEXT,
    request_id TEXT,
    detail     TEXT
);
INSERT INTO audit_log VALUES(1,'2026-11-30T22:47:38.188Z','kvalitet-cli','token_create',NULL,NULL,'token vardagen, role kvalitet');
INSERT INTO audit_log VALUES(2,'2026-11-30T22:47:42.164Z','kvalitet-cli','token_create',NULL,NULL,'token admin, role admin');
INSERT INTO audit_log VALUES(3,'2026-11-30T22:47:45.217Z','admin','unit_put',NULL,'6090db3dd60b41a159742d2cac8754a7','unit ifo created');
INSERT INTO audit_log VALUES(4,'2026-11-30T22:47:45.233Z','admin','create','AVV-2025-0001','6090db3dd60b41a159742d2cac8754a8','version 1, status inkommen');
CREATE TABLE tokens (
    name       TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-zA-Z0-9._-]*'),
    hash       BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'kvalitet', 'rapportor', 'lasare')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
INSERT INTO tokens VALUES('vardagen',X'28bda6b530df266ea31762f11bce712ef4fc135e0795bca21b5b5892364ae9d1','kvalitet','2026-11-30T22:47:38.188Z',NULL);
INSERT INTO tokens VALUES('admin',X'd1b3b2a45fbc69a73904c3f21655abe251753285186d5efa9dbcdd3cbfcd14dc','admin','2026-11-30T22:47:42.164Z',NULL);
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
CREATE TABLE klagomal_facts (
    record_id       TEXT PRIMARY KEY REFERENCES records(id),
    unit_id         TEXT NOT NULL REFERENCES units(id),
    received_on     TEXT NOT NULL CHECK (date(received_on) = received_on),
    source          TEXT NOT NULL CHECK (source IN ('utomstaende', 'personal')),
    submitter       TEXT NOT NULL CHECK (submitter IN ('brukare', 'narstaende', 'vardgivare', 'annan_utforare', 'myndighet',
                        'forening_organisation', 'personal', 'anonym')),
    type            TEXT NOT NULL CHECK (type IN ('klagomal', 'synpunkt', 'berom')),
    subject         TEXT NOT NULL CHECK (subject IN ('bemotande', 'beslut', 'handlaggning', 'tillganglighet', 'insats',
                        'boendemiljo', 'information', 'ovrigt')),
    status          TEXT NOT NULL CHECK (status IN ('inkommen', 'under_utredning', 'avslutad')),
    acknowledged_on TEXT CHECK (acknowledged_on IS NULL OR (date(acknowledged_on) = acknowledged_on AND acknowledged_on >= received_on)),
    responded_on    TEXT CHECK (responded_on IS NULL OR (date(responded_on) = responded_on AND responded_on >= received_on)),
    closed_on       TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= received_on)),
    outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('avvikelse_konstaterad', 'ingen_avvikelse')),
    voided          INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK (status <> 'avslutad' OR (closed_on IS NOT NULL AND outcome IS NOT NULL)),
    CHECK (submitter <> 'anonym' OR responded_on IS NULL),
    CHECK ((source = 'personal') = (submitter = 'personal'))
);
CREATE TABLE lex_sarah_facts (
    record_id               TEXT PRIMARY KEY REFERENCES records(id),
    unit_id                 TEXT NOT NULL REFERENCES units(id),
    reported_on             TEXT NOT NULL CHECK (date(reported_on) = reported_on),
    occurred_on             TEXT CHECK (occurred_on IS NULL OR (date(occurred_on) = occurred_on AND occurred_on <= reported_on)),
    reporter_role           TEXT NOT NULL CHECK (reporter_role IN ('anstalld', 'uppdragstagare', 'praktikant',
                                'deltagare_arbetsmarknadsprogram')),
    category                TEXT NOT NULL CHECK (category IN ('handlaggning', 'dokumentation', 'handlingar', 'utforande_av_insats',
                                'lokaler', 'sekretess', 'bemotande', 'tillganglighet', 'ovrigt')),
    status                  TEXT NOT NULL CHECK (status IN ('rapporterad', 'under_utredning', 'bedomd', 'avslutad')),
    started_on              TEXT CHECK (started_on IS NULL OR date(started_on) = started_on),
    completed_on            TEXT CHECK (completed_on IS NULL OR (date(completed_on) = completed_on AND completed_on >= reported_on)),
    assessment              TEXT CHECK (assessment IS NULL OR assessment IN ('ej_missforhallande', 'pataglig_risk_for_missforhallande',
                                'missforhallande', 'pataglig_risk_for_allvarligt_missforhallande', 'allvarligt_missforhallande')),
    serious                 INTEGER NOT NULL CHECK (serious = (assessment IN ('pataglig_risk_for_allvarligt_missforhallande',
                                'allvarligt_missforhallande'))),
    committee_decided_on    TEXT CHECK (committee_decided_on IS NULL OR date(committee_decided_on) = committee_decided_on),
    ivo_reported_on         TEXT CHECK (ivo_reported_on IS NULL OR (date(ivo_reported_on) = ivo_reported_on AND ivo_reported_on >= reported_on)),
    ivo_channel             TEXT CHECK (ivo_channel IS NULL OR ivo_channel IN ('e_tjanst', 'post')),
    investigation_sent_on   TEXT CHECK (investigation_sent_on IS NULL OR (date(investigation_sent_on) = investigation_sent_on
                                AND investigation_sent_on >= ivo_reported_on)),
    -- ivo_reported_on + 2 months while the investigation is unsent, computed by the domain (month-end
    -- clamping differs from SQLite's date modifiers), so "overdue" is one indexed comparison.
    investigation_to_ivo_by TEXT CHECK (investigation_to_ivo_by IS NULL OR (date(investigation_to_ivo_by) = investigation_to_ivo_by
                                AND ivo_reported_on IS NOT NULL AND investigation_sent_on IS NULL)),
    closed_on               TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= reported_on)),
    voided                  INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK ((ivo_reported_on IS NULL) = (ivo_channel IS NULL)),
    CHECK (ivo_reported_on IS NULL OR assessment IS NULL OR serious = 1),
    CHECK (status NOT IN ('bedomd', 'avslutad') OR (assessment IS NOT NULL AND completed_on IS NOT NULL)),
    CHECK (status <> 'avslutad' OR closed_on IS NOT NULL)
);
CREATE TABLE lex_sarah_notes (
    record_id     TEXT NOT NULL REFERENCES records(id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    documented_on TEXT NOT NULL CHECK (date(documented_on) = documented_on),
    source        TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    kind          TEXT NOT NULL CHECK (kind IN ('faktum', 'bedomning')),
    author_name   TEXT NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
    author_title  TEXT NOT NULL CHECK (length(author_title) BETWEEN 1 AND 200),
    text          TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    PRIMARY KEY (record_id, number)
) WITHOUT ROWID;
CREATE TABLE riskanalys_facts (
    record_id    TEXT PRIMARY KEY REFERENCES records(id),
    planned_on   TEXT CHECK (planned_on IS NULL OR date(planned_on) = planned_on),
    performed_on TEXT CHECK (performed_on IS NULL OR date(performed_on) = performed_on),
    status       TEXT NOT NULL CHECK (status IN ('planerad', 'pagaende', 'genomford', 'uppfoljd')),
    trigger      TEXT NOT NULL CHECK (trigger IN ('forandring_organisation', 'nytt_arbetssatt', 'personalforandring', 'avvikelser',
                     'egenkontroll', 'namndbeslut', 'ovrigt')),
    documented   INTEGER NOT NULL CHECK (documented IN (0, 1)),
    risk_count   INTEGER NOT NULL CHECK (risk_count >= 0),
    voided       INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK (planned_on IS NOT NULL OR performed_on IS NOT NULL),
    CHECK (status NOT IN ('genomford', 'uppfoljd') OR (performed_on IS NOT NULL AND risk_count >= 1))
);
CREATE TABLE riskanalys_risks (
    record_id             TEXT NOT NULL REFERENCES records(id),
    position              INTEGER NOT NULL CHECK (position >= 0),
    probability           INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 4),
    consequence           INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 4),
    risk_value            INTEGER NOT NULL CHECK (risk_value = probability * consequence),
    level                 TEXT NOT NULL CHECK (level IN ('lag', 'mattlig', 'hog', 'mycket_hog')),
    residual_probability  INTEGER CHECK (residual_probability IS NULL OR residual_probability BETWEEN 1 AND 4),
    residual_consequence  INTEGER CHECK (residual_consequence IS NULL OR residual_consequence BETWEEN 1 AND 4),
    CHECK ((residual_probability IS NULL) = (residual_consequence IS NULL)),
    PRIMARY KEY (record_id, position)
) WITHOUT ROWID;
CREATE TABLE egenkontroll_facts (
    record_id          TEXT PRIMARY KEY REFERENCES records(id),
    planned_on         TEXT CHECK (planned_on IS NULL OR date(planned_on) = planned_on),
    performed_on       TEXT CHECK (performed_on IS NULL OR date(performed_on) = performed_on),
    status             TEXT NOT NULL CHECK (status IN ('planerad', 'pagaende', 'genomford')),
    area               TEXT NOT NULL CHECK (area IN ('enskildas_upplevelser', 'handlaggning_dokumentation', 'samhallsvard', 'boende',
                           'loggkontroll', 'utbetalningar', 'ovrigt')),
    method             TEXT NOT NULL CHECK (method IN ('brukarundersokning', 'aktgranskning', 'tjanstegenomgang', 'loggkontroll',
                           'statistikuppfoljning', 'intervju_enkat', 'ovrigt')),
    period_from        TEXT CHECK (period_from IS NULL OR date(period_from) = period_from),
    period_to          TEXT CHECK (period_to IS NULL OR (date(period_to) = period_to AND period_to >= period_from)),
    documented         INTEGER NOT NULL CHECK (documented IN (0, 1)),
    deficiencies_found INTEGER NOT NULL CHECK (deficiencies_found IN (0, 1)),
    survey_offered     INTEGER CHECK (survey_offered IS NULL OR survey_offered >= 0),
    survey_responses   INTEGER CHECK (survey_responses IS NULL OR (survey_responses >= 0 AND survey_responses <= survey_offered)),
    voided             INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK (planned_on IS NOT NULL OR performed_on IS NOT NULL),
    CHECK ((survey_offered IS NULL) = (survey_responses IS NULL)),
    CHECK (survey_offered IS NULL OR method = 'brukarundersokning'),
    CHECK (status <> 'genomford' OR performed_on IS NOT NULL)
);
CREATE TABLE tillsynsbeslut_facts (
    record_id          TEXT PRIMARY KEY REFERENCES records(id),
    authority          TEXT NOT NULL CHECK (authority IN ('ivo', 'jo', 'jk')),
    case_number        TEXT NOT NULL CHECK (length(case_number) BETWEEN 1 AND 100),
    decided_on         TEXT NOT NULL CHECK (date(decided_on) = decided_on),
    subject            TEXT NOT NULL CHECK (subject IN ('tillsyn_myndighetsutovning', 'tillsyn_hvb_stodboende', 'lex_sarah',
                           'ej_verkstallda_beslut', 'klagomal', 'ovrigt')),
    status             TEXT NOT NULL CHECK (status IN ('oppet', 'avslutat')),
    deficiencies_found INTEGER NOT NULL CHECK (deficiencies_found IN (0, 1)),
    voided             INTEGER NOT NULL CHECK (voided IN (0, 1))
);
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
CREATE TABLE kolada_values (
    kpi          TEXT NOT NULL,
    municipality TEXT NOT NULL CHECK (municipality = '0000' OR municipality GLOB '[0-9][0-9][0-9][0-9]' OR municipality GLOB 'G[0-9]*'),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9998),
    value        REAL NOT NULL,
    fetched_at   TEXT NOT NULL,
    PRIMARY KEY (kpi, municipality, year)
) WITHOUT ROWID;
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
CREATE TABLE report_counts (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    grain  TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    period TEXT NOT NULL CHECK (length(period) = CASE grain WHEN 'y' THEN 4 WHEN 'm' THEN 7 ELSE 10 END),
    units  TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (metric, grain, period, units, key)
) WITHOUT ROWID;
INSERT INTO report_counts VALUES('avv.received','y','2025','ifo','',1);
CREATE TABLE report_counts_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);
INSERT INTO report_counts_state VALUES(1,1);
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation VALUES(1,2);
CREATE TABLE report_totals (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    grain  TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    period TEXT NOT NULL CHECK (length(period) = CASE grain WHEN 'y' THEN 4 WHEN 'm' THEN 7 ELSE 10 END),
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (metric, grain, period, key)
) WITHOUT ROWID;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('audit_log',4);
CREATE INDEX units_by_parent ON units(parent_id);
CREATE INDEX records_by_family_date ON records(family, primary_date);
CREATE INDEX records_by_family_status ON records(family, status);
CREATE INDEX records_by_creator ON records(created_by, family);
CREATE INDEX record_units_by_unit ON record_units(unit_id, record_id);
CREATE INDEX audit_by_record ON audit_log(record_id, id);
CREATE INDEX audit_by_token ON audit_log(token_name, id);
CREATE INDEX audit_by_time ON audit_log(at);
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
CREATE TRIGGER lex_sarah_notes_append_only_update BEFORE UPDATE ON lex_sarah_notes
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are append-only'); END;
CREATE TRIGGER lex_sarah_notes_append_only_delete BEFORE DELETE ON lex_sarah_notes
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are append-only'); END;
CREATE TRIGGER lex_sarah_notes_in_order BEFORE INSERT ON lex_sarah_notes
WHEN NEW.number <> (SELECT COUNT(*) + 1 FROM lex_sarah_notes WHERE record_id = NEW.record_id)
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are numbered in order without gaps'); END;
CREATE UNIQUE INDEX nyckeltal_values_key ON nyckeltal_values(code, ifnull(unit_id, ''), period);
CREATE INDEX nyckeltal_values_by_month ON nyckeltal_values(code, first_month, unit_id);
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
COMMIT;
