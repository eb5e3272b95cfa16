package org.sharpeyes.ingest.audit;

/** The audit chain does not hold where an operation needed it to; {@link #found()} says where. */
public final class AuditChainBrokenException extends RuntimeException {

  private final transient AuditBreak found;

  public AuditChainBrokenException(AuditBreak found) {
    super("the audit chain is broken at " + found.describe());
    this.found = found;
  }

  public AuditBreak found() {
    return found;
  }
}
