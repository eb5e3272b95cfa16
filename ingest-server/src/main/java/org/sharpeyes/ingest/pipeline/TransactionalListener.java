package org.sharpeyes.ingest.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A {@link StoredEventListener} that keeps rows of its own (alerts) which must be stored exactly
 * when their events are. The pipeline calls {@link #inTransaction} inside the transaction that
 * inserts the events, instead of {@link #onStoredBatch} after it. Were they two transactions, a
 * crash between them would lose the listener's rows for good: the broker redelivers the events, but
 * they are stored already, so they are duplicates and nobody hears of them again.
 */
public interface TransactionalListener extends StoredEventListener {

  /**
   * Writes, on {@code c}, what {@code batch} causes. Must not commit, roll back or close {@code c};
   * runs on the ingest worker thread.
   *
   * @return what to do once the transaction has committed (announce what was written); it must not
   *     throw
   * @throws SQLException to roll back the whole transaction: the events are then stored one at a
   *     time, with this called for each; an event whose rows the database refuses for good is
   *     stored without them, logged and counted in {@code sharpeyes_ingest_listener_failures}
   */
  Runnable inTransaction(Connection c, List<Stored> batch) throws SQLException;
}
