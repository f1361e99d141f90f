PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('0001_initial');
INSERT INTO grdb_migrations VALUES('0002_record_families');
INSERT INTO grdb_migrations VALUES('0003_nyckeltal');
INSERT INTO grdb_migrations VALUES('0004_report_counts');
INSERT INTO grdb_migrations VALUES('0005_write_only_indexes');
INSERT INTO grdb_migrations VALUES('0006_report_totals');
INSERT INTO grdb_migrations VALUES('0007_identity');
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
INSERT INTO units VALUES('ifo','Individ- och familjeomsorg','forvaltning',NULL,'Barn och unga',NULL,NULL,'2026-12-01T01:36:22.398Z','2026-12-01T01:36:22.398Z');
INSERT INTO units VALUES('ifo-utredning','Utredning barn','avdelning','ifo',NULL,NULL,NULL,'2026-12-01T01:36:22.415Z','2026-12-01T01:36:22.415Z');
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
INSERT INTO records VALUES('AVV-2025-0001','avvikelse',2025,1,'inkommen','Journalanteckning saknades','journalanteckning saknades','dokumentation','2025-03-02',1,'2026-12-01T01:36:22.426Z','admin','2026-12-01T01:36:22.426Z',NULL,NULL,NULL,'{"createdAt":1796088982426.3687,"createdBy":"admin","fields":{"category":"dokumentation","description":"","lagrum":"sol","measures":[],"receivedOn":"2025-03-02","rootCauses":[],"title":"Journalanteckning saknades","unitId":"ifo-utredning"},"id":"AVV-2025-0001","status":"inkommen","updatedAt":1796088982426.3687,"version":1}');
INSERT INTO records VALUES('LXS-2025-0001','lex_sarah',2025,1,'avslutad','Rapport om handlaggning','rapport om handlaggning','handlaggning','2025-03-02',7,'2026-12-01T01:36:22.438Z','admin','2026-12-01T01:36:22.677Z',NULL,NULL,NULL,'{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","closedOn":"2025-05-07","committeeDecidedOn":"2025-05-06","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"assessment":"missforhallande","completedOn":"2025-04-10","investigator":"Eva Ek","motivation":"Fördröjt beslut","startedOn":"2025-03-03"},"measures":[],"notes":[{"addedAt":1796088982622.809,"addedBy":"admin","authorName":"Eva Ek","authorTitle":"Utredare","documentedOn":"2025-03-04","kind":"faktum","number":1,"source":"Intervju med enhetschef","text":"Ansökan låg obehandlad i tre veckor"}],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":["rutin_ej_foljd"],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"avslutad","updatedAt":1796088982677.2705,"version":7}');
INSERT INTO records VALUES('LXS-2025-0002','lex_sarah',2025,2,'rapporterad','Rapport om dokumentation','rapport om dokumentation','dokumentation','2025-03-03',1,'2026-12-01T01:36:22.455Z','admin','2026-12-01T01:36:22.455Z',NULL,NULL,NULL,'{"createdAt":1796088982455.3022,"createdBy":"admin","fields":{"category":"dokumentation","description":"","measures":[],"notes":[],"reportedOn":"2025-03-03","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om dokumentation","unitId":"ifo-utredning"},"id":"LXS-2025-0002","status":"rapporterad","updatedAt":1796088982455.3022,"version":1}');
INSERT INTO records VALUES('LXS-2025-0003','lex_sarah',2025,3,'rapporterad','Rapport om handlingar','rapport om handlingar','handlingar','2025-03-04',1,'2026-12-01T01:36:22.468Z','admin','2026-12-01T01:36:22.468Z',NULL,NULL,NULL,'{"createdAt":1796088982468.703,"createdBy":"admin","fields":{"category":"handlingar","description":"","measures":[],"notes":[],"reportedOn":"2025-03-04","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlingar","unitId":"ifo-utredning"},"id":"LXS-2025-0003","status":"rapporterad","updatedAt":1796088982468.703,"version":1}');
INSERT INTO records VALUES('LXS-2025-0004','lex_sarah',2025,4,'bedomd','Rapport om utforande_av_insats','rapport om utforande_av_insats','utforande_av_insats','2025-03-05',5,'2026-12-01T01:36:22.483Z','admin','2026-12-01T01:36:22.722Z',NULL,NULL,NULL,'{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","committeeDecidedOn":"2025-05-06","description":"","investigation":{"assessment":"allvarligt_missforhallande","completedOn":"2025-04-20","investigator":"Eva Ek","motivation":"Utan tillsyn i två timmar","startedOn":"2025-03-06"},"ivo":{"caseNumber":"3.5.1-4711\/2025","channel":"e_tjanst","investigationSentOn":"2025-04-22","reportedOn":"2025-03-07"},"measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":["kunskap_saknas","arbetsledning"],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"bedomd","updatedAt":1796088982722.4993,"version":5}');
INSERT INTO records VALUES('LXS-2025-0005','lex_sarah',2025,5,'rapporterad','Rapport om lokaler','rapport om lokaler','lokaler','2025-03-06',1,'2026-12-01T01:36:22.493Z','admin','2026-12-01T01:36:22.493Z',NULL,NULL,NULL,'{"createdAt":1796088982493.0847,"createdBy":"admin","fields":{"category":"lokaler","description":"","measures":[],"notes":[],"reportedOn":"2025-03-06","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om lokaler","unitId":"ifo-utredning"},"id":"LXS-2025-0005","status":"rapporterad","updatedAt":1796088982493.0847,"version":1}');
INSERT INTO records VALUES('LXS-2025-0006','lex_sarah',2025,6,'bedomd','Rapport om sekretess','rapport om sekretess','sekretess','2025-03-07',4,'2026-12-01T01:36:22.505Z','admin','2026-12-01T01:36:22.778Z',NULL,NULL,NULL,'{"createdAt":1796088982505.0288,"createdBy":"admin","fields":{"category":"sekretess","committeeDecidedOn":"2025-04-15","description":"","investigation":{"assessment":"pataglig_risk_for_missforhallande","completedOn":"2025-04-01","investigator":"Eva Ek","motivation":"Brev till fel adress","startedOn":"2025-03-08"},"measures":[],"notes":[],"reportedOn":"2025-03-07","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om sekretess","unitId":"ifo-utredning"},"id":"LXS-2025-0006","status":"bedomd","updatedAt":1796088982778.3677,"version":4}');
INSERT INTO records VALUES('LXS-2025-0007','lex_sarah',2025,7,'rapporterad','Rapport om bemotande','rapport om bemotande','bemotande','2025-03-08',1,'2026-12-01T01:36:22.524Z','admin','2026-12-01T01:36:22.524Z',NULL,NULL,NULL,'{"createdAt":1796088982524.4507,"createdBy":"admin","fields":{"category":"bemotande","description":"","measures":[],"notes":[],"reportedOn":"2025-03-08","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om bemotande","unitId":"ifo-utredning"},"id":"LXS-2025-0007","status":"rapporterad","updatedAt":1796088982524.4507,"version":1}');
INSERT INTO records VALUES('LXS-2025-0008','lex_sarah',2025,8,'rapporterad','Rapport om tillganglighet','rapport om tillganglighet','tillganglighet','2025-03-09',1,'2026-12-01T01:36:22.545Z','admin','2026-12-01T01:36:22.545Z',NULL,NULL,NULL,'{"createdAt":1796088982545.6133,"createdBy":"admin","fields":{"category":"tillganglighet","description":"","measures":[],"notes":[],"reportedOn":"2025-03-09","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om tillganglighet","unitId":"ifo-utredning"},"id":"LXS-2025-0008","status":"rapporterad","updatedAt":1796088982545.6133,"version":1}');
INSERT INTO records VALUES('LXS-2025-0009','lex_sarah',2025,9,'rapporterad','Rapport om ovrigt','rapport om ovrigt','ovrigt','2025-03-10',2,'2026-12-01T01:36:22.573Z','admin','2026-12-01T01:36:22.789Z','2026-12-01','dubblett','admin','{"createdAt":1796088982573.2202,"createdBy":"admin","fields":{"category":"ovrigt","description":"","measures":[],"notes":[],"reportedOn":"2025-03-10","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om ovrigt","unitId":"ifo-utredning"},"id":"LXS-2025-0009","status":"rapporterad","updatedAt":1796088982789.7205,"version":2,"voided":{"by":"admin","on":"2026-12-01","reason":"dubblett"}}');
CREATE TABLE record_units (
    record_id TEXT NOT NULL REFERENCES records(id),
    unit_id   TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (record_id, unit_id)
) WITHOUT ROWID;
INSERT INTO record_units VALUES('AVV-2025-0001','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0001','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0002','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0003','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0004','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0005','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0006','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0007','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0008','ifo-utredning');
INSERT INTO record_units VALUES('LXS-2025-0009','ifo-utredning');
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
INSERT INTO avvikelse_facts VALUES('AVV-2025-0001','ifo-utredning','2025-03-02',NULL,'dokumentation','sol','inkommen',NULL,0);
CREATE TABLE record_root_causes (
    record_id TEXT NOT NULL REFERENCES records(id),
    code      TEXT NOT NULL CHECK (code IN ('rutin_ej_foljd', 'rutin_saknas_eller_otydlig', 'kunskap_saknas', 'arbetsmiljo',
                  'arbetsledning', 'samverkan_kommunikation', 'teknik_verksamhetssystem', 'lokaler', 'ovrigt')),
    PRIMARY KEY (record_id, code)
) WITHOUT ROWID;
INSERT INTO record_root_causes VALUES('LXS-2025-0001','rutin_ej_foljd');
INSERT INTO record_root_causes VALUES('LXS-2025-0004','arbetsledning');
INSERT INTO record_root_causes VALUES('LXS-2025-0004','kunskap_saknas');
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
INSERT INTO record_versions VALUES('AVV-2025-0001',1,'create','2026-12-01T01:36:22.426Z','admin','2568a836572373625d44061d69c98ce4','{"createdAt":1796088982426.3687,"createdBy":"admin","fields":{"category":"dokumentation","description":"","lagrum":"sol","measures":[],"receivedOn":"2025-03-02","rootCauses":[],"title":"Journalanteckning saknades","unitId":"ifo-utredning"},"id":"AVV-2025-0001","status":"inkommen","updatedAt":1796088982426.3687,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0001',1,'create','2026-12-01T01:36:22.438Z','admin','2568a836572373625d44061d69c98ce5','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","description":"","measures":[],"notes":[],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"rapporterad","updatedAt":1796088982438.9202,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0001',2,'update','2026-12-01T01:36:22.594Z','admin','2568a836572373625d44061d69c98cee','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"measures":[],"notes":[],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"rapporterad","updatedAt":1796088982594.398,"version":2}');
INSERT INTO record_versions VALUES('LXS-2025-0001',3,'transition','2026-12-01T01:36:22.611Z','admin','2568a836572373625d44061d69c98cef','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"investigator":"Eva Ek","startedOn":"2025-03-03"},"measures":[],"notes":[],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"under_utredning","updatedAt":1796088982611.946,"version":3}');
INSERT INTO record_versions VALUES('LXS-2025-0001',4,'update','2026-12-01T01:36:22.622Z','admin','2568a836572373625d44061d69c98cf0','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"investigator":"Eva Ek","startedOn":"2025-03-03"},"measures":[],"notes":[{"addedAt":1796088982622.809,"addedBy":"admin","authorName":"Eva Ek","authorTitle":"Utredare","documentedOn":"2025-03-04","kind":"faktum","number":1,"source":"Intervju med enhetschef","text":"Ansökan låg obehandlad i tre veckor"}],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"under_utredning","updatedAt":1796088982622.8838,"version":4}');
INSERT INTO record_versions VALUES('LXS-2025-0001',5,'transition','2026-12-01T01:36:22.639Z','admin','2568a836572373625d44061d69c98cf1','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"assessment":"missforhallande","completedOn":"2025-04-10","investigator":"Eva Ek","motivation":"Fördröjt beslut","startedOn":"2025-03-03"},"measures":[],"notes":[{"addedAt":1796088982622.809,"addedBy":"admin","authorName":"Eva Ek","authorTitle":"Utredare","documentedOn":"2025-03-04","kind":"faktum","number":1,"source":"Intervju med enhetschef","text":"Ansökan låg obehandlad i tre veckor"}],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":["rutin_ej_foljd"],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"bedomd","updatedAt":1796088982639.7139,"version":5}');
INSERT INTO record_versions VALUES('LXS-2025-0001',6,'update','2026-12-01T01:36:22.658Z','admin','2568a836572373625d44061d69c98cf2','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","committeeDecidedOn":"2025-05-06","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"assessment":"missforhallande","completedOn":"2025-04-10","investigator":"Eva Ek","motivation":"Fördröjt beslut","startedOn":"2025-03-03"},"measures":[],"notes":[{"addedAt":1796088982622.809,"addedBy":"admin","authorName":"Eva Ek","authorTitle":"Utredare","documentedOn":"2025-03-04","kind":"faktum","number":1,"source":"Intervju med enhetschef","text":"Ansökan låg obehandlad i tre veckor"}],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":["rutin_ej_foljd"],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"bedomd","updatedAt":1796088982658.119,"version":6}');
INSERT INTO record_versions VALUES('LXS-2025-0001',7,'transition','2026-12-01T01:36:22.677Z','admin','2568a836572373625d44061d69c98cf3','{"createdAt":1796088982438.9202,"createdBy":"admin","fields":{"category":"handlaggning","closedOn":"2025-05-07","committeeDecidedOn":"2025-05-06","description":"","immediateMeasures":{"description":"Ärendet lyftes till chef","takenOn":"2025-03-02"},"investigation":{"assessment":"missforhallande","completedOn":"2025-04-10","investigator":"Eva Ek","motivation":"Fördröjt beslut","startedOn":"2025-03-03"},"measures":[],"notes":[{"addedAt":1796088982622.809,"addedBy":"admin","authorName":"Eva Ek","authorTitle":"Utredare","documentedOn":"2025-03-04","kind":"faktum","number":1,"source":"Intervju med enhetschef","text":"Ansökan låg obehandlad i tre veckor"}],"reportedOn":"2025-03-02","reporterRole":"anstalld","rootCauses":["rutin_ej_foljd"],"title":"Rapport om handlaggning","unitId":"ifo-utredning"},"id":"LXS-2025-0001","status":"avslutad","updatedAt":1796088982677.2705,"version":7}');
INSERT INTO record_versions VALUES('LXS-2025-0002',1,'create','2026-12-01T01:36:22.455Z','admin','2568a836572373625d44061d69c98ce6','{"createdAt":1796088982455.3022,"createdBy":"admin","fields":{"category":"dokumentation","description":"","measures":[],"notes":[],"reportedOn":"2025-03-03","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om dokumentation","unitId":"ifo-utredning"},"id":"LXS-2025-0002","status":"rapporterad","updatedAt":1796088982455.3022,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0003',1,'create','2026-12-01T01:36:22.468Z','admin','2568a836572373625d44061d69c98ce7','{"createdAt":1796088982468.703,"createdBy":"admin","fields":{"category":"handlingar","description":"","measures":[],"notes":[],"reportedOn":"2025-03-04","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om handlingar","unitId":"ifo-utredning"},"id":"LXS-2025-0003","status":"rapporterad","updatedAt":1796088982468.703,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0004',1,'create','2026-12-01T01:36:22.483Z','admin','2568a836572373625d44061d69c98ce8','{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","description":"","measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"rapporterad","updatedAt":1796088982483.0051,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0004',2,'transition','2026-12-01T01:36:22.690Z','admin','2568a836572373625d44061d69c98cf4','{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","description":"","investigation":{"investigator":"Eva Ek","startedOn":"2025-03-06"},"measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"under_utredning","updatedAt":1796088982690.4663,"version":2}');
INSERT INTO record_versions VALUES('LXS-2025-0004',3,'update','2026-12-01T01:36:22.700Z','admin','2568a836572373625d44061d69c98cf5','{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","description":"","investigation":{"investigator":"Eva Ek","startedOn":"2025-03-06"},"ivo":{"caseNumber":"3.5.1-4711\/2025","channel":"e_tjanst","reportedOn":"2025-03-07"},"measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"under_utredning","updatedAt":1796088982700.4556,"version":3}');
INSERT INTO record_versions VALUES('LXS-2025-0004',4,'transition','2026-12-01T01:36:22.712Z','admin','2568a836572373625d44061d69c98cf6','{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","description":"","investigation":{"assessment":"allvarligt_missforhallande","completedOn":"2025-04-20","investigator":"Eva Ek","motivation":"Utan tillsyn i två timmar","startedOn":"2025-03-06"},"ivo":{"caseNumber":"3.5.1-4711\/2025","channel":"e_tjanst","reportedOn":"2025-03-07"},"measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":["kunskap_saknas","arbetsledning"],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"bedomd","updatedAt":1796088982712.4338,"version":4}');
INSERT INTO record_versions VALUES('LXS-2025-0004',5,'update','2026-12-01T01:36:22.722Z','admin','2568a836572373625d44061d69c98cf7','{"createdAt":1796088982483.0051,"createdBy":"admin","fields":{"category":"utforande_av_insats","committeeDecidedOn":"2025-05-06","description":"","investigation":{"assessment":"allvarligt_missforhallande","completedOn":"2025-04-20","investigator":"Eva Ek","motivation":"Utan tillsyn i två timmar","startedOn":"2025-03-06"},"ivo":{"caseNumber":"3.5.1-4711\/2025","channel":"e_tjanst","investigationSentOn":"2025-04-22","reportedOn":"2025-03-07"},"measures":[],"notes":[],"reportedOn":"2025-03-05","reporterRole":"anstalld","rootCauses":["kunskap_saknas","arbetsledning"],"title":"Rapport om utforande_av_insats","unitId":"ifo-utredning"},"id":"LXS-2025-0004","status":"bedomd","updatedAt":1796088982722.4993,"version":5}');
INSERT INTO record_versions VALUES('LXS-2025-0005',1,'create','2026-12-01T01:36:22.493Z','admin','2568a836572373625d44061d69c98ce9','{"createdAt":1796088982493.0847,"createdBy":"admin","fields":{"category":"lokaler","description":"","measures":[],"notes":[],"reportedOn":"2025-03-06","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om lokaler","unitId":"ifo-utredning"},"id":"LXS-2025-0005","status":"rapporterad","updatedAt":1796088982493.0847,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0006',1,'create','2026-12-01T01:36:22.505Z','admin','2568a836572373625d44061d69c98cea','{"createdAt":1796088982505.0288,"createdBy":"admin","fields":{"category":"sekretess","description":"","measures":[],"notes":[],"reportedOn":"2025-03-07","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om sekretess","unitId":"ifo-utredning"},"id":"LXS-2025-0006","status":"rapporterad","updatedAt":1796088982505.0288,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0006',2,'transition','2026-12-01T01:36:22.741Z','admin','2568a836572373625d44061d69c98cf8','{"createdAt":1796088982505.0288,"createdBy":"admin","fields":{"category":"sekretess","description":"","investigation":{"investigator":"Eva Ek","startedOn":"2025-03-08"},"measures":[],"notes":[],"reportedOn":"2025-03-07","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om sekretess","unitId":"ifo-utredning"},"id":"LXS-2025-0006","status":"under_utredning","updatedAt":1796088982741.1848,"version":2}');
INSERT INTO record_versions VALUES('LXS-2025-0006',3,'transition','2026-12-01T01:36:22.750Z','admin','2568a836572373625d44061d69c98cf9','{"createdAt":1796088982505.0288,"createdBy":"admin","fields":{"category":"sekretess","description":"","investigation":{"assessment":"pataglig_risk_for_missforhallande","completedOn":"2025-04-01","investigator":"Eva Ek","motivation":"Brev till fel adress","startedOn":"2025-03-08"},"measures":[],"notes":[],"reportedOn":"2025-03-07","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om sekretess","unitId":"ifo-utredning"},"id":"LXS-2025-0006","status":"bedomd","updatedAt":1796088982750.9824,"version":3}');
INSERT INTO record_versions VALUES('LXS-2025-0006',4,'update','2026-12-01T01:36:22.778Z','admin','2568a836572373625d44061d69c98cfa','{"createdAt":1796088982505.0288,"createdBy":"admin","fields":{"category":"sekretess","committeeDecidedOn":"2025-04-15","description":"","investigation":{"assessment":"pataglig_risk_for_missforhallande","completedOn":"2025-04-01","investigator":"Eva Ek","motivation":"Brev till fel adress","startedOn":"2025-03-08"},"measures":[],"notes":[],"reportedOn":"2025-03-07","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om sekretess","unitId":"ifo-utredning"},"id":"LXS-2025-0006","status":"bedomd","updatedAt":1796088982778.3677,"version":4}');
INSERT INTO record_versions VALUES('LXS-2025-0007',1,'create','2026-12-01T01:36:22.524Z','admin','2568a836572373625d44061d69c98ceb','{"createdAt":1796088982524.4507,"createdBy":"admin","fields":{"category":"bemotande","description":"","measures":[],"notes":[],"reportedOn":"2025-03-08","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om bemotande","unitId":"ifo-utredning"},"id":"LXS-2025-0007","status":"rapporterad","updatedAt":1796088982524.4507,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0008',1,'create','2026-12-01T01:36:22.545Z','admin','2568a836572373625d44061d69c98cec','{"createdAt":1796088982545.6133,"createdBy":"admin","fields":{"category":"tillganglighet","description":"","measures":[],"notes":[],"reportedOn":"2025-03-09","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om tillganglighet","unitId":"ifo-utredning"},"id":"LXS-2025-0008","status":"rapporterad","updatedAt":1796088982545.6133,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0009',1,'create','2026-12-01T01:36:22.573Z','admin','2568a836572373625d44061d69c98ced','{"createdAt":1796088982573.2202,"createdBy":"admin","fields":{"category":"ovrigt","description":"","measures":[],"notes":[],"reportedOn":"2025-03-10","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om ovrigt","unitId":"ifo-utredning"},"id":"LXS-2025-0009","status":"rapporterad","updatedAt":1796088982573.2202,"version":1}');
INSERT INTO record_versions VALUES('LXS-2025-0009',2,'void','2026-12-01T01:36:22.789Z','admin','2568a836572373625d44061d69c98cfb','{"createdAt":1796088982573.2202,"createdBy":"admin","fields":{"category":"ovrigt","description":"","measures":[],"notes":[],"reportedOn":"2025-03-10","reporterRole":"anstalld","rootCauses":[],"title":"Rapport om ovrigt","unitId":"ifo-utredning"},"id":"LXS-2025-0009","status":"rapporterad","updatedAt":1796088982789.7205,"version":2,"voided":{"by":"admin","on":"2026-12-01","reason":"dubblett"}}');
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    token_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    record_id  TEXT,
    request_id TEXT,
    detail     TEXT
