-- The command-centre workflow (docs/workflow.md): which desk holds an alert, its deadlines, who it
-- is dispatched to, every step it took, suppressions, disposal-plan ticks, report photos, and the
-- durable webhook queue. Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

ALTER TABLE alerts DROP CONSTRAINT alerts_state_ck;
ALTER TABLE alerts ADD CONSTRAINT alerts_state_ck CHECK (state IN
    ('new', 'acknowledged', 'dispatched', 'handled', 'resolved', 'false-positive', 'reopened'));

-- The desk holding the alert: a region code (desks.csv) and its level.
ALTER TABLE alerts ADD COLUMN desk_code VARCHAR(12);
ALTER TABLE alerts ADD COLUMN desk_level VARCHAR(10);
-- The level it started at, and the highest it reached (governance: resolved without leaving the grid).
ALTER TABLE alerts ADD COLUMN start_level VARCHAR(10);
ALTER TABLE alerts ADD COLUMN top_level VARCHAR(10);
-- Township and county of its place, for the governance figures (NULL when the device is unplaced).
ALTER TABLE alerts ADD COLUMN township_code VARCHAR(9);
ALTER TABLE alerts ADD COLUMN county_code VARCHAR(6);
-- Deadlines at the holding desk; next_deadline is the one the escalation scan waits for, NULL when
-- none is pending (closed, or overdue at the top desk). The scan reads it through its index only.
ALTER TABLE alerts ADD COLUMN ack_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN resolve_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN next_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN overdue BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE alerts ADD COLUMN escalations INT DEFAULT 0 NOT NULL;
-- Dispatch: to a staff member (user name) or a department (departments.csv), due by assignee_due.
ALTER TABLE alerts ADD COLUMN assignee_kind VARCHAR(12);
ALTER TABLE alerts ADD COLUMN assignee VARCHAR(64);
ALTER TABLE alerts ADD COLUMN assignee_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN handled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alerts ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
-- Steps taken so far: the workflow revision a client names in If-Match (sightings folding into
-- the alert do not change it, so a busy alert can still be acknowledged).
ALTER TABLE alerts ADD COLUMN steps INT DEFAULT 0 NOT NULL;

CREATE INDEX alerts_next_deadline_idx ON alerts (next_deadline);
CREATE INDEX alerts_desk_idx ON alerts (desk_code, state);
CREATE INDEX alerts_assignee_idx ON alerts (assignee, state);
CREATE INDEX alerts_created_at_idx ON alerts (created_at);

-- Every step of every alert, the timeline. seq is the alert's version after the step, so two
-- writers that both read one version cannot both record a step from it.
CREATE TABLE alert_steps (
    alert_id    VARCHAR(64)              NOT NULL,
    seq         INT                      NOT NULL,
    action      VARCHAR(20)              NOT NULL,  -- acknowledge, dispatch, report, ... (docs/workflow.md)
    from_state  VARCHAR(20)              NOT NULL,
    to_state    VARCHAR(20)              NOT NULL,
    actor       VARCHAR(200)             NOT NULL,  -- user name, or 'system' for a timed escalation
    actor_role  VARCHAR(16)              NOT NULL,
    desk_code   VARCHAR(12),                        -- the desk holding it after the step
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note        VARCHAR(2000),
    assignee    VARCHAR(64),
    due         TIMESTAMP WITH TIME ZONE,
    has_photo   BOOLEAN DEFAULT FALSE    NOT NULL,
    CONSTRAINT alert_steps_pk PRIMARY KEY (alert_id, seq),
    CONSTRAINT alert_steps_alert_fk FOREIGN KEY (alert_id) REFERENCES alerts (id)
);

-- The photo of a report back (handled), bounded by workflow.reportPhotoMaxBytes.
CREATE TABLE alert_step_photos (
    alert_id     VARCHAR(64) NOT NULL,
    seq          INT         NOT NULL,
    content_type VARCHAR(40) NOT NULL,
    photo        BYTEA       NOT NULL,
    CONSTRAINT alert_step_photos_pk PRIMARY KEY (alert_id, seq),
    CONSTRAINT alert_step_photos_step_fk FOREIGN KEY (alert_id, seq) REFERENCES alert_steps (alert_id, seq)
);

-- Disposal-plan steps ticked on an alert.
CREATE TABLE alert_plan_ticks (
    alert_id  VARCHAR(64)              NOT NULL,
    step      INT                      NOT NULL,  -- 1-based index in the rule's plan
    ticked_by VARCHAR(200)             NOT NULL,
    ticked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_plan_ticks_pk PRIMARY KEY (alert_id, step),
    CONSTRAINT alert_plan_ticks_alert_fk FOREIGN KEY (alert_id) REFERENCES alerts (id)
);

-- Suppressions: a snooze of a subject at a device or site, or the one a false positive leaves.
CREATE TABLE suppressions (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    kind         VARCHAR(16)              NOT NULL,  -- snooze | false-positive
    rule         VARCHAR(40),                        -- NULL: every rule
    subject_type VARCHAR(16)              NOT NULL,
    subject_key  VARCHAR(64)              NOT NULL,
    device_id    VARCHAR(20),                        -- NULL: every device (or the site's)
    site_id      VARCHAR(64),
    region_path  VARCHAR(128)             NOT NULL,  -- where it applies, for jurisdiction checks
    reason       VARCHAR(2000)            NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lifted_at    TIMESTAMP WITH TIME ZONE,
    hits         BIGINT DEFAULT 0         NOT NULL,
    CONSTRAINT suppressions_kind_ck CHECK (kind IN ('snooze', 'false-positive'))
);

CREATE INDEX suppressions_expires_idx ON suppressions (expires_at);

-- Webhook subscriptions and the durable outbound queue.
CREATE TABLE webhook_subscriptions (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    url          VARCHAR(2000)            NOT NULL,
    jurisdiction VARCHAR(12)              NOT NULL,
    kinds        VARCHAR(200)             NOT NULL,  -- comma-separated: created,updated,escalated,closed
    secret       VARCHAR(200)             NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    enabled      BOOLEAN DEFAULT TRUE     NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              VARCHAR(64)              NOT NULL PRIMARY KEY,
    subscription_id VARCHAR(64)              NOT NULL,
    kind            VARCHAR(20)              NOT NULL,
    alert_id        VARCHAR(64)              NOT NULL,
    body            TEXT                     NOT NULL,
    state           VARCHAR(12)              NOT NULL,  -- pending | delivered | dead
    attempts        INT DEFAULT 0            NOT NULL,
    next_attempt    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_deliveries_state_ck CHECK (state IN ('pending', 'delivered', 'dead')),
    CONSTRAINT webhook_deliveries_sub_fk FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id)
);

CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (state, next_attempt);
