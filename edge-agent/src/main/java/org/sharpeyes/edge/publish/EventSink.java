package org.sharpeyes.edge.publish;

import org.sharpeyes.schema.event.EdgeEvent;

/**
 * Where device adapters put the events they observe. The sink numbers them (per-edge {@code seq},
 * from 1) and keeps them until the broker has acknowledged them or a bound forces a drop.
 *
 * <p>Thread-safe. {@link #offer} never blocks and never throws for a full sink, so it may be called
 * from a Netty event loop or any adapter thread.
 */
public interface EventSink {

  /**
   * Takes one event for publishing.
   *
   * @param event the event as observed; its {@code seq} is ignored (give 0), the sink assigns it
   * @param snapshotJpeg JPEG bytes to publish on the snapshot topic before the event, or {@code
   *     null}; the sink owns the array afterwards. Snapshots are the first thing dropped under
   *     pressure.
   * @return {@link SinkResult.Accepted} with the assigned sequence number, or {@link
   *     SinkResult.Refused} with a reason when no room can be made (tell the device to retry later)
   */
  SinkResult offer(EdgeEvent event, byte[] snapshotJpeg);
}
