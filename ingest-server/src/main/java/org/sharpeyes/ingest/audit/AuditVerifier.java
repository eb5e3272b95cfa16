package org.sharpeyes.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Walks the whole audit chain and names the first row where it does not hold ({@code ingest-server
 * audit verify}). What a successful verification proves is in docs/security.md. Reads only; servers
 * may go on appending while it runs (rows after the head it read first are left for the next run).
 * Blocking.
 */
public final class AuditVerifier {

  private final DataSource dataSource;

  public AuditVerifier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The outcome of one walk.
   *
   * @param rows rows verified
   * @param firstSeq seq of the oldest row kept (0 when there is none)
   * @param headSeq seq of the last row
   * @param headHash hash of the last row ({@link AuditHash#GENESIS} when there is none)
   * @param checkpointSeq the checkpoint row that proves where a pruned chain starts, or 0 when the
   *     chain starts at seq 1
   * @param broken the first break, or {@code null} when the chain holds
   */
  public record Result(
      long rows,
      long firstSeq,
      long headSeq,
      String headHash,
      long checkpointSeq,
      AuditBreak broken) {

    public boolean intact() {
      return broken == null;
    }
  }

  public Result verify() throws SQLException {
    long headSeq;
    String headHash;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        AuditBreak none = new AuditBreak(0, AuditBreak.Flaw.HEAD_MISMATCH, "audit_head is empty");
        return new Result(0, 0, 0, AuditHash.GENESIS, 0, none);
      }
      headSeq = rs.getLong(1);
      headHash = rs.getString(2);
    }
    ChainWalk walk = new ChainWalk();
    long[] anchor = {0};
    new AuditRows(dataSource)
        .walk(
            1,
            headSeq,
            row -> {
              if (!walk.accept(row)) {
                return false;
              }
              anchorStart(walk, row, anchor);
              return walk.broken() == null;
            });
    checkEnds(walk, anchor[0], headSeq, headHash);
    AuditRow first = walk.first();
    AuditRow last = walk.last();
    return new Result(
        walk.rows(),
        first == null ? 0 : first.seq(),
        last == null ? 0 : last.seq(),
        last == null ? AuditHash.GENESIS : last.hash(),
        anchor[0],
        walk.broken());
  }

  /**
   * A chain that starts after seq 1 was pruned: a checkpoint later in the chain must record the
   * last deleted row as the one the first kept row links to.
   */
  private static void anchorStart(ChainWalk walk, AuditRow row, long[] anchor) {
    AuditRow first = walk.first();
    if (first.seq() == 1 || anchor[0] != 0) {
      return;
    }
    AuditCheckpoint.of(row)
        .filter(cp -> cp.upToSeq() == first.seq() - 1)
        .ifPresent(
            cp -> {
              if (cp.upToHash().equals(first.prevHash())) {
                anchor[0] = row.seq();
              } else {
                walk.breakAt(
                    new AuditBreak(
                        first.seq(),
                        AuditBreak.Flaw.LINK_BROKEN,
                        "checkpoint row "
                            + row.seq()
                            + " recorded hash "
                            + cp.upToHash()
                            + " for row "
                            + cp.upToSeq()
                            + ", but the first row kept links to "
                            + first.prevHash()));
              }
            });
  }

  private static void checkEnds(ChainWalk walk, long anchor, long headSeq, String headHash) {
    AuditRow first = walk.first();
    AuditRow last = walk.last();
    if (walk.broken() != null) {
      return;
    }
    if (first == null) {
      if (headSeq != 0) {
        walk.breakAt(
            new AuditBreak(
                1, AuditBreak.Flaw.GAP, "no rows at all, but the head says " + headSeq + " were"));
      }
      return;
    }
    if (first.seq() == 1 && !first.prevHash().equals(AuditHash.GENESIS)) {
      walk.breakAt(
          new AuditBreak(
              1, AuditBreak.Flaw.LINK_BROKEN, "the first row does not link to 64 zeros"));
    } else if (first.seq() > 1 && anchor == 0) {
      walk.breakAt(
          new AuditBreak(
              1,
              AuditBreak.Flaw.GAP,
              (first.seq() == 2 ? "row 1 is" : "rows 1 to " + (first.seq() - 1) + " are")
                  + " missing and no checkpoint in the chain records that they were pruned"));
    } else if (last.seq() != headSeq) {
      walk.breakAt(
          new AuditBreak(
              last.seq() + 1,
              AuditBreak.Flaw.GAP,
              "the chain ends at row "
                  + last.seq()
                  + " but the head says the last row is "
                  + headSeq
                  + ": rows were deleted from the end"));
    } else if (!last.hash().equals(headHash)) {
      walk.breakAt(
          new AuditBreak(
              headSeq,
              AuditBreak.Flaw.HEAD_MISMATCH,
              "the head records hash " + headHash + " for it, the row has " + last.hash()));
    }
  }
}
