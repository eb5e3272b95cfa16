-- Local user accounts, their refresh tokens and the access tokens revoked before their expiry.
-- Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

-- One row per user of the server (docs/security.md, "Accounts and passwords").
CREATE TABLE users (
    name                 VARCHAR(64)  NOT NULL PRIMARY KEY,
    role                 VARCHAR(20)  NOT NULL,  -- Role.label(): admin, supervisor, operator...
    jurisdiction         VARCHAR(20)  NOT NULL,  -- a region code of any level
    clearance            VARCHAR(10)  NOT NULL,  -- masked | full
    password_hash        VARCHAR(200) NOT NULL,  -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash
    disabled             BOOLEAN      NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_logins        INT          NOT NULL,  -- consecutive failures since the last success
    locked_until         TIMESTAMP WITH TIME ZONE,
    token_epoch          INT          NOT NULL   -- raised to revoke every token of the user at once
);

-- Opaque refresh tokens, stored as the SHA-256 of the token (never the token itself). One session
-- (sid) is a chain of refresh tokens, each used once: a reused one revokes the whole session.
CREATE TABLE refresh_tokens (
    token_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_name    VARCHAR(64)  NOT NULL REFERENCES users (name),
    session_id   VARCHAR(36)  NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used         BOOLEAN      NOT NULL,  -- exchanged for a new pair already
    revoked      BOOLEAN      NOT NULL,  -- logout, reuse detected, user disabled or password changed
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_name);

-- Access tokens (by jti) revoked before their expiry, e.g. by logout. Rows past expires_at are
-- pruned: the token would be refused as expired anyway.
CREATE TABLE revoked_tokens (
    jti         VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_name   VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);
