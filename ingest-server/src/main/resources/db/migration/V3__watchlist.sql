-- Enrolment photos of key persons, and the versions of the watchlist published to edges.
-- Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

-- A face crop the server cut from an enrolment photo after checking that it holds one face. Edges
-- compute their templates from it with their own model; on MQTT it is named by its SHA-256.
CREATE TABLE enrolment_photos (
    sha256      VARCHAR(64)      NOT NULL PRIMARY KEY,
    person_id   VARCHAR(64)      NOT NULL,
    jpeg        BYTEA            NOT NULL,
    source      VARCHAR(200)     NOT NULL,  -- the imported file's name, or 'upload'
    face_score  DOUBLE PRECISION NOT NULL,
    face_width  INT              NOT NULL,  -- pixels, in the photo as given
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX enrolment_photos_person ON enrolment_photos (person_id, added_at);

-- One row per change of the watchlist's content (persons, risk levels, thresholds, photos).
CREATE TABLE watchlist_versions (
    version     BIGINT       NOT NULL PRIMARY KEY,
    digest      VARCHAR(64)  NOT NULL,  -- SHA-256 of the content, to tell a change
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
