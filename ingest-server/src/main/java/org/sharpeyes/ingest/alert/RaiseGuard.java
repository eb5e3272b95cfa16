package org.sharpeyes.ingest.alert;

import java.util.Optional;
import org.sharpeyes.ingest.rule.AlertCandidate;

/**
 * Asked before a sighting raises a new alert (never before it folds into an open one): a
 * suppression may hold the raise back. Given to {@link AlertModule#guardRaises}; the default,
 * {@link #NONE}, holds nothing back.
 */
public interface RaiseGuard {

  /** Holds nothing back. */
  RaiseGuard NONE = (candidate, location) -> Optional.empty();

  /**
   * The id of the suppression that holds back a new alert for this sighting, if any. Called on the
   * ingest worker inside the raising transaction: it must be cheap (memory only) and never block.
   */
  Optional<String> suppressedBy(AlertCandidate candidate, AlertLocation location);

  /**
   * Told once the transaction in which {@code suppressionId} held back a raise has committed (a
   * rolled back one is not told), to count it. Must not block or throw.
   */
  default void held(String suppressionId, AlertCandidate candidate, AlertLocation location) {}
}
