package org.sharpeyes.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the audit rows older than the retention ({@code audit.retention}) and leaves an {@link
 * AuditCheckpoint} in their place, so that the rows kept still verify.
 *
 * <p>Only a prefix of the chain is deleted: the rows before the first one that is not older than
 * the cut-off. Before deleting them the pruner checks that they still chain (else it deletes
 * nothing and fails: pruning must not wipe out the evidence of tampering). All of it is one
 * transaction holding the chain head's lock, so servers appending meanwhile wait, and a second
 * server pruning at the same time finds nothing left to do. The checkpoint's hash is logged, so
 * that a copy of it lives outside the database (docs/security.md says why). Blocking; run it on a
 * scheduler of its own.
 */
public final class AuditPruner {

  private static final Logger LOG = LoggerFactory.getLogger(AuditPruner.class);

  private final DataSource dataSource;
  private final Duration retention;
  private final Clock clock;
  private final AuditMetrics metrics;

  public AuditPruner(DataSource dataSource, Duration retention, Clock clock, AuditMetrics metrics) {
    this.dataSource = dataSource;
    this.retention = retention;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** What one prune did: the checkpoint and the row that records it. */
  public record Pruned(AuditCheckpoint checkpoint, AuditRow row) {}

  /**
   * Prunes once.
   *
   * @return what was pruned, or empty when no row was old enough
   * @throws AuditChainBrokenException when the rows to delete do not chain (nothing is deleted)
   */
  public Optional<Pruned> prune() throws SQLException {
    Instant now = clock.instant();
    Instant cutoff = now.minus(retention);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Pruned> done = pruneIn(c, now, cutoff);
        c.commit();
        done.ifPresent(
            p -> {
              metrics.recorded(AuditCheckpoint.ACTION, "ok");
              LOG.info(
                  "audit: pruned {} row(s) older than {} up to row {} (hash {}); checkpoint row"
                      + " {} has hash {}",
                  p.checkpoint().rows(),
                  cutoff,
                  p.checkpoint().upToSeq(),
                  p.checkpoint().upToHash(),
                  p.row().seq(),
                  p.row().hash());
            });
        return done;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Runs {@link #prune()} and logs its failure instead of throwing (for a scheduler). */
  public void pruneQuietly() {
    try {
      prune();
    } catch (SQLException | RuntimeException e) {
      metrics.failed();
      LOG.error("audit: pruning failed, nothing was deleted: {}", e.getMessage());
    }
  }

  private static Optional<Pruned> pruneIn(Connection c, Instant now, Instant cutoff)
      throws SQLException {
    long headSeq = scalar(c, "SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE", null);
    long oldest = scalar(c, "SELECT MIN(seq) FROM audit_log", null);
    long firstKept = scalar(c, "SELECT MIN(seq) FROM audit_log WHERE at >= ?", cutoff);
    long upTo = firstKept == 0 ? headSeq : firstKept - 1;
    if (oldest == 0 || upTo < oldest) {
      return Optional.empty();
    }
    ChainWalk walk = new ChainWalk();
    AuditRows.walk(c, oldest, upTo, walk::accept);
    if (walk.broken() != null) {
      throw new AuditChainBrokenException(walk.broken());
    }
    AuditRow last = walk.last();
    if (last == null || last.seq() != upTo) {
      throw new AuditChainBrokenException(
          new AuditBreak(
              upTo, AuditBreak.Flaw.GAP, "row " + upTo + " is missing, so it cannot be pruned"));
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE seq <= ?")) {
      ps.setLong(1, upTo);
      ps.executeUpdate();
    }
    AuditCheckpoint checkpoint = new AuditCheckpoint(upTo, last.hash(), walk.rows(), cutoff);
    AuditRow row = JdbcAuditTrail.appendIn(c, JdbcAuditTrail.storable(checkpoint.entry(now)));
    return Optional.of(new Pruned(checkpoint, row));
  }

  /** The query's one number, 0 when it is NULL. */
  private static long scalar(Connection c, String sql, Instant param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setObject(1, param.atOffset(ZoneOffset.UTC));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
