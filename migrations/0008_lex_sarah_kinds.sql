-- Kvalitet schema, version 8: lex Sarah reports get their own kodverk of missförhållanden
-- (LexSarahKind, list lexSarahMissforhallande), one or more kinds per report, instead of a single
-- category from the avvikelse list. The kinds live in lex_sarah_kinds, one row per report and kind.
--
-- Each stored report's category becomes one kind (LexSarahKind.replacing(_:) is the same table;
-- LexSarahKindMigrationTests holds the two equal):
--   handlaggning        -> brister_i_handlaggning        (Brister i handläggning och rättssäkerhet)
--   handlingar          -> brister_i_handlaggning        (documents mishandled are handläggning)
--   dokumentation       -> brister_i_dokumentation
--   utforande_av_insats -> insats_utford_felaktigt       (the old list could not tell "not carried out"
--                                                         from "carried out wrongly"; correct by PATCH)
--   lokaler             -> brister_i_miljo_och_utrustning (Brister i fysisk miljö, utrustning och teknik)
--   sekretess           -> rojd_sekretess
--   bemotande           -> brister_i_bemotande
--   tillganglighet      -> ovrigt                        (no kind of its own)
--   ovrigt              -> ovrigt
-- records.body (the current version) is rewritten with `kinds` and without `category`; the history
-- (record_versions, append-only) keeps `category`, and reading an old version maps it the same way.
-- records.category is NULL for lex Sarah: the `category` list filter looks in lex_sarah_kinds.

CREATE TABLE lex_sarah_kinds (
    record_id TEXT NOT NULL REFERENCES records(id),
    kind      TEXT NOT NULL CHECK (kind IN ('overgrepp_fysiskt', 'overgrepp_psykiskt', 'overgrepp_sexuellt',
                  'overgrepp_ekonomiskt', 'brister_i_bemotande', 'insats_inte_utford', 'insats_utford_felaktigt',
                  'brister_i_handlaggning', 'rojd_sekretess', 'brister_i_dokumentation', 'brister_i_tillsyn_och_omsorg',
                  'brister_i_samverkan', 'brister_i_miljo_och_utrustning', 'ovrigt')),
    PRIMARY KEY (record_id, kind)
) WITHOUT ROWID;

UPDATE records SET category = NULL, body = json_set(json_remove(body, '$.fields.category'), '$.fields.kinds',
    json_array(CASE json_extract(body, '$.fields.category')
        WHEN 'handlaggning' THEN 'brister_i_handlaggning'
        WHEN 'handlingar' THEN 'brister_i_handlaggning'
        WHEN 'dokumentation' THEN 'brister_i_dokumentation'
        WHEN 'utforande_av_insats' THEN 'insats_utford_felaktigt'
        WHEN 'lokaler' THEN 'brister_i_miljo_och_utrustning'
        WHEN 'sekretess' THEN 'rojd_sekretess'
        WHEN 'bemotande' THEN 'brister_i_bemotande'
        WHEN 'tillganglighet' THEN 'ovrigt'
        WHEN 'ovrigt' THEN 'ovrigt'
    END))
WHERE family = 'lex_sarah' AND json_extract(body, '$.fields.kinds') IS NULL;

-- A category outside the list would have become a NULL kind: the CHECK and NOT NULL refuse it here,
-- so the migration stops rather than lose a report's classification.
INSERT INTO lex_sarah_kinds (record_id, kind)
SELECT r.id, k.value FROM records r, json_each(r.body, '$.fields.kinds') k WHERE r.family = 'lex_sarah';

-- lex_sarah_facts without its NOT NULL category: SQLite's table rebuild (create, copy, drop, rename),
-- with every other column, CHECK and foreign key as schema 2 made them. Schema 5 dropped its indexes
-- (the report reads running sums) and nothing references the table, so foreign keys stay on.
CREATE TABLE lex_sarah_facts_v8 (
    record_id               TEXT PRIMARY KEY REFERENCES records(id),
    unit_id                 TEXT NOT NULL REFERENCES units(id),
    reported_on             TEXT NOT NULL CHECK (date(reported_on) = reported_on),
    occurred_on             TEXT CHECK (occurred_on IS NULL OR (date(occurred_on) = occurred_on AND occurred_on <= reported_on)),
    reporter_role           TEXT NOT NULL CHECK (reporter_role IN ('anstalld', 'uppdragstagare', 'praktikant',
                                'deltagare_arbetsmarknadsprogram')),
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
    -- ivo_reported_on + the local follow-up routine's months while the investigation is unsent,
    -- computed by the domain, so "overdue" is one comparison.
    investigation_to_ivo_by TEXT CHECK (investigation_to_ivo_by IS NULL OR (date(investigation_to_ivo_by) = investigation_to_ivo_by
                                AND ivo_reported_on IS NOT NULL AND investigation_sent_on IS NULL)),
    closed_on               TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= reported_on)),
    voided                  INTEGER NOT NULL CHECK (voided IN (0, 1)),
    CHECK ((ivo_reported_on IS NULL) = (ivo_channel IS NULL)),
    CHECK (ivo_reported_on IS NULL OR assessment IS NULL OR serious = 1),
    CHECK (status NOT IN ('bedomd', 'avslutad') OR (assessment IS NOT NULL AND completed_on IS NOT NULL)),
    CHECK (status <> 'avslutad' OR closed_on IS NOT NULL)
);
INSERT INTO lex_sarah_facts_v8 (record_id, unit_id, reported_on, occurred_on, reporter_role, status, started_on,
    completed_on, assessment, serious, committee_decided_on, ivo_reported_on, ivo_channel, investigation_sent_on,
    investigation_to_ivo_by, closed_on, voided)
SELECT record_id, unit_id, reported_on, occurred_on, reporter_role, status, started_on, completed_on, assessment,
    serious, committee_decided_on, ivo_reported_on, ivo_channel, investigation_sent_on, investigation_to_ivo_by,
    closed_on, voided
FROM lex_sarah_facts;
DROP TABLE lex_sarah_facts;
ALTER TABLE lex_sarah_facts_v8 RENAME TO lex_sarah_facts;

-- The report counted committee-treated reports by category and assessment ("ls.treated"); it now
-- counts them by assessment, and once in each kind ("ls.treated.kind"). With lex Sarah reports
-- stored, the service rebuilds every running sum from the records at its next start.
UPDATE report_counts_state SET built = 0 WHERE EXISTS (SELECT 1 FROM records WHERE family = 'lex_sarah');
