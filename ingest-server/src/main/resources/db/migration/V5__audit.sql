-- The audit record (留痕): append-only, each row chained to the one before it by a SHA-256 hash
-- (docs/security-audit.md). Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE audit_log (
    seq        BIGINT                   NOT NULL PRIMARY KEY, -- 1, 2, 3 ... without gaps, given under the head's lock
    at         TIMESTAMP WITH TIME ZONE NOT NULL,             -- when it happened, to the microsecond
    actor      VARCHAR(200)             NOT NULL,             -- user name, or the name tried
    from_addr  VARCHAR(100)             NOT NULL,             -- caller's address, 'cli' or 'server'
    action     VARCHAR(64)              NOT NULL,             -- e.g. login, person.read, audit.checkpoint
    subject    VARCHAR(400)             NOT NULL,             -- what the action was about
    outcome    VARCHAR(16)              NOT NULL,             -- ok, refused or failed
    detail     TEXT                     NOT NULL,             -- free text, never a secret
    prev_hash  VARCHAR(64)              NOT NULL,             -- hash of the row before (64 zeros for the first)
    hash       VARCHAR(64)              NOT NULL              -- SHA-256 of this row's content and prev_hash
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_seq ON audit_log (actor, seq);
CREATE INDEX audit_log_action_seq ON audit_log (action, seq);
CREATE INDEX audit_log_subject_seq ON audit_log (subject, seq);

-- The head of the chain: the one row every append locks (SELECT ... FOR UPDATE) in its own
-- transaction, so that appends from several threads and several servers on one database line up.
CREATE TABLE audit_head (
    id    INT         NOT NULL PRIMARY KEY,
    seq   BIGINT      NOT NULL,  -- seq of the last row appended, 0 before the first
    hash  VARCHAR(64) NOT NULL,  -- hash of the last row appended, 64 zeros before the first
    CONSTRAINT audit_head_one_row_ck CHECK (id = 1)
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
