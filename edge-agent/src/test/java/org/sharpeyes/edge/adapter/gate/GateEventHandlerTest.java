package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.id.EventIds;

/** What reaches the sink of all a controller reports: every change once, no repeat. */
class GateEventHandlerTest {

  static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");
  static final GateDoor DOOR =
      new GateDoor(
          "Gate-A", GateEventMapperTest.DOOR, new NodeId(2, "a"), new NodeId(2, "s"), null);

  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final RecordingSink sink = new RecordingSink();
  private final GateCounters counters = new GateCounters();
  private final EventIdMemory ids = new EventIdMemory(3);
  private final AdapterStatusTracker status;
  private final GateEventHandler handler;

  GateEventHandlerTest() {
    DeviceConfig controller =
        GateFixture.device("opc.tcp://127.0.0.1:4840/gate", java.nio.file.Path.of("pki"));
    status = new AdapterStatusTracker(controller);
    AdapterFaults faults = new AdapterFaults(controller, status, new SimpleMeterRegistry(), clock);
    handler =
        new GateEventHandler(
            GateEventMapperTest.ACME,
            new GateEventMapper(
                "edge-test", new EventIds(clock, new SecureRandom()), GateEventMapperTest.ACME),
            new EventOffers(sink, status, faults, clock, "door"),
            faults,
            counters,
            ids,
            clock);
  }

  private static String[] access(String card, String verdict) {
    String[] f = new String[GateEventFilter.FIELDS];
    f[GateEventFilter.KIND] = "Access";
    f[GateEventFilter.CREDENTIAL_ID] = card;
    f[GateEventFilter.CREDENTIAL_TYPE] = "Card";
    f[GateEventFilter.RESULT] = verdict;
    return f;
  }

  private static String[] move(String state) {
    String[] f = new String[GateEventFilter.FIELDS];
    f[GateEventFilter.KIND] = "Door";
    f[GateEventFilter.STATE] = state;
    return f;
  }

  private List<DoorState.State> states() {
    return sink.offers().stream()
        .map(o -> o.event().data())
        .filter(DoorState.class::isInstance)
        .map(d -> ((DoorState) d).state())
        .toList();
  }

  @Test
  void theFirstStateAfterSubscribingIsNotAnEventButAChangeFromItIs() {
    handler.state(DOOR, "Closed", T0, true);
    handler.state(DOOR, "ForcedOpen", T0.plusSeconds(1), false);

    assertThat(states()).containsExactly(DoorState.State.FORCED);
    assertThat(sink.offers().get(0).event().time()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aMoveReportedByItsEventAndByTheVariableIsPublishedOnce() {
    handler.state(DOOR, "Closed", T0, true);

    handler.accessEvent(DOOR, "e1", T0.plusSeconds(1), move("ForcedOpen"));
    handler.state(DOOR, "ForcedOpen", T0.plusSeconds(1), false);
    handler.state(DOOR, "Closed", T0.plusSeconds(2), false);
    handler.accessEvent(DOOR, "e2", T0.plusSeconds(2), move("Closed"));

    assertThat(states()).containsExactly(DoorState.State.FORCED, DoorState.State.CLOSED);
    assertThat(counters.stateDuplicates()).isEqualTo(2);
  }

  @Test
  void afterAReconnectTheFirstStateIsComparedAndAMoveMadeMeanwhilePublishedOnce() {
    handler.state(DOOR, "Closed", T0, true);
    handler.state(DOOR, "Closed", T0.plusSeconds(5), true); // reconnected, nothing moved
    handler.state(DOOR, "HeldOpen", T0.plusSeconds(9), true); // reconnected, it moved meanwhile

    assertThat(states()).containsExactly(DoorState.State.HELD_OPEN);
    assertThat(counters.stateDuplicates()).isZero();
  }

  @Test
  void anEventSentTwiceIsPublishedOnceAndTheMemoryStaysBounded() {
    handler.accessEvent(DOOR, "e1", T0, access("0042", "Granted"));
    handler.accessEvent(DOOR, "e1", T0, access("0042", "Granted"));
    for (int i = 2; i <= 5; i++) {
      handler.accessEvent(DOOR, "e" + i, T0, access("00" + i, "Denied"));
    }

    assertThat(sink.offers()).hasSize(5);
    assertThat(counters.accessDuplicates()).isEqualTo(1);
    assertThat(ids.size()).isEqualTo(3);
    assertThat(ids.evicted()).isEqualTo(2);
    assertThat(((DoorAccess) sink.offers().get(0).event().data()).result())
        .isEqualTo(DoorAccess.Result.GRANTED);
  }

  @Test
  void anUnmappedValueGoesThroughTheFailurePathAndTheNextReportStillCounts() {
    handler.accessEvent(DOOR, "e1", T0, access("0042", "Perhaps"));
    handler.accessEvent(DOOR, "e2", T0, access("0043", "Denied"));
    handler.state(DOOR, "Ajar", T0, false);

    assertThat(sink.offers()).hasSize(1);
    assertThat(counters.unmapped("result")).isEqualTo(1);
    assertThat(counters.unmapped("state")).isEqualTo(1);
    var snapshot = status.snapshot();
    assertThat(snapshot.counters().inputsRejected()).isEqualTo(2);
    assertThat(snapshot.lastError())
        .isEqualTo(
            "door "
                + DOOR.id()
                + ": state 'Ajar' is not in profile acme-ac2000 (values.state) — skipped");
  }

  @Test
  void anEventKindTheProfileDoesNotKnowIsReported() {
    String[] alarm = move("Closed");
    alarm[GateEventFilter.KIND] = "TamperAlarm";

    handler.accessEvent(DOOR, "e1", T0, alarm);

    assertThat(sink.offers()).isEmpty();
    assertThat(counters.unmapped("kind")).isEqualTo(1);
  }

  @Test
  void aPresentationReadFromVariablesIsPublishedOncePerTimestamp() {
    String[] values = {"0042", "Card", "Granted", null, "Exit"};
    handler.presentation(DOOR, null, T0, true);

    handler.presentation(DOOR, values, T0.plusSeconds(1), false);
    handler.presentation(DOOR, values, T0.plusSeconds(1), false);
    handler.presentation(DOOR, values, T0.plusSeconds(2), false);

    assertThat(sink.offers()).hasSize(2);
    assertThat(((DoorAccess) sink.offers().get(0).event().data()).direction())
        .isEqualTo(DoorAccess.Direction.OUT);
  }

  @Test
  void eventsTheControllerDroppedFromItsQueueAreCountedAndReported() {
    handler.overflow();

    assertThat(counters.serverOverflows()).isEqualTo(1);
    assertThat(status.snapshot().lastError())
        .isEqualTo(
            "the controller dropped events it had queued for us (EventQueueOverflow): raise"
                + " eventQueueSize or lower publishingInterval");
  }

  @Test
  void aDoorNoLongerWatchedIsForgottenSoItsNextStateStartsAfresh() {
    handler.state(DOOR, "Closed", T0, true);

    handler.watching(List.of());
    handler.state(DOOR, "HeldOpen", T0.plusSeconds(1), true);

    assertThat(sink.offers()).isEmpty();
  }

  @Test
  void aRefusingSinkIsAFaultOfTheDeviceNotASilentLoss() {
    sink.refuseWith("the agent is stopping");

    handler.accessEvent(DOOR, "e1", T0, access("0042", "Granted"));

    assertThat(status.snapshot().counters().eventsRefused()).isEqualTo(1);
    assertThat(status.snapshot().lastError())
        .isEqualTo("door.access of door " + DOOR.id() + " not kept: the agent is stopping");
  }
}
