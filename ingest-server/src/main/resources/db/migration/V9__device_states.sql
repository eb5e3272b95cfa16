-- The latest availability of every device that reported one (device.status), kept in the
-- transaction that stores the event, so the server rebuilds its device states at start from this
-- small table instead of searching the events. Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE device_states (
    device_id    VARCHAR(20)              NOT NULL PRIMARY KEY, -- GB/T 28181 id
    edge_id      VARCHAR(64)              NOT NULL,
    availability VARCHAR(10)              NOT NULL,             -- online | offline | degraded
    since        TIMESTAMP WITH TIME ZONE NOT NULL,             -- when it entered this availability
    reason       VARCHAR(200),
    fps          DOUBLE PRECISION,
    latency_ms   DOUBLE PRECISION,
    reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,             -- event time of the latest report
    event_id     VARCHAR(64)              NOT NULL,             -- the latest report
    since_event  VARCHAR(64)              NOT NULL,             -- the report that began this availability
    CONSTRAINT device_states_availability_ck CHECK (availability IN ('online', 'offline', 'degraded'))
);
