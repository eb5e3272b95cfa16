-- The governance index (docs/governance.md): the figures of every unit for a month, computed from
-- the alert history by one scan of the month's alerts and kept, so that the monthly report and
-- ranking read a few thousand rows instead of a million alerts. A month's rows are replaced as a
-- whole when it is computed again; the score is derived on reading (the weights are config).
-- Portable: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE governance_month (
    period             VARCHAR(7)               NOT NULL,  -- YYYY-MM, cut in Asia/Shanghai
    unit_level         VARCHAR(10)              NOT NULL,  -- grid | village | township | county | city
    unit_code          VARCHAR(14)              NOT NULL,  -- grid cell or region code; 'city' for the total
    received           BIGINT                   NOT NULL,
    acknowledged       BIGINT                   NOT NULL,
    ack_on_time        BIGINT                   NOT NULL,
    resolved           BIGINT                   NOT NULL,
    resolved_on_time   BIGINT                   NOT NULL,
    overdue            BIGINT                   NOT NULL,
    escalated          BIGINT                   NOT NULL,
    village_started    BIGINT                   NOT NULL,
    within_grid        BIGINT                   NOT NULL,
    false_positive     BIGINT                   NOT NULL,
    ack_median_s       BIGINT,
    ack_p90_s          BIGINT,
    resolve_median_s   BIGINT,
    resolve_p90_s      BIGINT,
    computed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT governance_month_pk PRIMARY KEY (period, unit_level, unit_code),
    CONSTRAINT governance_month_level_ck CHECK (unit_level IN ('grid', 'village', 'township', 'county', 'city'))
);
