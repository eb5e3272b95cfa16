package org.sharpeyes.edge.outbox;

import java.util.concurrent.CompletionStage;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * Where device adapters put the events they observe. The sink numbers them (per-edge {@code seq})
 * and keeps them until the broker has acknowledged them or a bound forces a drop.
 *
 * <p>Thread-safe. {@link #offer} returns at once, never blocks and never throws for a full sink, so
 * it may be called from a Netty event loop or any adapter thread. Tell the device "accepted" only
 * when the stage completes with {@link SinkResult.Accepted}: then the event is durable.
 */
public interface EventSink {

  /**
   * Takes one event for publishing.
   *
   * @param event the event as observed; its {@code seq} is ignored (give 0), the sink assigns it
   * @param snapshotJpeg JPEG bytes to publish on the snapshot topic before the event, or {@code
   *     null}; the sink owns the array afterwards. Snapshots are the first thing dropped under
   *     pressure.
   * @return completes, never exceptionally, with {@link SinkResult.Accepted} and the assigned
   *     sequence number once the event is stored, or {@link SinkResult.Refused} with a reason (tell
   *     the device to retry later). It may complete on the sink's own thread: hop to your executor
   *     before doing more than a few steps, and never block in a callback.
   */
  CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg);
}
