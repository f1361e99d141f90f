-- Schema 14: every CHECK that allowed a column three or more values as `column IN (...)` allows the
-- same values as `(column = ... OR column = ...)`. Nothing else changes: the same values are allowed
-- and refused, and no row is rewritten.
--
-- Why: SQLite checks a constant IN list of more than two values by building a temporary b-tree
-- each time a statement runs, and every INSERT checks its row's CHECKs. Loading 3 000 demo records
-- built 60 487 of them, and building and dropping them was about a quarter of the load's
-- instructions (callgrind: sqlite3BtreeCreateTable, sqlite3BtreeBeginTrans, sqlite3VdbeHalt and
-- their memset); every API create paid the same per row it inserted.
--
-- How: SQLite's documented way to change CHECK constraints without rebuilding a table
-- (https://www.sqlite.org/lang_altertable.html#otheralter): the tables' CREATE text is edited in
-- sqlite_schema with writable_schema, the connection reloads the schema (RESET), and a schema
-- change (a table created and dropped) moves the schema cookie on, so that every other connection
-- reloads it too. Each replace() names one whole `column IN (...)` exactly as the earlier
-- migrations wrote it; the texts below were generated from a database at schema 13.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'category IN (''handlaggning'', ''dokumentation'', ''handlingar'', ''utforande_av_insats'',
                    ''lokaler'', ''sekretess'', ''bemotande'', ''tillganglighet'', ''ovrigt'')',
    '(category = ''handlaggning'' OR category = ''dokumentation'' OR category = ''handlingar'' OR
        category = ''utforande_av_insats'' OR category = ''lokaler'' OR category = ''sekretess'' OR
        category = ''bemotande'' OR category = ''tillganglighet'' OR category = ''ovrigt'')'),
    'lagrum IN (''sol'', ''lss'', ''hsl'')',
    '(lagrum = ''sol'' OR lagrum = ''lss'' OR lagrum = ''hsl'')'),
    'status IN (''inkommen'', ''under_utredning'', ''avslutad'')',
    '(status = ''inkommen'' OR status = ''under_utredning'' OR status = ''avslutad'')')
WHERE type = 'table' AND name = 'avvikelse_facts';

UPDATE sqlite_schema SET sql = replace(sql,
    'deadline IN (''ivo_uppfoljning'', ''klagomal_bekraftelse'', ''tillsyn_redovisning'')',
    '(deadline = ''ivo_uppfoljning'' OR deadline = ''klagomal_bekraftelse'' OR
        deadline = ''tillsyn_redovisning'')')
WHERE type = 'table' AND name = 'deadline_notices';

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'status IN (''planerad'', ''pagaende'', ''genomford'')',
    '(status = ''planerad'' OR status = ''pagaende'' OR status = ''genomford'')'),
    'area IN (''enskildas_upplevelser'', ''handlaggning_dokumentation'', ''samhallsvard'', ''boende'',
                           ''loggkontroll'', ''utbetalningar'', ''ovrigt'')',
    '(area = ''enskildas_upplevelser'' OR area = ''handlaggning_dokumentation'' OR area = ''samhallsvard'' OR
        area = ''boende'' OR area = ''loggkontroll'' OR area = ''utbetalningar'' OR area = ''ovrigt'')'),
    'method IN (''brukarundersokning'', ''aktgranskning'', ''tjanstegenomgang'', ''loggkontroll'',
                           ''statistikuppfoljning'', ''intervju_enkat'', ''ovrigt'')',
    '(method = ''brukarundersokning'' OR method = ''aktgranskning'' OR method = ''tjanstegenomgang'' OR
        method = ''loggkontroll'' OR method = ''statistikuppfoljning'' OR method = ''intervju_enkat'' OR
        method = ''ovrigt'')')
WHERE type = 'table' AND name = 'egenkontroll_facts';

UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''record.created'', ''record.status_changed'', ''lex_sarah.received'',
                    ''lex_sarah.anmalan_due'', ''deadline.approaching'', ''deadline.passed'')',
    '(kind = ''record.created'' OR kind = ''record.status_changed'' OR kind = ''lex_sarah.received'' OR
        kind = ''lex_sarah.anmalan_due'' OR kind = ''deadline.approaching'' OR kind = ''deadline.passed'')')
WHERE type = 'table' AND name = 'events';

UPDATE sqlite_schema SET sql = replace(sql,
    'family IN (''avvikelse'', ''klagomal'', ''lex_sarah'', ''riskanalys'', ''egenkontroll'',
                        ''tillsynsbeslut'')',
    '(family = ''avvikelse'' OR family = ''klagomal'' OR family = ''lex_sarah'' OR family = ''riskanalys'' OR
        family = ''egenkontroll'' OR family = ''tillsynsbeslut'')')
WHERE type = 'table' AND name = 'gallringsregler';

UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
    'submitter IN (''brukare'', ''narstaende'', ''vardgivare'', ''annan_utforare'', ''myndighet'',
                        ''forening_organisation'', ''personal'', ''anonym'')',
    '(submitter = ''brukare'' OR submitter = ''narstaende'' OR submitter = ''vardgivare'' OR
        submitter = ''annan_utforare'' OR submitter = ''myndighet'' OR
        submitter = ''forening_organisation'' OR submitter = ''personal'' OR submitter = ''anonym'')'),
    'type IN (''klagomal'', ''synpunkt'', ''berom'')',
    '(type = ''klagomal'' OR type = ''synpunkt'' OR type = ''berom'')'),
    'subject IN (''bemotande'', ''beslut'', ''handlaggning'', ''tillganglighet'', ''insats'',
                        ''boendemiljo'', ''information'', ''ovrigt'')',
    '(subject = ''bemotande'' OR subject = ''beslut'' OR subject = ''handlaggning'' OR
        subject = ''tillganglighet'' OR subject = ''insats'' OR subject = ''boendemiljo'' OR
        subject = ''information'' OR subject = ''ovrigt'')'),
    'status IN (''inkommen'', ''under_utredning'', ''avslutad'')',
    '(status = ''inkommen'' OR status = ''under_utredning'' OR status = ''avslutad'')')
WHERE type = 'table' AND name = 'klagomal_facts';

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'reporter_role IN (''anstalld'', ''uppdragstagare'', ''praktikant'',
                                ''deltagare_arbetsmarknadsprogram'')',
    '(reporter_role = ''anstalld'' OR reporter_role = ''uppdragstagare'' OR reporter_role = ''praktikant'' OR
        reporter_role = ''deltagare_arbetsmarknadsprogram'')'),
    'status IN (''rapporterad'', ''under_utredning'', ''bedomd'', ''avslutad'')',
    '(status = ''rapporterad'' OR status = ''under_utredning'' OR status = ''bedomd'' OR status = ''avslutad'')'),
    'assessment IN (''ej_missforhallande'', ''pataglig_risk_for_missforhallande'',
                                ''missforhallande'', ''pataglig_risk_for_allvarligt_missforhallande'', ''allvarligt_missforhallande'')',
    '(assessment = ''ej_missforhallande'' OR assessment = ''pataglig_risk_for_missforhallande'' OR
        assessment = ''missforhallande'' OR
        assessment = ''pataglig_risk_for_allvarligt_missforhallande'' OR
        assessment = ''allvarligt_missforhallande'')')
WHERE type = 'table' AND name = 'lex_sarah_facts';

UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''overgrepp_fysiskt'', ''overgrepp_psykiskt'', ''overgrepp_sexuellt'',
                  ''overgrepp_ekonomiskt'', ''brister_i_bemotande'', ''insats_inte_utford'', ''insats_utford_felaktigt'',
                  ''brister_i_handlaggning'', ''rojd_sekretess'', ''brister_i_dokumentation'', ''brister_i_tillsyn_och_omsorg'',
                  ''brister_i_samverkan'', ''brister_i_miljo_och_utrustning'', ''ovrigt'')',
    '(kind = ''overgrepp_fysiskt'' OR kind = ''overgrepp_psykiskt'' OR kind = ''overgrepp_sexuellt'' OR
        kind = ''overgrepp_ekonomiskt'' OR kind = ''brister_i_bemotande'' OR
        kind = ''insats_inte_utford'' OR kind = ''insats_utford_felaktigt'' OR
        kind = ''brister_i_handlaggning'' OR kind = ''rojd_sekretess'' OR
        kind = ''brister_i_dokumentation'' OR kind = ''brister_i_tillsyn_och_omsorg'' OR
        kind = ''brister_i_samverkan'' OR kind = ''brister_i_miljo_och_utrustning'' OR kind = ''ovrigt'')')
WHERE type = 'table' AND name = 'lex_sarah_kinds';

UPDATE sqlite_schema SET sql = replace(sql,
    'state IN (''pending'', ''sent'', ''failed'')',
    '(state = ''pending'' OR state = ''sent'' OR state = ''failed'')')
WHERE type = 'table' AND name = 'mail_deliveries';

UPDATE sqlite_schema SET sql = replace(sql,
    'action IN (''create'', ''update'', ''void'')',
    '(action = ''create'' OR action = ''update'' OR action = ''void'')')
WHERE type = 'table' AND name = 'nyckeltal_versions';

UPDATE sqlite_schema SET sql = replace(sql,
    'code IN (''rutin_ej_foljd'', ''rutin_saknas_eller_otydlig'', ''kunskap_saknas'', ''arbetsmiljo'',
                  ''arbetsledning'', ''samverkan_kommunikation'', ''teknik_verksamhetssystem'', ''lokaler'', ''ovrigt'')',
    '(code = ''rutin_ej_foljd'' OR code = ''rutin_saknas_eller_otydlig'' OR code = ''kunskap_saknas'' OR
        code = ''arbetsmiljo'' OR code = ''arbetsledning'' OR code = ''samverkan_kommunikation'' OR
        code = ''teknik_verksamhetssystem'' OR code = ''lokaler'' OR code = ''ovrigt'')')
