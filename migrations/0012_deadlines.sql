-- Kvalitet schema: deadlines (issue 19). A tillsynsbeslut's account of measures, the event kinds of
-- the daily deadline scan, the scan's days (one row a day, so a restart never scans a day twice)
-- and the notices it gave (one per record, deadline, kind and due day, so nothing is announced twice).

-- The date the authority wants the account of measures by, and the date it was sent: neither before
-- the decision (the domain checks the same, with FieldRule codes; this is the database's guard).
ALTER TABLE tillsynsbeslut_facts ADD COLUMN account_due_on TEXT
    CHECK (account_due_on IS NULL OR (date(account_due_on) = account_due_on AND account_due_on >= decided_on));
ALTER TABLE tillsynsbeslut_facts ADD COLUMN account_sent_on TEXT
    CHECK (account_sent_on IS NULL OR (date(account_sent_on) = account_sent_on AND account_sent_on >= decided_on));
-- No index: every write would pay for one, and the only readers are `?overdue=` (per record, by
-- key) and the daily scan (a few dozen decisions a year).

-- events gains the two deadline kinds in its CHECK: SQLite's table rebuild. webhook_deliveries
-- references events, so it is rebuilt with it (foreign keys stay on: each new table is filled before
-- the old one is dropped, and the rename points the new deliveries at the new events). Both keep
-- their AUTOINCREMENT counters, so no seq or delivery id is ever given twice (the subscriptions'
-- cursors are event seqs).
CREATE TABLE events_v11 (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE CHECK (id GLOB 'msg_*' AND length(id) BETWEEN 8 AND 64),
    kind        TEXT NOT NULL CHECK (kind IN ('record.created', 'record.status_changed', 'lex_sarah.received',
                    'lex_sarah.anmalan_due', 'deadline.approaching', 'deadline.passed')),
    record_id   TEXT NOT NULL REFERENCES records(id),
    family      TEXT NOT NULL,
    unit_ids    TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload     TEXT NOT NULL CHECK (json_valid(payload))
);
INSERT INTO events_v11 (seq, id, kind, record_id, family, unit_ids, occurred_at, payload)
SELECT seq, id, kind, record_id, family, unit_ids, occurred_at, payload FROM events;

CREATE TABLE webhook_deliveries_v11 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
    event_seq       INTEGER NOT NULL REFERENCES events_v11(seq),
    record_id       TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    first_due_at    TEXT NOT NULL,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_status     INTEGER,
    last_error      TEXT CHECK (last_error IS NULL OR length(last_error) <= 200),
    delivered_at    TEXT,
    UNIQUE (subscription_id, event_seq),
    CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
);
INSERT INTO webhook_deliveries_v11 (id, subscription_id, event_seq, record_id, state, attempts, first_due_at,
    next_attempt_at, last_attempt_at, last_status, last_error, delivered_at)
SELECT id, subscription_id, event_seq, record_id, state, attempts, first_due_at, next_attempt_at, last_attempt_at,
    last_status, last_error, delivered_at FROM webhook_deliveries;

-- The counters: what the old tables had reached, even past their highest remaining row.
DELETE FROM sqlite_sequence WHERE name IN ('events_v11', 'webhook_deliveries_v11');
INSERT INTO sqlite_sequence (name, seq)
SELECT name || '_v11', seq FROM sqlite_sequence WHERE name IN ('events', 'webhook_deliveries');

DROP TABLE webhook_deliveries;
DROP TABLE events;
ALTER TABLE events_v11 RENAME TO events;
ALTER TABLE webhook_deliveries_v11 RENAME TO webhook_deliveries;
CREATE INDEX events_by_record ON events(record_id, seq);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_record ON webhook_deliveries(subscription_id, record_id, event_seq)
    WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, id);

-- One row per day the deadline scan ran for (Europe/Stockholm calendar day), written in the same
-- transaction as the scan's events: the primary key is what keeps a restart from scanning a day twice.
-- `since` is the previous scan's day (NULL for the first): the days this scan caught up.
CREATE TABLE deadline_scans (
    day         TEXT PRIMARY KEY CHECK (date(day) = day),
    since       TEXT CHECK (since IS NULL OR (date(since) = since AND since < day)),
    scanned_at  TEXT NOT NULL,
    approaching INTEGER NOT NULL CHECK (approaching >= 0),
    passed      INTEGER NOT NULL CHECK (passed >= 0)
);

-- What the scan announced: one deadline.approaching and one deadline.passed at most per record,
-- deadline and due day (a due day moved by an edit is a new deadline). Removed with the record.
CREATE TABLE deadline_notices (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    deadline  TEXT NOT NULL CHECK (deadline IN ('ivo_uppfoljning', 'klagomal_bekraftelse', 'tillsyn_redovisning')),
    kind      TEXT NOT NULL CHECK (kind IN ('deadline.approaching', 'deadline.passed')),
    due_on    TEXT NOT NULL CHECK (date(due_on) = due_on),
    scan_day  TEXT NOT NULL REFERENCES deadline_scans(day),
    PRIMARY KEY (record_id, deadline, kind, due_on)
) WITHOUT ROWID;
