package org.sharpeyes.sims.plate;

import java.time.Instant;

/**
 * Told what became of each read. Called on HTTP client threads, possibly concurrently and in any
 * order: implementations must be thread-safe and quick (no blocking I/O). An exception thrown here
 * is logged and counted, and does not stop the simulator.
 */
public interface PlateReadListener {

  PlateReadListener NONE = new PlateReadListener() {};

  /**
   * The target answered.
   *
   * @param body the response body, cut at {@link PlateSimulatorOptions#MAX_ANSWER_BYTES}
   */
  default void answered(SentRead read, Instant answeredAt, int status, String body) {}

  /** The request failed without an answer: connection refused, reset, or timed out. */
  default void failed(SentRead read, Instant failedAt, Throwable error) {}
}
