package org.sharpeyes.edge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * An event sink that keeps what it is given and answers at once; or refuses everything when told
 * to; or holds its answers until the test {@linkplain #completeHeld() gives them}, as a durable
 * sink does while it writes.
 */
public final class RecordingSink implements EventSink {

  /** One offered event and its snapshot. */
  public record Offer(EdgeEvent event, byte[] snapshot) {}

  private record Held(CompletableFuture<SinkResult> answer, SinkResult result) {}

  private final List<Offer> offers = new CopyOnWriteArrayList<>();
  private final List<Held> held = new ArrayList<>();
  private volatile String refusal;
  private volatile boolean holding;

  @Override
  public CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg) {
    if (refusal != null) {
      return CompletableFuture.completedFuture(new SinkResult.Refused(refusal));
    }
    offers.add(new Offer(event, snapshotJpeg));
    SinkResult accepted = new SinkResult.Accepted(offers.size());
    if (!holding) {
      return CompletableFuture.completedFuture(accepted);
    }
    CompletableFuture<SinkResult> answer = new CompletableFuture<>();
    synchronized (held) {
      held.add(new Held(answer, accepted));
    }
    return answer;
  }

  public void refuseWith(String reason) {
    this.refusal = reason;
  }

  /** From now on, answers wait for {@link #completeHeld()}. */
  public void holdAnswers() {
    this.holding = true;
  }

  /** Gives every held answer. */
  public void completeHeld() {
    List<Held> now;
    synchronized (held) {
      now = List.copyOf(held);
      held.clear();
    }
    now.forEach(h -> h.answer().complete(h.result()));
  }

  public List<Offer> offers() {
    return offers;
  }
}
