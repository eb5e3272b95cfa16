package org.sharpeyes.edge.adapter.viid;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * What becomes of a face capture. Without a {@code viid.faces} section the device's picture is
 * reported as {@code face.captured} as it is ({@link #CAPTURED_ONLY}); with one, {@link
 * ViidFaceAnalysis} runs the edge's own detector, embedder and watchlist.
 */
interface ViidFaces extends AutoCloseable {

  /**
   * The event a capture becomes, or {@code null} for none, with what was done, in words.
   *
   * @param event the event to offer, or {@code null}
   * @param what the {@code StatusString} for the device when the event is stored
   */
  record Outcome(EdgeEvent event, String what) {}

  /** Analyses one capture; may complete on another thread. Never completes exceptionally. */
  CompletionStage<Outcome> analyse(ViidObject.Face face);

  @Override
  default void close() {}

  /** Reports every capture as {@code face.captured} with quality 0 (not assessed). */
  static ViidFaces capturedOnly(ViidEventMapper mapper) {
    return face ->
        CompletableFuture.completedFuture(
            new Outcome(
                mapper.captured(face, 0),
                "stored as face.captured (face analysis is off at this edge)"));
  }
}
