package org.sharpeyes.ingest.device;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * Two transactional listeners as one: both write in the events' transaction, in order, and both
 * announce after the commit. An extension gives the pipeline one listener.
 */
record ListenerPair(TransactionalListener first, TransactionalListener second)
    implements TransactionalListener {

  @Override
  public void onStored(EdgeEvent event, Instant receivedAt) {
    first.onStored(event, receivedAt);
    second.onStored(event, receivedAt);
  }

  @Override
  public void onStoredBatch(List<Stored> batch) {
    first.onStoredBatch(batch);
    second.onStoredBatch(batch);
  }

  @Override
  public Runnable inTransaction(Connection c, List<Stored> batch) throws SQLException {
    Runnable a = first.inTransaction(c, batch);
    Runnable b = second.inTransaction(c, batch);
    return () -> {
      a.run();
      b.run();
    };
  }
}