, person_subject TEXT CHECK (person_subject IS NULL OR length(person_subject) BETWEEN 1 AND 255), person_name TEXT CHECK (person_name IS NULL OR length(person_name) <= 200), client TEXT CHECK (client IS NULL OR length(client) <= 255), client_address TEXT CHECK (client_address IS NULL OR length(client_address) <= 64));
INSERT INTO audit_log VALUES(1,'2026-12-01T01:36:04.583Z','kvalitet-serve','token_create',NULL,NULL,'token admin, role admin',NULL,NULL,'kvalitet-serve',NULL);
INSERT INTO audit_log VALUES(2,'2026-12-01T01:36:22.398Z','admin','unit_put',NULL,'2568a836572373625d44061d69c98ce2','unit ifo created',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(3,'2026-12-01T01:36:22.415Z','admin','unit_put',NULL,'2568a836572373625d44061d69c98ce3','unit ifo-utredning created',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(4,'2026-12-01T01:36:22.426Z','admin','create','AVV-2025-0001','2568a836572373625d44061d69c98ce4','version 1, status inkommen',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(5,'2026-12-01T01:36:22.438Z','admin','create','LXS-2025-0001','2568a836572373625d44061d69c98ce5','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(6,'2026-12-01T01:36:22.455Z','admin','create','LXS-2025-0002','2568a836572373625d44061d69c98ce6','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(7,'2026-12-01T01:36:22.468Z','admin','create','LXS-2025-0003','2568a836572373625d44061d69c98ce7','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(8,'2026-12-01T01:36:22.483Z','admin','create','LXS-2025-0004','2568a836572373625d44061d69c98ce8','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(9,'2026-12-01T01:36:22.493Z','admin','create','LXS-2025-0005','2568a836572373625d44061d69c98ce9','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(10,'2026-12-01T01:36:22.505Z','admin','create','LXS-2025-0006','2568a836572373625d44061d69c98cea','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(11,'2026-12-01T01:36:22.524Z','admin','create','LXS-2025-0007','2568a836572373625d44061d69c98ceb','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(12,'2026-12-01T01:36:22.545Z','admin','create','LXS-2025-0008','2568a836572373625d44061d69c98cec','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(13,'2026-12-01T01:36:22.573Z','admin','create','LXS-2025-0009','2568a836572373625d44061d69c98ced','version 1, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(14,'2026-12-01T01:36:22.594Z','admin','update','LXS-2025-0001','2568a836572373625d44061d69c98cee','version 2, status rapporterad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(15,'2026-12-01T01:36:22.611Z','admin','transition','LXS-2025-0001','2568a836572373625d44061d69c98cef','version 3, status under_utredning',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(16,'2026-12-01T01:36:22.622Z','admin','note','LXS-2025-0001','2568a836572373625d44061d69c98cf0','version 4, status under_utredning',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(17,'2026-12-01T01:36:22.639Z','admin','transition','LXS-2025-0001','2568a836572373625d44061d69c98cf1','version 5, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(18,'2026-12-01T01:36:22.658Z','admin','update','LXS-2025-0001','2568a836572373625d44061d69c98cf2','version 6, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(19,'2026-12-01T01:36:22.677Z','admin','transition','LXS-2025-0001','2568a836572373625d44061d69c98cf3','version 7, status avslutad',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(20,'2026-12-01T01:36:22.690Z','admin','transition','LXS-2025-0004','2568a836572373625d44061d69c98cf4','version 2, status under_utredning',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(21,'2026-12-01T01:36:22.700Z','admin','update','LXS-2025-0004','2568a836572373625d44061d69c98cf5','version 3, status under_utredning',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(22,'2026-12-01T01:36:22.712Z','admin','transition','LXS-2025-0004','2568a836572373625d44061d69c98cf6','version 4, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(23,'2026-12-01T01:36:22.722Z','admin','update','LXS-2025-0004','2568a836572373625d44061d69c98cf7','version 5, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(24,'2026-12-01T01:36:22.741Z','admin','transition','LXS-2025-0006','2568a836572373625d44061d69c98cf8','version 2, status under_utredning',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(25,'2026-12-01T01:36:22.750Z','admin','transition','LXS-2025-0006','2568a836572373625d44061d69c98cf9','version 3, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(26,'2026-12-01T01:36:22.778Z','admin','update','LXS-2025-0006','2568a836572373625d44061d69c98cfa','version 4, status bedomd',NULL,NULL,'admin',NULL);
INSERT INTO audit_log VALUES(27,'2026-12-01T01:36:22.789Z','admin','void','LXS-2025-0009','2568a836572373625d44061d69c98cfb','version 2, status rapporterad',NULL,NULL,'admin',NULL);
CREATE TABLE tokens (
    name       TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-zA-Z0-9._-]*'),
    hash       BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'kvalitet', 'rapportor', 'lasare')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
, expires_at TEXT, last_used_at TEXT);
INSERT INTO tokens VALUES('admin',X'e1b74d4fa87b291e0eaac14c5010151c867f1ee0cc64f7d71b67d8042014abb2','admin','2026-12-01T01:36:04.583Z',NULL,NULL,'2026-12-01T01:36:22.392Z');
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
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0002','ifo-utredning','2025-03-03',NULL,'anstalld','dokumentation','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0003','ifo-utredning','2025-03-04',NULL,'anstalld','handlingar','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0005','ifo-utredning','2025-03-06',NULL,'anstalld','lokaler','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0007','ifo-utredning','2025-03-08',NULL,'anstalld','bemotande','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0008','ifo-utredning','2025-03-09',NULL,'anstalld','tillganglighet','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0001','ifo-utredning','2025-03-02',NULL,'anstalld','handlaggning','avslutad','2025-03-03','2025-04-10','missforhallande',0,'2025-05-06',NULL,NULL,NULL,NULL,'2025-05-07',0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0004','ifo-utredning','2025-03-05',NULL,'anstalld','utforande_av_insats','bedomd','2025-03-06','2025-04-20','allvarligt_missforhallande',1,'2025-05-06','2025-03-07','e_tjanst','2025-04-22',NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0006','ifo-utredning','2025-03-07',NULL,'anstalld','sekretess','bedomd','2025-03-08','2025-04-01','pataglig_risk_for_missforhallande',0,'2025-04-15',NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO lex_sarah_facts VALUES('LXS-2025-0009','ifo-utredning','2025-03-10',NULL,'anstalld','ovrigt','rapporterad',NULL,NULL,NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,1);
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
INSERT INTO lex_sarah_notes VALUES('LXS-2025-0001',1,'2025-03-04','Intervju med enhetschef','faktum','Eva Ek','Utredare','Ansökan låg obehandlad i tre veckor','2026-12-01T01:36:22.622Z','admin');
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
INSERT INTO report_counts VALUES('avv.received','y','2025','ifo-utredning','',1);
INSERT INTO report_counts VALUES('ls.closed','y','2025','ifo-utredning','',1);
INSERT INTO report_counts VALUES('ls.days','y','2025','ifo-utredning','25',1);
INSERT INTO report_counts VALUES('ls.days','y','2025','ifo-utredning','39',1);
INSERT INTO report_counts VALUES('ls.days','y','2025','ifo-utredning','46',1);
INSERT INTO report_counts VALUES('ls.ivo','y','2025','ifo-utredning','',1);
INSERT INTO report_counts VALUES('ls.reported','y','2025','ifo-utredning','',8);
INSERT INTO report_counts VALUES('ls.treated','d','2025-04-15','ifo-utredning','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','d','2025-05-06','ifo-utredning','handlaggning|missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','d','2025-05-06','ifo-utredning','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','m','2025-04','ifo-utredning','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','m','2025-05','ifo-utredning','handlaggning|missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','m','2025-05','ifo-utredning','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','y','2025','ifo-utredning','handlaggning|missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','y','2025','ifo-utredning','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated','y','2025','ifo-utredning','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_counts VALUES('ls.treated.cause','d','2025-05-06','ifo-utredning','arbetsledning',1);
INSERT INTO report_counts VALUES('ls.treated.cause','d','2025-05-06','ifo-utredning','kunskap_saknas',1);
INSERT INTO report_counts VALUES('ls.treated.cause','d','2025-05-06','ifo-utredning','rutin_ej_foljd',1);
INSERT INTO report_counts VALUES('ls.treated.cause','m','2025-05','ifo-utredning','arbetsledning',1);
INSERT INTO report_counts VALUES('ls.treated.cause','m','2025-05','ifo-utredning','kunskap_saknas',1);
INSERT INTO report_counts VALUES('ls.treated.cause','m','2025-05','ifo-utredning','rutin_ej_foljd',1);
INSERT INTO report_counts VALUES('ls.treated.cause','y','2025','ifo-utredning','arbetsledning',1);
INSERT INTO report_counts VALUES('ls.treated.cause','y','2025','ifo-utredning','kunskap_saknas',1);
INSERT INTO report_counts VALUES('ls.treated.cause','y','2025','ifo-utredning','rutin_ej_foljd',1);
CREATE TABLE report_counts_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);
INSERT INTO report_counts_state VALUES(1,1);
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation VALUES(1,26);
CREATE TABLE report_totals (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    grain  TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    period TEXT NOT NULL CHECK (length(period) = CASE grain WHEN 'y' THEN 4 WHEN 'm' THEN 7 ELSE 10 END),
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (metric, grain, period, key)
) WITHOUT ROWID;
INSERT INTO report_totals VALUES('ls.closed','y','2025','',1);
INSERT INTO report_totals VALUES('ls.days','y','2025','25',1);
INSERT INTO report_totals VALUES('ls.days','y','2025','39',1);
INSERT INTO report_totals VALUES('ls.days','y','2025','46',1);
INSERT INTO report_totals VALUES('ls.ivo','y','2025','',1);
INSERT INTO report_totals VALUES('ls.reported','y','2025','',8);
INSERT INTO report_totals VALUES('ls.treated','d','2025-04-15','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','d','2025-05-06','handlaggning|missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','d','2025-05-06','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','m','2025-04','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','m','2025-05','handlaggning|missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','m','2025-05','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','y','2025','handlaggning|missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','y','2025','sekretess|pataglig_risk_for_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated','y','2025','utforande_av_insats|allvarligt_missforhallande',1);
INSERT INTO report_totals VALUES('ls.treated.cause','d','2025-05-06','arbetsledning',1);
INSERT INTO report_totals VALUES('ls.treated.cause','d','2025-05-06','kunskap_saknas',1);
INSERT INTO report_totals VALUES('ls.treated.cause','d','2025-05-06','rutin_ej_foljd',1);
INSERT INTO report_totals VALUES('ls.treated.cause','m','2025-05','arbetsledning',1);
INSERT INTO report_totals VALUES('ls.treated.cause','m','2025-05','kunskap_saknas',1);
INSERT INTO report_totals VALUES('ls.treated.cause','m','2025-05','rutin_ej_foljd',1);
INSERT INTO report_totals VALUES('ls.treated.cause','y','2025','arbetsledning',1);
INSERT INTO report_totals VALUES('ls.treated.cause','y','2025','kunskap_saknas',1);
INSERT INTO report_totals VALUES('ls.treated.cause','y','2025','rutin_ej_foljd',1);
CREATE TABLE receipts (
    hash       BLOB PRIMARY KEY CHECK (length(hash) = 32),
    record_id  TEXT NOT NULL REFERENCES records(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL CHECK (expires_at > created_at)
) WITHOUT ROWID;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('audit_log',27);
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
CREATE INDEX audit_by_person ON audit_log(person_subject, id) WHERE person_subject IS NOT NULL;
CREATE INDEX receipts_by_expiry ON receipts(expires_at);
COMMIT;
