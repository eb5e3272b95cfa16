package org.sharpeyes.ingest.audit;

/**
 * The append-only, tamper-evident audit record. Writing blocks (it is a database insert): call it
 * from a worker thread, never from the event loop.
 */
@FunctionalInterface
public interface AuditTrail {

  /**
   * Appends {@code entry}. A read of personal data whose record cannot be written must not be
   * answered: the caller lets the exception through (the HTTP layer answers 503).
   *
   * @throws org.sharpeyes.ingest.store.StoreUnavailableException when the store cannot be written
   */
  void record(AuditEntry entry);
}
