package org.sharpeyes.ingest.pipeline;

import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/** What {@link MessageTriage} decided about one message. */
sealed interface Verdict {

  /** A valid event, to be stored. */
  record Accepted(EdgeEvent event, EventRow row) implements Verdict {}

  /**
   * A message to dead-letter.
   *
   * @param reason the label of {@code sharpeyes_ingest_rejected_total}
   * @param detail every problem found
   */
  record Rejected(String reason, String detail) implements Verdict {}

  /**
   * An event the server does not take (e.g. too old), unless it is already stored: then this is a
   * redelivery of it and counts as a duplicate; otherwise it is dead-lettered.
   *
   * @param row the event's row, for its id and kind
   * @param reason the label of {@code sharpeyes_ingest_rejected_total} if dead-lettered
   * @param detail why
   */
  record RejectedUnlessStored(EventRow row, String reason, String detail) implements Verdict {}

  /** A snapshot image for an event. */
  record SnapshotImage(String edgeId, String eventId) implements Verdict {}

  /** An edge's online/offline status. */
  record Status(EdgeStatusMessage status) implements Verdict {}

  /** Nothing to do (e.g. a retained status being cleared), just acknowledge. */
  record Ignored(String why) implements Verdict {}
}
