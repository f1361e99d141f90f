-- Kvalitet schema: e-mail recipients and the mail deliveries of events (issue 19's e-mail).
-- A recipient takes the events of some kinds for a unit subtree; the mail worker fans each new event
-- out into one delivery per recipient that wants it, sends it through the SMTP relay and records the
-- attempt. Deliveries are kept like webhook deliveries: retried with backoff for 24 hours, then failed.

-- An admin's recipient. `address` is an SMTP addr-spec (checked by the domain too); one address once per
-- unit subtree. `cursor` is the last event seq fanned out for it (a new recipient starts at the newest).
CREATE TABLE mail_recipients (
    id          TEXT PRIMARY KEY CHECK (id GLOB 'ep_*' AND length(id) BETWEEN 4 AND 64),
    address     TEXT NOT NULL CHECK (length(address) BETWEEN 3 AND 254 AND address GLOB '?*@?*.?*'
                    AND address NOT GLOB '*[ <>,;"]*'),
    event_kinds TEXT NOT NULL CHECK (length(event_kinds) > 0),
    unit_id     TEXT REFERENCES units(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    cursor      INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0)
);
CREATE UNIQUE INDEX mail_recipients_once ON mail_recipients(lower(address), ifnull(unit_id, ''));

-- One event for one recipient: at most one row (UNIQUE), so a message is composed and sent once and
-- only retried while pending. pending → sent, or → failed after 24 hours of retries. last_error is a
-- short classification from libcurl and the relay's reply code, never an address or a message.
-- Deleting a recipient, or gallring deleting a record's events, deletes their deliveries.
CREATE TABLE mail_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_id    TEXT NOT NULL REFERENCES mail_recipients(id) ON DELETE CASCADE,
    event_seq       INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    first_due_at    TEXT NOT NULL,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_error      TEXT CHECK (last_error IS NULL OR length(last_error) <= 200),
    sent_at         TEXT,
    UNIQUE (recipient_id, event_seq),
    CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX mail_deliveries_due ON mail_deliveries(state, next_attempt_at) WHERE state = 'pending';
CREATE INDEX mail_deliveries_by_event ON mail_deliveries(event_seq);
