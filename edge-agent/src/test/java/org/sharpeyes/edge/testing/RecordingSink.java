package org.sharpeyes.edge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sharpeyes.edge.publish.EventSink;
import org.sharpeyes.edge.publish.SinkResult;
import org.sharpeyes.schema.event.EdgeEvent;

/** An event sink that keeps what it is given, or refuses everything when told to. */
public final class RecordingSink implements EventSink {

  /** One offered event and its snapshot. */
  public record Offer(EdgeEvent event, byte[] snapshot) {}

  private final List<Offer> offers = new CopyOnWriteArrayList<>();
  private volatile String refusal;

  @Override
  public SinkResult offer(EdgeEvent event, byte[] snapshotJpeg) {
    if (refusal != null) {
      return new SinkResult.Refused(refusal);
    }
    offers.add(new Offer(event, snapshotJpeg));
    return new SinkResult.Accepted(offers.size());
  }

  public void refuseWith(String reason) {
    this.refusal = reason;
  }

  public List<Offer> offers() {
    return offers;
  }
}
