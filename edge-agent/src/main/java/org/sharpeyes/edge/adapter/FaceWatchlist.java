package org.sharpeyes.edge.adapter;

import java.util.Map;
import java.util.function.Supplier;
import org.sharpeyes.vision.matching.FaceMatcher;

/**
 * The agent's face watchlist, for adapters that match faces (cameras today; GA/T 1400 face captures
 * next). The agent keeps it in step with the server; adapters only read it.
 */
@FunctionalInterface
public interface FaceWatchlist {

  /** No watchlist: cameras report {@code face.captured} only. */
  FaceWatchlist NONE = (modelId, thresholds) -> () -> null;

  /**
   * The current matcher for templates of {@code modelId}, with the given similarity thresholds by
   * risk level. The supplier follows every new watchlist version and gives {@code null} (or an
   * empty matcher) while there is none; it is cheap and may be called from any thread.
   */
  Supplier<FaceMatcher> matcher(String modelId, Map<String, Double> thresholds);
}
