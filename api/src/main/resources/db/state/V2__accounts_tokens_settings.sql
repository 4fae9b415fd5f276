-- Accounts, API tokens, server settings and Decision 06 targets, until now in DATA/server/{accounts,tokens,settings}.json
-- (imported from those files on the first start: vn.dancu.api.state.files.JsonStateImport).
-- Instants are ISO-8601 UTC text (java.time.Instant#toString): exact to the nanosecond on H2 and on PostgreSQL, whose
-- timestamps keep microseconds only (a session opened in the same microsecond as a password change must not survive it).

CREATE TABLE account (
    username               VARCHAR(32)  PRIMARY KEY,
    display_name           VARCHAR(200) NOT NULL,
    role_code              VARCHAR(20)  NOT NULL,
    password_hash          VARCHAR(400) NOT NULL,
    created_at             VARCHAR(40)  NOT NULL,
    disabled               BOOLEAN      NOT NULL,
    credentials_changed_at VARCHAR(40)  NOT NULL
);

-- The 2025 communes an account is limited to; none = the whole area.
CREATE TABLE account_scope (
    username     VARCHAR(32) NOT NULL REFERENCES account (username) ON DELETE CASCADE,
    commune_code VARCHAR(20) NOT NULL,
    PRIMARY KEY (username, commune_code)
);

-- Only the SHA-256 of a token's secret is kept. No foreign key: a token of a deleted account is deleted with it by the
-- store, and an imported tokens file may name accounts that are gone (such a token never acts: its account is missing).
CREATE TABLE api_token (
    token_id      VARCHAR(32)  PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    token_name    VARCHAR(200) NOT NULL,
    secret_sha256 VARCHAR(64)  NOT NULL,
    created_at    VARCHAR(40)  NOT NULL,
    expires_at    VARCHAR(40)  NOT NULL
);
CREATE INDEX api_token_username ON api_token (username);

-- Browser sessions, shared by the servers of one database (a login on one counts on the others) and kept across a
-- restart. Only the SHA-256 of the cookie's random id is kept: a copy of the database opens no session.
CREATE TABLE browser_session (
    id_sha256  VARCHAR(64) PRIMARY KEY,
    username   VARCHAR(32) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    last_seen  VARCHAR(40) NOT NULL
);
CREATE INDEX browser_session_username ON browser_session (username);

-- One row (settings_id = 1). revision counts the changes (0: never changed, the defaults); response caches key on it,
-- and a server sees another server's change (a shared PostgreSQL) by its revision.
CREATE TABLE server_settings (
    settings_id           INTEGER PRIMARY KEY CHECK (settings_id = 1),
    revision              BIGINT  NOT NULL,
    suppression_threshold INTEGER NOT NULL,
    chip_card_target      DOUBLE PRECISION,
    vneid_level2_target   DOUBLE PRECISION,
    updated_at            VARCHAR(40),
    updated_by            VARCHAR(32)
);
INSERT INTO server_settings (settings_id, revision, suppression_threshold) VALUES (1, 0, 5);

-- Decision 06 targets: at most one per indicator and unit (AREA or a 2025 commune); sort_index keeps the admin's order.
CREATE TABLE decision06_target (
    indicator      VARCHAR(40)      NOT NULL,
    unit_code      VARCHAR(20)      NOT NULL,
    target_percent DOUBLE PRECISION NOT NULL,
    deadline       DATE             NOT NULL,
    example        BOOLEAN          NOT NULL,
    sort_index     INTEGER          NOT NULL,
    PRIMARY KEY (indicator, unit_code)
);
