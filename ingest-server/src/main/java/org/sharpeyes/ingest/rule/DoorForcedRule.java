package org.sharpeyes.ingest.rule;

import java.util.Optional;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * {@value #ID}: a door reported forced open raises an alert about the door (high). Forced again
 * while the alert is open folds into it.
 */
public final class DoorForcedRule implements CorrelationRule {

  public static final String ID = "door-forced";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof DoorState s) || s.state() != DoorState.State.FORCED) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertCandidate(
            ID,
            Severity.HIGH,
            SubjectType.DOOR,
            s.doorId(),
            Doors.label(context.reference(), s.doorId()),
            null,
            null,
            "door forced open"));
  }
}
