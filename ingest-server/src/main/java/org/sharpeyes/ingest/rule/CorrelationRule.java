package org.sharpeyes.ingest.rule;

import java.util.Optional;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * One correlation rule: looks at a stored event (and whatever the context or its own windows hold)
 * and says whether it warrants an alert.
 *
 * <p>Contract: {@link #evaluate} is called once per stored event, on the ingest worker thread, in
 * storage order. It must be quick and must not block on I/O (reference data is in memory). A rule
 * that keeps windows bounds them itself. It may throw only on a bug; the caller logs and counts
 * that and carries on with the next rule. Whether the candidate becomes a new alert or folds into
 * an open one is not the rule's business.
 */
public interface CorrelationRule {

  /** Stable id, used in alerts, metrics and configuration, e.g. {@code plate-hotlist}. */
  String id();

  /** The alert the event warrants, or empty. */
  Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context);
}
