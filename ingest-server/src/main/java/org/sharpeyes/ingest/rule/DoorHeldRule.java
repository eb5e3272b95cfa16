package org.sharpeyes.ingest.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * {@value #ID}: a door open (or held open, or forced) for longer than {@code longerThan} raises an
 * alert about the door (medium), with the event that opened it as evidence. It fires as soon as the
 * time is up, without waiting for the door to report again ({@link TimedRule}); a door that closes
 * before then raises nothing. Tracks at most {@code maxDoors} open doors (the oldest are forgotten,
 * and counted).
 */
public final class DoorHeldRule implements TimedRule {

  public static final String ID = "door-held";

  private record Opening(String deviceId, String eventId, Instant since) {}

  private final Duration longerThan;
  private final int maxDoors;
  private final Map<String, Opening> open = new LinkedHashMap<>();
  private long forgotten;

  public DoorHeldRule(Duration longerThan, int maxDoors) {
    this.longerThan = longerThan;
    this.maxDoors = maxDoors;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public synchronized Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof DoorState s)) {
      return Optional.empty();
    }
    if (s.state() == DoorState.State.CLOSED) {
      open.remove(s.doorId());
      return Optional.empty();
    }
    Opening opening = open.get(s.doorId());
    if (opening == null) {
      if (open.size() >= maxDoors) {
        Iterator<String> oldest = open.keySet().iterator();
        oldest.next();
        oldest.remove();
        forgotten++;
      }
      open.put(s.doorId(), new Opening(event.deviceId(), event.id(), event.time()));
      return Optional.empty();
    }
    if (!event.time().isBefore(opening.since().plus(longerThan))) {
      open.remove(s.doorId()); // fires once per opening
      return Optional.of(
          candidate(s.doorId(), context, Duration.between(opening.since(), event.time())));
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<Finding> due(Instant now, RuleContext context) {
    List<Finding> due = new ArrayList<>();
    Iterator<Map.Entry<String, Opening>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Opening> e = it.next();
      Opening o = e.getValue();
      if (!now.isBefore(o.since().plus(longerThan))) {
        it.remove();
        due.add(
            new Finding(
                candidate(e.getKey(), context, Duration.between(o.since(), now)),
                o.deviceId(),
                o.eventId(),
                o.since()));
      }
    }
    return due;
  }

  /** Open doors forgotten because {@code maxDoors} were tracked. */
  public synchronized long forgotten() {
    return forgotten;
  }

  private AlertCandidate candidate(String doorId, RuleContext context, Duration openFor) {
    return new AlertCandidate(
        ID,
        Severity.MEDIUM,
        SubjectType.DOOR,
        doorId,
        Doors.label(context.reference(), doorId),
        null,
        null,
        "door open " + openFor.toSeconds() + " s, longer than " + longerThan.toSeconds() + " s");
  }
}
