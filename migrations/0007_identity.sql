-- Kvalitet schema, version 7: people in the audit log, machine-token expiry and use, form receipts.
-- A signed-in person (OpenID Connect) is named by subject and display name in every audit entry
-- they cause; `client` names the API token or the OIDC client id. Failed authentications are
-- entries of their own (action 'auth_failure') with the client's address and the reason, never
-- any token material.

ALTER TABLE audit_log ADD COLUMN person_subject TEXT CHECK (person_subject IS NULL OR length(person_subject) BETWEEN 1 AND 255);
ALTER TABLE audit_log ADD COLUMN person_name TEXT CHECK (person_name IS NULL OR length(person_name) <= 200);
ALTER TABLE audit_log ADD COLUMN client TEXT CHECK (client IS NULL OR length(client) <= 255);
ALTER TABLE audit_log ADD COLUMN client_address TEXT CHECK (client_address IS NULL OR length(client_address) <= 64);
CREATE INDEX audit_by_person ON audit_log(person_subject, id) WHERE person_subject IS NOT NULL;

-- An API token may expire; last_used_at is written at most once a minute per token.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;

-- A form's receipt: only the SHA-256 of its secret is kept; it shows one record until expires_at.
CREATE TABLE receipts (
    hash       BLOB PRIMARY KEY CHECK (length(hash) = 32),
    record_id  TEXT NOT NULL REFERENCES records(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL CHECK (expires_at > created_at)
) WITHOUT ROWID;
CREATE INDEX receipts_by_expiry ON receipts(expires_at);