WHERE type = 'table' AND name = 'record_root_causes';

UPDATE sqlite_schema SET sql = replace(sql,
    'action IN (''create'', ''update'', ''transition'', ''void'')',
    '(action = ''create'' OR action = ''update'' OR action = ''transition'' OR action = ''void'')')
WHERE type = 'table' AND name = 'record_versions';

UPDATE sqlite_schema SET sql = replace(sql,
    'family IN (''avvikelse'', ''klagomal'', ''lex_sarah'', ''riskanalys'', ''egenkontroll'', ''tillsynsbeslut'')',
    '(family = ''avvikelse'' OR family = ''klagomal'' OR family = ''lex_sarah'' OR family = ''riskanalys'' OR
        family = ''egenkontroll'' OR family = ''tillsynsbeslut'')')
WHERE type = 'table' AND name = 'records';

UPDATE sqlite_schema SET sql = replace(sql,
    'grain IN (''y'', ''m'', ''d'')',
    '(grain = ''y'' OR grain = ''m'' OR grain = ''d'')')
WHERE type = 'table' AND name = 'report_counts';

UPDATE sqlite_schema SET sql = replace(sql,
    'grain IN (''y'', ''m'', ''d'')',
    '(grain = ''y'' OR grain = ''m'' OR grain = ''d'')')
WHERE type = 'table' AND name = 'report_totals';

UPDATE sqlite_schema SET sql = replace(replace(sql,
    'status IN (''planerad'', ''pagaende'', ''genomford'', ''uppfoljd'')',
    '(status = ''planerad'' OR status = ''pagaende'' OR status = ''genomford'' OR status = ''uppfoljd'')'),
    'trigger IN (''forandring_organisation'', ''nytt_arbetssatt'', ''personalforandring'', ''avvikelser'',
                     ''egenkontroll'', ''namndbeslut'', ''ovrigt'')',
    '(trigger = ''forandring_organisation'' OR trigger = ''nytt_arbetssatt'' OR
        trigger = ''personalforandring'' OR trigger = ''avvikelser'' OR trigger = ''egenkontroll'' OR
        trigger = ''namndbeslut'' OR trigger = ''ovrigt'')')
WHERE type = 'table' AND name = 'riskanalys_facts';

UPDATE sqlite_schema SET sql = replace(sql,
    'level IN (''lag'', ''mattlig'', ''hog'', ''mycket_hog'')',
    '(level = ''lag'' OR level = ''mattlig'' OR level = ''hog'' OR level = ''mycket_hog'')')
WHERE type = 'table' AND name = 'riskanalys_risks';

UPDATE sqlite_schema SET sql = replace(replace(sql,
    'authority IN (''ivo'', ''jo'', ''jk'')',
    '(authority = ''ivo'' OR authority = ''jo'' OR authority = ''jk'')'),
    'subject IN (''tillsyn_myndighetsutovning'', ''tillsyn_hvb_stodboende'', ''lex_sarah'',
                           ''ej_verkstallda_beslut'', ''klagomal'', ''ovrigt'')',
    '(subject = ''tillsyn_myndighetsutovning'' OR subject = ''tillsyn_hvb_stodboende'' OR
        subject = ''lex_sarah'' OR subject = ''ej_verkstallda_beslut'' OR subject = ''klagomal'' OR
        subject = ''ovrigt'')')
WHERE type = 'table' AND name = 'tillsynsbeslut_facts';

UPDATE sqlite_schema SET sql = replace(sql,
    'role IN (''admin'', ''kvalitet'', ''rapportor'', ''lasare'')',
    '(role = ''admin'' OR role = ''kvalitet'' OR role = ''rapportor'' OR role = ''lasare'')')
WHERE type = 'table' AND name = 'tokens';

UPDATE sqlite_schema SET sql = replace(sql,
    'level IN (''forvaltning'', ''avdelning'', ''sektion'', ''verksamhet'')',
    '(level = ''forvaltning'' OR level = ''avdelning'' OR level = ''sektion'' OR level = ''verksamhet'')')
WHERE type = 'table' AND name = 'units';

UPDATE sqlite_schema SET sql = replace(sql,
    'state IN (''pending'', ''delivered'', ''failed'')',
    '(state = ''pending'' OR state = ''delivered'' OR state = ''failed'')')
WHERE type = 'table' AND name = 'webhook_deliveries';

PRAGMA writable_schema = RESET;
CREATE TABLE schema_14_reload (x);
DROP TABLE schema_14_reload;
