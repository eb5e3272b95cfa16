package org.sharpeyes.ingest.audit;

/**
 * Follows rows in seq order and stops at the first that does not chain to the one before it: a gap
 * in seq, a prev_hash that is not the previous hash, or content that no longer gives the stored
 * hash. The first row's own prev_hash is taken as given (whoever walks decides whether it is
 * proven). Not thread-safe: one walk, one thread.
 */
final class ChainWalk {

  private AuditRow first;
  private AuditRow last;
  private long rows;
  private AuditBreak broken;

  /** Takes the next row; {@code false} once the chain is broken (then see {@link #broken()}). */
  boolean accept(AuditRow row) {
    if (broken != null) {
      return false;
    }
    if (first == null) {
      first = row;
    } else if (row.seq() != last.seq() + 1) {
      long missing = last.seq() + 1;
      broken =
          new AuditBreak(
              missing,
              AuditBreak.Flaw.GAP,
              (row.seq() - 1 == missing
                      ? "row " + missing + " is missing"
                      : "rows " + missing + " to " + (row.seq() - 1) + " are missing")
                  + ": the chain goes from "
                  + last.seq()
                  + " to "
                  + row.seq());
      return false;
    } else if (!row.prevHash().equals(last.hash())) {
      broken =
          new AuditBreak(
              row.seq(),
              AuditBreak.Flaw.LINK_BROKEN,
              "its prev_hash "
                  + row.prevHash()
                  + " is not the hash of row "
                  + last.seq()
                  + " ("
                  + last.hash()
                  + ")");
      return false;
    }
    String computed = row.computedHash();
    if (!computed.equals(row.hash())) {
      broken =
          new AuditBreak(
              row.seq(),
              AuditBreak.Flaw.CONTENT_HASH_MISMATCH,
              "its stored hash is "
                  + row.hash()
                  + " but its content gives "
                  + computed
                  + ": the row was changed after it was written");
      return false;
    }
    last = row;
    rows++;
    return true;
  }

  /** The first row taken, or {@code null}. */
  AuditRow first() {
    return first;
  }

  /** The last row that chained, or {@code null}. */
  AuditRow last() {
    return last;
  }

  long rows() {
    return rows;
  }

  /** The break found, or {@code null}. */
  AuditBreak broken() {
    return broken;
  }

  void breakAt(AuditBreak found) {
    if (broken == null) {
      broken = found;
    }
  }
}
