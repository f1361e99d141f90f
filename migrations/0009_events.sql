-- Kvalitet schema: events (a transactional outbox) and the webhook subscriptions and deliveries
-- that carry them out. An event is written in the same transaction as the change it announces, so
-- every acknowledged change has its events and no rolled-back change has any.
-- (Issue 19's migration, version 9.)

-- One event: ids, family, units, kind and dates (payload is the JSON `data` of a webhook message,
-- never free text). `seq` orders events; `id` is the Standard Webhooks message id (webhook-id).
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE CHECK (id GLOB 'msg_*' AND length(id) BETWEEN 8 AND 64),
    kind        TEXT NOT NULL CHECK (kind IN ('record.created', 'record.status_changed', 'lex_sarah.received',
                    'lex_sarah.anmalan_due')),
    record_id   TEXT NOT NULL REFERENCES records(id),
    family      TEXT NOT NULL,
    unit_ids    TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload     TEXT NOT NULL CHECK (json_valid(payload))
);
CREATE INDEX events_by_record ON events(record_id, seq);

-- An admin's subscription: where to send which kinds of event for which unit subtree (NULL: all).
-- `secret` is the Standard Webhooks signing secret (whsec_ + base64); it is shown once, when created,
-- and never logged. `cursor` is the last event seq fanned out into deliveries for it.
CREATE TABLE webhook_subscriptions (
    id          TEXT PRIMARY KEY CHECK (id GLOB 'wh_*' AND length(id) BETWEEN 4 AND 64),
    url         TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000 AND (url GLOB 'http://*' OR url GLOB 'https://*')),
    event_kinds TEXT NOT NULL CHECK (length(event_kinds) > 0),
    unit_id     TEXT REFERENCES units(id),
    secret      TEXT NOT NULL CHECK (secret GLOB 'whsec_*'),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    cursor      INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0)
);

-- One event for one subscription. pending → delivered, or → failed after 24 hours of retries;
-- an admin's retry makes a failed one pending again. last_status is the receiver's HTTP status,
-- last_error a short classification (timeout, connection, http_status), never a body.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
    event_seq       INTEGER NOT NULL REFERENCES events(seq),
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
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_record ON webhook_deliveries(subscription_id, record_id, event_seq)
    WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, id);
