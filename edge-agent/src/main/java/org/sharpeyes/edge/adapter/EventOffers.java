package org.sharpeyes.edge.adapter;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The one path from an adapter to the event sink (the agent's outbox). Every adapter offers what it
 * observes here, and the outcome is recorded the same way for every kind of device:
 *
 * <ul>
 *   <li>an event the sink stores is counted in the adapter's status ({@code eventsAccepted}, {@code
 *       lastEventAt});
 *   <li>an event it refuses (outbox behind its disk or failing to write, agent stopping) goes
 *       through the adapter's one failure path as {@link FaultKind#SINK_REFUSED}: logged with the
 *       device id, counted in {@code sharpeyes.edge.device.faults{kind=sink-refused}}, shown in
 *       {@code /status} as {@code <type> of <subject> <device id> not kept: <reason>}.
 * </ul>
 *
 * What the device is told (a 503 with {@code Retry-After}, nothing at all) the adapter decides from
 * the result. Get one from {@link AdapterContext#offers}. Thread-safe; never blocks.
 */
public final class EventOffers {

  private final EventSink sink;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final Clock clock;
  private final String subject;

  /**
   * @param subject what the events' {@code deviceId} names, for messages: {@code camera}, {@code
   *     door}…
   */
  public EventOffers(
      EventSink sink,
      AdapterStatusTracker status,
      AdapterFaults faults,
      Clock clock,
      String subject) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.status = Objects.requireNonNull(status, "status");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  /**
   * Offers one event; returns at once.
   *
   * @param event the event as observed, {@code seq} 0
   * @param snapshotJpeg its snapshot, or {@code null}; the sink owns the array afterwards
   * @return completes, never exceptionally, once the outcome is recorded: {@link
   *     SinkResult.Accepted} when the event is stored durably (only then tell a device "accepted"),
   *     or {@link SinkResult.Refused} with a reason fit to show the device. It may complete on the
   *     sink's thread: hop to your own before doing more than a few steps.
   */
  public CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg) {
    CompletionStage<SinkResult> offered;
    try {
      offered = sink.offer(event, snapshotJpeg);
    } catch (RuntimeException e) {
      offered = CompletableFuture.failedFuture(e);
    }
    return offered.handle((result, failure) -> record(event, result, failure));
  }

  private SinkResult record(EdgeEvent event, SinkResult result, Throwable failure) {
    if (failure == null && result instanceof SinkResult.Accepted) {
      status.eventAccepted(clock.instant());
      return result;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String reason;
    if (cause != null) {
      reason = "the event could not be stored: " + cause.getMessage();
    } else if (result instanceof SinkResult.Refused refused) {
      reason = refused.reason();
    } else {
      reason = "the event could not be stored: the outbox gave no answer";
    }
    faults.report(
        FaultKind.SINK_REFUSED,
        event.type().kind() + " of " + subject + " " + event.deviceId() + " not kept: " + reason,
        cause);
    return new SinkResult.Refused(reason);
  }
}
