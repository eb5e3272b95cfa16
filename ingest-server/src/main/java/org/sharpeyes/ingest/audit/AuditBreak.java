package org.sharpeyes.ingest.audit;

/**
 * The first place where the audit chain does not hold.
 *
 * @param seq the row it concerns (for a gap, the first missing seq)
 * @param flaw what kind of break
 * @param detail what differs, in a sentence
 */
public record AuditBreak(long seq, Flaw flaw, String detail) {

  /** The kinds of break {@code audit verify} names. */
  public enum Flaw {
    /** The row's content no longer gives its stored hash: it was changed after it was written. */
    CONTENT_HASH_MISMATCH("content hash mismatch"),
    /** The row's prev_hash is not the previous row's hash (or a checkpoint's record of it). */
    LINK_BROKEN("link to previous broken"),
    /** Rows are missing: deleted, and not by a prune that left a checkpoint. */
    GAP("gap"),
    /** The chain head (audit_head) does not name the last row. */
    HEAD_MISMATCH("head mismatch");

    private final String label;

    Flaw(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** E.g. {@code row 17: content hash mismatch — ...}. */
  public String describe() {
    return "row " + seq + ": " + flaw.label() + " — " + detail;
  }
}
