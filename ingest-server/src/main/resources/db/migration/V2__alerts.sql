-- Alerts raised by correlation rules, and the events behind them.
-- Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE alerts (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    rule           VARCHAR(40)  NOT NULL,
    severity       VARCHAR(16)  NOT NULL,
    subject_type   VARCHAR(16)  NOT NULL,
    subject_key    VARCHAR(64)  NOT NULL,
    subject_label  VARCHAR(200) NOT NULL,
    state          VARCHAR(20)  NOT NULL,
    -- rule|subject_type|subject_key while the alert is open, NULL once it is closed.
    -- Unique, so at most one open alert per rule and subject can exist, whichever
    -- process or thread tries to raise it (NULLs do not collide in either database).
    open_key       VARCHAR(128),
    device_id      VARCHAR(20)  NOT NULL,
    grid_code      VARCHAR(14),
    village_code   VARCHAR(12),
    region_path    VARCHAR(128) NOT NULL,
    person_id      VARCHAR(64),
    plate          VARCHAR(16),
    reason         VARCHAR(200) NOT NULL,
    count          INT          NOT NULL,
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    first_event_id VARCHAR(64)  NOT NULL,
    last_event_id  VARCHAR(64)  NOT NULL,
    version        INT          NOT NULL,
    CONSTRAINT alerts_open_key_uq UNIQUE (open_key),
    CONSTRAINT alerts_state_ck CHECK (state IN ('new', 'acknowledged', 'dispatched', 'resolved', 'false-positive')),
    CONSTRAINT alerts_severity_ck CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    CONSTRAINT alerts_count_ck CHECK (count >= 1)
);

CREATE INDEX alerts_last_seen_idx ON alerts (last_seen);
CREATE INDEX alerts_state_idx ON alerts (state);

CREATE TABLE alert_evidence (
    alert_id VARCHAR(64) NOT NULL,
    event_id VARCHAR(64) NOT NULL,
    seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_evidence_pk PRIMARY KEY (alert_id, event_id),
    CONSTRAINT alert_evidence_alert_fk FOREIGN KEY (alert_id) REFERENCES alerts (id)
);
