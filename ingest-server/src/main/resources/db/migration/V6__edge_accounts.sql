-- One MQTT account per edge: the user name is the edge id (so that Mosquitto's %u pattern ACLs
-- give each edge its own topics). Portable: runs unchanged on H2 2.x and PostgreSQL 13+.
CREATE TABLE edge_accounts (
    edge_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(200) NOT NULL,  -- Mosquitto's $7$ form (PBKDF2-HMAC-SHA512)
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled       BOOLEAN      NOT NULL DEFAULT FALSE
);
