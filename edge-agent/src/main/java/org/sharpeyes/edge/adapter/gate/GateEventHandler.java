package org.sharpeyes.edge.adapter.gate;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * Decides what a controller's reports become, so that no change is published twice and none is
 * dropped silently:
 *
 * <ul>
 *   <li>{@code door.state} is published only when a door's state differs from the last one
 *       published for it. Events and data changes of the state variable both feed this; the first
 *       value after subscribing only sets the door's state the first time, and afterwards (a
 *       reconnect) is compared like any other report, so a move made while the link was down is
 *       published once and an unchanged door not at all.
 *   <li>{@code door.access} events are dropped when their EventId was seen already (a bounded
 *       memory, evictions counted).
 *   <li>A value the profile does not map goes through the adapter's failure path (log with the
 *       device id, status, metric) and the item is skipped.
 * </ul>
 *
 * Called on Milo's delivery threads; every method is short, holds this object's lock (one
 * controller's reports are decided in order) and never blocks: the sink's {@code offer} returns at
 * once.
 */
final class GateEventHandler {

  private final GateProfile profile;
  private final GateEventMapper mapper;
  private final EventSink sink;
  private final AdapterFaults faults;
  private final AdapterStatusTracker status;
  private final GateCounters counters;
  private final EventIdMemory eventIds;
  private final Clock clock;
  private final Map<String, DoorState.State> published = new HashMap<>();
  private final Map<String, Instant> lastPresentation = new HashMap<>();

  GateEventHandler(
      GateProfile profile,
      GateEventMapper mapper,
      EventSink sink,
      AdapterFaults faults,
      AdapterStatusTracker status,
      GateCounters counters,
      EventIdMemory eventIds,
      Clock clock) {
    this.profile = profile;
    this.mapper = mapper;
    this.sink = sink;
    this.faults = faults;
    this.status = status;
    this.counters = counters;
    this.eventIds = eventIds;
    this.clock = clock;
  }

  /** An event of the profile's type, with its fields at {@link GateEventFilter}'s indexes. */
  synchronized void accessEvent(GateDoor door, String eventId, Instant time, String[] fields) {
    Instant at = time == null ? clock.instant() : time;
    String kindWord = fields[GateEventFilter.KIND];
    GateProfile.EventKind kind = mapper.kind(kindWord);
    if (kind == null) {
      unmapped(door, new GateEventMapper.Unmapped("kind", String.valueOf(kindWord)));
      return;
    }
    if (eventId != null && !eventIds.firstSight(eventId)) {
      (kind == GateProfile.EventKind.STATE ? counters.stateDuplicates : counters.accessDuplicates)
          .incrementAndGet();
      return;
    }
    if (kind == GateProfile.EventKind.STATE) {
      state(door, fields[GateEventFilter.STATE], at, false);
      return;
    }
    decide(
        door,
        mapper.access(
            door.id(),
            at,
            Arrays.asList(
                fields[GateEventFilter.CREDENTIAL_ID],
                fields[GateEventFilter.CREDENTIAL_TYPE],
                fields[GateEventFilter.RESULT],
                fields[GateEventFilter.DENY_REASON],
                fields[GateEventFilter.DIRECTION])));
  }

  /**
   * The door's state, from its variable or an event.
   *
   * @param initial the first value after subscribing: sets the door's state the first time
   */
  synchronized void state(GateDoor door, Object value, Instant time, boolean initial) {
    Instant at = time == null ? clock.instant() : time;
    GateEventMapper.Outcome outcome =
        mapper.state(door.id(), value == null ? null : value.toString(), at);
    if (outcome instanceof GateEventMapper.Skipped skipped) {
      unmapped(door, skipped.why());
      return;
    }
    GateEventMapper.State s = (GateEventMapper.State) outcome;
    DoorState.State last = published.get(door.id());
    if (last == null && initial) {
      published.put(door.id(), s.state());
      return;
    }
    if (last == s.state()) {
      if (!initial) {
        counters.stateDuplicates.incrementAndGet();
      }
      return;
    }
    published.put(door.id(), s.state());
    offer(mapper.stateEvent(s));
  }

  /**
   * A presentation read from the door's variables (controllers without events).
   *
   * @param values credential id, type, result, deny reason, direction; {@code null} when {@code
   *     initial}
   * @param initial the first value after subscribing: remembered, not published
   */
  synchronized void presentation(GateDoor door, String[] values, Instant time, boolean initial) {
    if (time == null) {
      return;
    }
    Instant last = lastPresentation.put(door.id(), time);
    if (initial) {
      return;
    }
    if (time.equals(last)) {
      counters.accessDuplicates.incrementAndGet();
      return;
    }
    decide(door, mapper.access(door.id(), time, Arrays.asList(values)));
  }

  /** An event from a source that is not a watched door. */
  void ignored(String source) {
    counters.ignored.incrementAndGet();
  }

  /** The controller dropped events it had queued for us: they are lost, say so. */
  void overflow() {
    counters.serverOverflows.incrementAndGet();
    faults.report(
        FaultKind.INPUT_REJECTED,
        "the controller dropped events it had queued for us (EventQueueOverflow): raise"
            + " eventQueueSize or lower publishingInterval",
        null);
  }

  /**
   * The doors of a new session: what is remembered of doors no longer watched is forgotten, so the
   * memory stays within the doors of one controller.
   */
  synchronized void watching(List<GateDoor> doors) {
    Set<String> ids = doors.stream().map(GateDoor::id).collect(Collectors.toSet());
    published.keySet().retainAll(ids);
    lastPresentation.keySet().retainAll(ids);
  }

  private void decide(GateDoor door, GateEventMapper.Outcome outcome) {
    if (outcome instanceof GateEventMapper.Skipped skipped) {
      unmapped(door, skipped.why());
    } else if (outcome instanceof GateEventMapper.Mapped mapped) {
      if (mapped.note() != null) {
        counters.unmapped.get(mapped.note().field()).incrementAndGet();
        faults.report(
            FaultKind.INPUT_REJECTED,
            mapped.note().describe(door.id(), profile) + " — published without it",
            null);
      }
      offer(mapped.event());
    }
  }

  private void unmapped(GateDoor door, GateEventMapper.Unmapped why) {
    counters.unmapped.get(why.field()).incrementAndGet();
    faults.report(FaultKind.INPUT_REJECTED, why.describe(door.id(), profile) + " — skipped", null);
  }

  private void offer(EdgeEvent event) {
    (event.data() instanceof DoorState ? counters.doorState : counters.doorAccess)
        .incrementAndGet();
    counters.handedOver(clock.instant());
    sink.offer(event, null)
        .whenComplete(
            (result, failure) -> {
              if (failure != null || result instanceof SinkResult.Refused) {
                String why =
                    failure != null
                        ? String.valueOf(failure.getMessage())
                        : ((SinkResult.Refused) result).reason();
                faults.report(
                    FaultKind.SINK_REFUSED,
                    event.type().kind() + " of door " + event.deviceId() + " not kept: " + why,
                    failure);
              } else {
                status.eventAccepted(clock.instant());
              }
            });
  }
}
