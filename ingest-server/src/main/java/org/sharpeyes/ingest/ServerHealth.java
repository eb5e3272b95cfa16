package org.sharpeyes.ingest;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.http.Health;
import org.sharpeyes.ingest.mqtt.ConnectionState;
import org.sharpeyes.ingest.mqtt.IngestSubscriber;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.ingest.store.StoreProbe;

/**
 * What {@code /healthz} reports, read from the running parts: all of it from memory, in constant
 * time, so it may be called on an event loop.
 *
 * @param storeWriting whether the ingest worker's last write reached the store
 */
record ServerHealth(
    IngestSubscriber subscriber,
    StoreProbe store,
    BooleanSupplier storeWriting,
    IntakeQueues queue,
    EdgePresence edges)
    implements Supplier<Health> {

  @Override
  public Health get() {
    ConnectionState state = subscriber.state();
    StoreProbe.Result checked = store.last();
    int depth = queue.size();
    return new Health(
        state == ConnectionState.CONNECTED,
        state.name(),
        subscriber.url().toString(),
        subscriber.lastError(),
        checked.reachable(),
        checked.checkedAt(),
        storeWriting.getAsBoolean(),
        depth,
        queue.capacity(),
        edges.onlineCount(),
        edges.knownCount());
  }
}
