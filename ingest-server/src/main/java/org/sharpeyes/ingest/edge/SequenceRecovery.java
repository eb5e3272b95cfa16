package org.sharpeyes.ingest.edge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link EdgeSequences} ledger when the server starts, so that gaps survive a restart.
 *
 * <p>Usually from {@code edge_ledgers}, the rows the ledger keeps in the transactions that store
 * the events (see {@link LedgerJournal}): one row per edge, so the start costs the same whatever
 * the number of events stored. When that table is empty (a database from before migration V10, or
 * emptied on purpose) or a row cannot be read, the ledger is rebuilt from the {@code events} table
 * once and written to {@code edge_ledgers}. Three reads, in one repeatable-read transaction:
 *
 * <ol>
 *   <li>per edge: events, sequenced events, distinct seqs, highest seq, first and last receipt;
 *   <li>for edges whose seqs are all distinct (one epoch, the normal case): the missing ranges,
 *       from the neighbouring stored seqs ({@code LAG} over the edge's seqs);
 *   <li>for edges that repeat a seq (they numbered afresh at least once): their events in the order
 *       they were received, replayed through the same rules as live ingest, so that the epochs come
 *       out as they did live.
 * </ol>
 *
 * <p>Past {@code maxEdges}, the edges heard from most recently are kept and the rest logged.
 * Reorders are not recovered: {@code reordered} counts from the server's start. Runs once, before
 * the ingest worker stores anything; blocking.
 */
public final class SequenceRecovery {

  /**
   * What was recovered.
   *
   * @param resumed whether from {@code edge_ledgers} (else from a scan of the events)
   * @param replayedEdges edges replayed event by event in the scan (0 when resumed)
   */
  public record Result(
      int edges, int replayedEdges, int skippedEdges, Duration took, boolean resumed) {}

  private static final Logger LOG = LoggerFactory.getLogger(SequenceRecovery.class);
  private static final int FETCH_SIZE = 1_000;
  private static final int MAX_IDS_PER_QUERY = 500;

  private static final String PER_EDGE =
      "SELECT edge_id, COUNT(*), SUM(CASE WHEN seq >= 1 THEN 1 ELSE 0 END),"
          + " COUNT(DISTINCT CASE WHEN seq >= 1 THEN seq END), MAX(seq), MIN(received_at),"
          + " MAX(received_at) FROM events GROUP BY edge_id ORDER BY MAX(received_at) DESC,"
          + " edge_id";
  private static final String GAPS =
      "SELECT edge_id, prev_seq, seq FROM (SELECT edge_id, seq, LAG(seq) OVER (PARTITION BY"
          + " edge_id ORDER BY seq) AS prev_seq FROM events WHERE seq >= 1) s"
          + " WHERE seq > COALESCE(prev_seq, 0) + 1 ORDER BY edge_id, seq";
  private static final String REPLAY =
      "SELECT edge_id, seq, received_at FROM events WHERE edge_id IN (%s)"
          + " ORDER BY edge_id, received_at, id";

  private final DataSource dataSource;
  private final Clock clock;

  /**
   * @param clock only to time the recovery for the log
   */
  public SequenceRecovery(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Fills {@code sequences}, which must be empty and not yet fed by the ingest worker.
   *
   * @throws SQLException when the database fails; the server cannot start without its ledger
   */
  public Result recoverInto(EdgeSequences sequences) throws SQLException {
    Instant start = clock.instant();
    boolean tableHasRows;
    try (Connection c = dataSource.getConnection()) {
      tableHasRows = !LedgerTable.isEmpty(c);
      if (tableHasRows) {
        Optional<Result> resumed = resume(c, sequences, start);
        if (resumed.isPresent()) {
          return resumed.get();
        }
      }
    }
    Result scanned = scan(sequences, start);
    keep(sequences, tableHasRows);
    return scanned;
  }

  /** The ledgers from {@code edge_ledgers}; empty, tracking nothing, if a row is unreadable. */
  private Optional<Result> resume(Connection c, EdgeSequences sequences, Instant start)
      throws SQLException {
    LedgerTable.Loaded loaded = LedgerTable.load(c, sequences.maxEdges());
    List<LedgerTable.Revised> rows = loaded.rows();
    List<EdgeSequence> ledgers = new ArrayList<>(rows.size());
    for (LedgerTable.Revised r : rows) {
      try {
        ledgers.add(EdgeSequence.of(r.row(), sequences.maxGapsPerEdge()));
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "edge_ledgers holds a row that is not a ledger; scanning the events instead: {}",
            e.getMessage());
        return Optional.empty();
      }
    }
    for (int i = 0; i < ledgers.size(); i++) {
      sequences.resumed(ledgers.get(i), rows.get(i).revision());
    }
    int skipped = (int) Math.max(0, loaded.total() - ledgers.size());
    Result result =
        new Result(ledgers.size(), 0, skipped, Duration.between(start, clock.instant()), true);
    if (skipped > 0) {
      LOG.warn(
          "{} edges in edge_ledgers are beyond ingest.maxEdges; their seq is not tracked", skipped);
    }
    LOG.info(
        "edge sequences resumed for {} edges from edge_ledgers in {} ms",
        result.edges(),
        result.took().toMillis());
    return Optional.of(result);
  }

  /** Writes the scanned ledgers to {@code edge_ledgers}, in place of any rows there. */
  private void keep(EdgeSequences sequences, boolean replaceRows) throws SQLException {
    List<LedgerTable.Revised> rows = new ArrayList<>();
    List<EdgeSequence> ledgers = sequences.ledgers();
    for (EdgeSequence ledger : ledgers) {
      rows.add(new LedgerTable.Revised(ledger.row(), sequences.journal().newRevision()));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (replaceRows) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM edge_ledgers")) {
            ps.executeUpdate();
          }
        }
        LedgerTable.insertAll(c, rows);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    for (int i = 0; i < ledgers.size(); i++) {
      sequences.journal().known(ledgers.get(i), rows.get(i).revision());
    }
  }

  private Result scan(EdgeSequences sequences, Instant start) throws SQLException {
    Map<String, EdgeSequence> oneEpoch = new HashMap<>();
    List<EdgeSequence> renumbered = new ArrayList<>();
    int skipped = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(PER_EDGE);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            EdgeSequence ledger = sequences.ledgerOf(rs.getString(1));
            if (ledger == null) {
              skipped++;
              continue;
            }
            long sequenced = rs.getLong(3);
            long distinct = rs.getLong(4);
            if (sequenced > distinct) {
              renumbered.add(ledger);
            } else {
              ledger.restore(
                  rs.getLong(2),
                  instant(rs, 6),
                  instant(rs, 7),
                  Math.max(0, rs.getLong(5)),
                  distinct);
              oneEpoch.put(ledger.edgeId(), ledger);
            }
          }
        }
        readGaps(c, oneEpoch);
        replay(c, renumbered);
      } finally {
        c.rollback(); // read only: nothing to keep
      }
    }
    oneEpoch.values().forEach(sequences::recovered);
    renumbered.forEach(sequences::recovered);
    Result result =
        new Result(
            oneEpoch.size() + renumbered.size(),
            renumbered.size(),
            skipped,
            Duration.between(start, clock.instant()),
            false);
    if (skipped > 0) {
      LOG.warn(
          "{} edges in the events table are beyond ingest.maxEdges; their seq is not tracked",
          skipped);
    }
    LOG.info(
        "edge sequences recovered from the events for {} edges ({} with several epochs) in {} ms",
        result.edges(),
        result.replayedEdges(),
        result.took().toMillis());
    return result;
  }

  private static void readGaps(Connection c, Map<String, EdgeSequence> ledgers)
      throws SQLException {
    if (ledgers.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(GAPS)) {
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EdgeSequence ledger = ledgers.get(rs.getString(1));
          if (ledger != null) {
            long previous = rs.getLong(2); // 0 when SQL NULL: the gap starts at seq 1
            ledger.restoreGap(previous + 1, rs.getLong(3) - 1);
          }
        }
      }
    }
    for (EdgeSequence ledger : ledgers.values()) {
      long unlisted = ledger.missing() - ledger.listedMissing();
      if (unlisted < 0 || (unlisted > 0 && ledger.droppedRanges() == 0)) {
        LOG.warn(
            "edge {}: the recovered gaps account for {} of {} missing seqs",
            ledger.edgeId(),
            ledger.listedMissing(),
            ledger.missing());
      }
    }
  }

  private static void replay(Connection c, List<EdgeSequence> ledgers) throws SQLException {
    for (int from = 0; from < ledgers.size(); from += MAX_IDS_PER_QUERY) {
      List<EdgeSequence> chunk =
          ledgers.subList(from, Math.min(ledgers.size(), from + MAX_IDS_PER_QUERY));
      Map<String, EdgeSequence> byId = new HashMap<>();
      chunk.forEach(l -> byId.put(l.edgeId(), l));
      String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement ps = c.prepareStatement(String.format(REPLAY, marks))) {
        ps.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).edgeId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byId.get(rs.getString(1)).stored(rs.getLong(2), instant(rs, 3));
          }
        }
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
