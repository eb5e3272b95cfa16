package org.sharpeyes.schema.codec;

import java.util.List;
import org.sharpeyes.schema.event.EdgeEvent;

/** Outcome of {@link EventCodec#decode(byte[])}: an event, or every problem found. */
public sealed interface DecodeResult {

  /** The message was a valid event. */
  record Decoded(EdgeEvent event) implements DecodeResult {}

  /**
   * The message was rejected.
   *
   * @param reason the first category of failure met (decoding stops at byte/JSON-level failures;
   *     field-level failures are all collected)
   * @param problems every problem found, each with its path
   */
  record Rejected(RejectReason reason, List<Problem> problems) implements DecodeResult {
    public Rejected {
      problems = List.copyOf(problems);
    }

    /** All problems in one line, for logs and dead-letter rows. */
    public String summary() {
      return reason.label()
          + ": "
          + String.join("; ", problems.stream().map(Problem::toString).toList());
    }
  }
}
