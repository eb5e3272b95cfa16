package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;

/** A controller model whose words differ from ours: the profile's maps translate them. */
class GateEventMapperTest {

  static final String DOOR = "43070200001340000011";
  static final Instant AT = Instant.parse("2026-11-27T02:15:30.1234567Z");

  /** The second example of docs/config.md: "Granted", "HeldOpen", "Card"… */
  static final GateProfile ACME =
      new GateProfile(
          "acme-ac2000",
          "urn:acme:access",
          List.of("Site", "Doors"),
          null,
          null,
          new GateProfile.Variables("DoorStatus", null),
          new GateProfile.Event(
              "i=5001",
              new GateProfile.EventFields(
                  "EventClass",
                  null,
                  "CardNo",
                  "Medium",
                  "Verdict",
                  "Cause",
                  "Side",
                  "DoorStatus")),
          new GateProfile.Values(
              Map.of(
                  "Access", GateProfile.EventKind.CREDENTIAL, "Door", GateProfile.EventKind.STATE),
              Map.of(
                  "Closed", DoorState.State.CLOSED,
                  "ForcedOpen", DoorState.State.FORCED,
                  "HeldOpen", DoorState.State.HELD_OPEN),
              Map.of(
                  "Card", DoorAccess.CredentialType.CARD, "Face", DoorAccess.CredentialType.FACE),
              Map.of("Granted", DoorAccess.Result.GRANTED, "Denied", DoorAccess.Result.DENIED),
              Map.of("Entry", DoorAccess.Direction.IN, "Exit", DoorAccess.Direction.OUT)));

  private final GateEventMapper mapper =
      new GateEventMapper(
          "edge-test", new EventIds(Clock.fixed(AT, ZoneOffset.UTC), new SecureRandom()), ACME);

  private GateEventMapper.Outcome access(String... fields) {
    return mapper.access(DOOR, AT, Arrays.asList(fields));
  }

  @Test
  void aDeniedCardInTheControllersWordsBecomesADoorAccessOfThatDoor() {
    var outcome = access("0042-7781", "Card", "Denied", "card expired", "Entry");

    assertThat(outcome).isInstanceOf(GateEventMapper.Mapped.class);
    EdgeEvent event = ((GateEventMapper.Mapped) outcome).event();
    assertThat(event.deviceId()).isEqualTo(DOOR);
    assertThat(event.edgeId()).isEqualTo("edge-test");
    assertThat(event.time()).isEqualTo(AT);
    assertThat(event.seq()).isZero();
    assertThat(event.data())
        .isEqualTo(
            new DoorAccess(
                DOOR,
                DoorAccess.CredentialType.CARD,
                "0042-7781",
                DoorAccess.Result.DENIED,
                "card expired",
                DoorAccess.Direction.IN));
    assertThat(((GateEventMapper.Mapped) outcome).note()).isNull();
  }

  @Test
  void aGrantedPresentationCarriesNoReasonEvenWhenTheControllerSendsOne() {
    var outcome = (GateEventMapper.Mapped) access(" F-77 ", "Face", "Granted", "ok", "");

    DoorAccess data = (DoorAccess) outcome.event().data();
    assertThat(data.credentialId()).isEqualTo("F-77");
    assertThat(data.reason()).isNull();
    assertThat(data.direction()).isNull();
  }

  @Test
  void theControllersStateWordsMapToOurs() {
    var outcome = mapper.state(DOOR, "HeldOpen", AT);

    assertThat(outcome).isEqualTo(new GateEventMapper.State(DOOR, DoorState.State.HELD_OPEN, AT));
    EdgeEvent event = mapper.stateEvent((GateEventMapper.State) outcome);
    assertThat(event.data()).isEqualTo(new DoorState(DOOR, DoorState.State.HELD_OPEN));
    assertThat(event.deviceId()).isEqualTo(DOOR);
    assertThat(mapper.kind("Door")).isEqualTo(GateProfile.EventKind.STATE);
    assertThat(mapper.kind("Alarm")).isNull();
  }

  @Test
  void wordsTheProfileDoesNotMapSkipTheItemAndNameTheField() {
    assertThat(mapper.state(DOOR, "Ajar", AT))
        .isEqualTo(new GateEventMapper.Skipped(new GateEventMapper.Unmapped("state", "Ajar")));
    assertThat(access("0042", "Fingerprint", "Granted", null, null))
        .isEqualTo(
            new GateEventMapper.Skipped(
                new GateEventMapper.Unmapped("credentialType", "Fingerprint")));
    assertThat(access("0042", "Card", "Maybe", null, null))
        .isEqualTo(new GateEventMapper.Skipped(new GateEventMapper.Unmapped("result", "Maybe")));
    assertThat(access("", "Card", "Granted", null, null))
        .isEqualTo(new GateEventMapper.Skipped(new GateEventMapper.Unmapped("credentialId", "")));
    assertThat(access("x".repeat(65), "Card", "Granted", null, null))
        .isInstanceOf(GateEventMapper.Skipped.class);
    assertThat(new GateEventMapper.Unmapped("state", "Ajar").describe(DOOR, ACME))
        .isEqualTo("door " + DOOR + ": state 'Ajar' is not in profile acme-ac2000 (values.state)");
  }

  @Test
  void anUnknownDirectionIsLeftOutAndNotedWhileThePresentationIsKept() {
    var outcome = (GateEventMapper.Mapped) access("0042", "Card", "Granted", null, "Sideways");

    assertThat(((DoorAccess) outcome.event().data()).direction()).isNull();
    assertThat(outcome.note()).isEqualTo(new GateEventMapper.Unmapped("direction", "Sideways"));
  }

  @Test
  void aReasonLongerThanTheContractTakesIsCut() {
    var outcome = (GateEventMapper.Mapped) access("0042", "Card", "Denied", "r".repeat(300), null);

    assertThat(((DoorAccess) outcome.event().data()).reason()).hasSize(128).endsWith("…");
  }
}
