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

  /** A snapshot image for an event. */
  record SnapshotImage(String edgeId, String eventId) implements Verdict {}

  /** An edge's online/offline status. */
  record Status(EdgeStatusMessage status) implements Verdict {}

  /** Nothing to do (e.g. a retained status being cleared), just acknowledge. */
  record Ignored(String why) implements Verdict {}
}
