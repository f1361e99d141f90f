-- Kvalitet schema, version 2: the other five record families' facts (klagomål, lex Sarah,
-- riskanalyser, egenkontroller, tillsynsbeslut). Each facts table holds the typed, CHECK-constrained
-- columns the yearly kvalitetsberättelse counts, indexed for those counts; `records.body` stays the
-- whole record. Lex Sarah notes are also kept in an append-only table guarded like the audit log.

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
-- Received per year, source and unit; closed per analysis period by subject, outcome and submitter.
CREATE INDEX klagomal_by_received ON klagomal_facts(voided, received_on, source, unit_id);
CREATE INDEX klagomal_by_closed ON klagomal_facts(voided, closed_on, subject, outcome, submitter);

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
CREATE INDEX lex_sarah_by_reported ON lex_sarah_facts(voided, reported_on, unit_id, category);
CREATE INDEX lex_sarah_by_closed ON lex_sarah_facts(voided, closed_on, reported_on);
CREATE INDEX lex_sarah_by_committee ON lex_sarah_facts(voided, committee_decided_on, assessment, category);
CREATE INDEX lex_sarah_by_ivo ON lex_sarah_facts(voided, ivo_reported_on);
CREATE INDEX lex_sarah_by_completed ON lex_sarah_facts(voided, completed_on);
CREATE INDEX lex_sarah_investigation_due ON lex_sarah_facts(investigation_to_ivo_by) WHERE investigation_to_ivo_by IS NOT NULL;

-- The investigation's documentation: appended, never changed or removed (SOSFS 2011:5).
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
CREATE TRIGGER lex_sarah_notes_append_only_update BEFORE UPDATE ON lex_sarah_notes
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are append-only'); END;
CREATE TRIGGER lex_sarah_notes_append_only_delete BEFORE DELETE ON lex_sarah_notes
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are append-only'); END;
-- Notes are numbered 1, 2, 3 … without gaps, so a missing one would show.
CREATE TRIGGER lex_sarah_notes_in_order BEFORE INSERT ON lex_sarah_notes
WHEN NEW.number <> (SELECT COUNT(*) + 1 FROM lex_sarah_notes WHERE record_id = NEW.record_id)
BEGIN SELECT RAISE(ABORT, 'lex Sarah notes are numbered in order without gaps'); END;

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
CREATE INDEX riskanalys_by_performed ON riskanalys_facts(voided, performed_on, status, trigger, documented);

-- Each risk of an analysis, rewritten with it. `level` follows the configured thresholds: the
-- server re-levels these rows at start-up when KVALITET_RISK_LEVELS changes.
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
CREATE INDEX riskanalys_risks_by_level ON riskanalys_risks(level, record_id);

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
CREATE INDEX egenkontroll_by_performed ON egenkontroll_facts(voided, performed_on, status, area, method);

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
-- Decisions, distinct cases and cases with deficiencies per authority and year.
CREATE INDEX tillsynsbeslut_by_decided ON tillsynsbeslut_facts(voided, decided_on, authority, case_number, deficiencies_found);
