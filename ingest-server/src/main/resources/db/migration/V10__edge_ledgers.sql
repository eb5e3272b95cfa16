-- The seq ledger of every tracked edge (org.sharpeyes.ingest.edge.EdgeSequences), kept in the
-- transaction that stores the edge's events, so the server resumes its ledgers at start from one
-- small row per edge instead of scanning the events. Portable: runs unchanged on H2 2.x and
-- PostgreSQL 13+.
--
-- Empty after this migration: the first start that finds events but no row rebuilds the ledgers
-- from the events once and writes them here. To force that rebuild again (e.g. after events were
-- stored by a server without this table), delete every row.

CREATE TABLE edge_ledgers (
    edge_id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    events_stored    BIGINT                   NOT NULL, -- every epoch, unsequenced events included
    last_event_at    TIMESTAMP WITH TIME ZONE,          -- receipt of the latest event
    epoch            INT                      NOT NULL, -- 0 before the first sequenced event
    epoch_started_at TIMESTAMP WITH TIME ZONE,          -- receipt of the current epoch's first event
    last_seq         BIGINT                   NOT NULL, -- highest seq of the current epoch
    stored_in_epoch  BIGINT                   NOT NULL, -- distinct seqs stored in the current epoch
    gap_floor        BIGINT                   NOT NULL, -- highest seq of the gaps no longer listed
    unlisted         BIGINT                   NOT NULL, -- missing seqs at or below gap_floor
    missing_earlier  BIGINT                   NOT NULL, -- missing when earlier epochs ended
    dropped_ranges   BIGINT                   NOT NULL, -- gaps no longer listed, in total
    gaps             TEXT                     NOT NULL, -- listed gaps, lowest first: "4-4,6-9"
    revision         BIGINT                   NOT NULL  -- changes with every write (stale-cache check)
);
