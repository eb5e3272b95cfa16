package org.sharpeyes.ingest.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventData;

/** The four access-control rules on the demo city's doors and key persons. */
class AccessRulesTest {

  /** 柳湾小区东门门禁 and 桂园小区南门门禁 (devices.csv). */
  private static final String EAST_GATE = "43070200001340000001";

  private static final String SOUTH_GATE = "43070200001340000002";
  private static final String KP0001_CARD = "CARD-000132"; // 王建军, red
  private static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z"); // 10:00 in Beijing
  private static final RuleContext CONTEXT =
      new RuleContext(DemoCity.data(), Clock.fixed(T0, ZoneOffset.UTC));
  private int ids;

  @Test
  void aForcedDoorRaisesAnAlertNamingTheDoorAndItsSite() {
    AlertCandidate alert =
        new DoorForcedRule()
            .evaluate(state(EAST_GATE, DoorState.State.FORCED, T0), CONTEXT)
            .orElseThrow();

    assertThat(alert.rule()).isEqualTo("door-forced");
    assertThat(alert.subjectType()).isEqualTo(SubjectType.DOOR);
    assertThat(alert.subjectKey()).isEqualTo(EAST_GATE);
    assertThat(alert.subjectLabel()).isEqualTo("柳湾小区东门门禁");
    assertThat(alert.severity()).isEqualTo(Severity.HIGH);
    assertThat(new DoorForcedRule().evaluate(state(EAST_GATE, DoorState.State.OPEN, T0), CONTEXT))
        .isEmpty();
  }

  @Test
  void aDoorOpenLongerThanTheLimitFiresOnTheTimerWithoutAnotherEvent() {
    DoorHeldRule rule = new DoorHeldRule(Duration.ofSeconds(60), 100);
    EdgeEvent opened = state(EAST_GATE, DoorState.State.OPEN, T0);
    assertThat(rule.evaluate(opened, CONTEXT)).isEmpty();

    assertThat(rule.due(T0.plusSeconds(59), CONTEXT)).isEmpty();
    List<TimedRule.Finding> due = rule.due(T0.plusSeconds(61), CONTEXT);

    assertThat(due)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.candidate().rule()).isEqualTo("door-held");
              assertThat(f.candidate().subjectKey()).isEqualTo(EAST_GATE);
              assertThat(f.candidate().reason()).isEqualTo("door open 61 s, longer than 60 s");
              assertThat(f.eventId()).isEqualTo(opened.id());
              assertThat(f.deviceId()).isEqualTo(EAST_GATE);
            });
    assertThat(rule.due(T0.plusSeconds(120), CONTEXT)).as("once per opening").isEmpty();
  }

  @Test
  void aDoorClosedInTimeOrReportedHeldLateRaisesOnlyWhatIsDue() {
    DoorHeldRule rule = new DoorHeldRule(Duration.ofSeconds(60), 100);
    rule.evaluate(state(EAST_GATE, DoorState.State.OPEN, T0), CONTEXT);
    rule.evaluate(state(EAST_GATE, DoorState.State.CLOSED, T0.plusSeconds(30)), CONTEXT);
    assertThat(rule.due(T0.plusSeconds(90), CONTEXT)).isEmpty();

    rule.evaluate(state(SOUTH_GATE, DoorState.State.OPEN, T0), CONTEXT);
    Optional<AlertCandidate> held =
        rule.evaluate(state(SOUTH_GATE, DoorState.State.HELD_OPEN, T0.plusSeconds(75)), CONTEXT);

    assertThat(held).hasValueSatisfying(a -> assertThat(a.reason()).startsWith("door open 75 s"));
    assertThat(rule.due(T0.plusSeconds(200), CONTEXT)).isEmpty();
  }

  @Test
  void enoughDeniedAttemptsAtOneDoorWithinTheWindowRaiseAnAlertAboutTheDoor() {
    AccessDeniedBurstRule rule = new AccessDeniedBurstRule(3, Duration.ofMinutes(2), 100);

    assertThat(rule.evaluate(denied(EAST_GATE, "CARD-900001", T0), CONTEXT)).isEmpty();
    assertThat(rule.evaluate(denied(EAST_GATE, "CARD-900002", T0.plusSeconds(200)), CONTEXT))
        .as("the first is out of the window")
        .isEmpty();
    assertThat(rule.evaluate(denied(EAST_GATE, "CARD-900003", T0.plusSeconds(230)), CONTEXT))
        .isEmpty();
    AlertCandidate alert =
        rule.evaluate(denied(EAST_GATE, "CARD-900004", T0.plusSeconds(260)), CONTEXT).orElseThrow();

    assertThat(alert.rule()).isEqualTo("access-denied-burst");
    assertThat(alert.subjectType()).isEqualTo(SubjectType.DOOR);
    assertThat(alert.reason()).isEqualTo("3 denied attempts within 120 s at 柳湾小区东门门禁");
  }

  @Test
  void aKeyPersonsCardDeniedAtSeveralDoorsRaisesAnAlertAboutThePerson() {
    AccessDeniedBurstRule rule = new AccessDeniedBurstRule(3, Duration.ofMinutes(2), 100);

    rule.evaluate(denied(EAST_GATE, KP0001_CARD, T0), CONTEXT);
    rule.evaluate(denied(SOUTH_GATE, KP0001_CARD, T0.plusSeconds(10)), CONTEXT);
    AlertCandidate alert =
        rule.evaluate(denied("43070300001340000001", KP0001_CARD, T0.plusSeconds(20)), CONTEXT)
            .orElseThrow();

    assertThat(alert.subjectType()).isEqualTo(SubjectType.PERSON);
    assertThat(alert.personId()).isEqualTo("KP0001");
    assertThat(alert.reason()).contains("with credential CARD-000132");
    AlertCandidate stranger =
        burstOf(new AccessDeniedBurstRule(2, Duration.ofMinutes(2), 100), "CARD-777777");
    assertThat(stranger.subjectType()).isEqualTo(SubjectType.CREDENTIAL);
    assertThat(stranger.subjectKey()).isEqualTo("CARD-777777");
  }

  @Test
  void aKeyPersonLetInOutsideTheAllowedHoursRaisesAnAlertAtTheirRiskLevel() {
    OffHoursAccessRule rule =
        new OffHoursAccessRule(AccessRulesConfig.defaults()); // 06:00–22:00, Asia/Shanghai
    Instant lateNight = Instant.parse("2026-11-27T17:30:00Z"); // 01:30 in Beijing

    AlertCandidate alert =
        rule.evaluate(granted(EAST_GATE, KP0001_CARD, lateNight), CONTEXT).orElseThrow();

    assertThat(alert.rule()).isEqualTo("off-hours-access");
    assertThat(alert.personId()).isEqualTo("KP0001");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.reason())
        .isEqualTo(
            "access granted at 01:30, outside 06:00–22:00, at 柳湾小区东门门禁 with card CARD-000132");
    assertThat(rule.evaluate(granted(EAST_GATE, KP0001_CARD, T0), CONTEXT))
        .as("10:00 is allowed")
        .isEmpty();
    assertThat(rule.evaluate(granted(EAST_GATE, "CARD-900001", lateNight), CONTEXT))
        .as("nobody's card")
        .isEmpty();
  }

  @Test
  void offHoursAreWatchedOnlyAtTheListedDoorsAndMayCrossMidnight() {
    AccessRulesConfig nights =
        new AccessRulesConfig(
            5,
            Duration.ofMinutes(2),
            Duration.ofMinutes(1),
            LocalTime.of(22, 0),
            LocalTime.of(6, 0),
            ZoneId.of("Asia/Shanghai"),
            Set.of(SOUTH_GATE));
    OffHoursAccessRule rule = new OffHoursAccessRule(nights);
    Instant lateNight = Instant.parse("2026-11-27T17:30:00Z"); // 01:30, within 22:00–06:00

    assertThat(rule.evaluate(granted(SOUTH_GATE, KP0001_CARD, lateNight), CONTEXT)).isEmpty();
    assertThat(rule.evaluate(granted(SOUTH_GATE, KP0001_CARD, T0), CONTEXT)).isPresent();
    assertThat(rule.evaluate(granted(EAST_GATE, KP0001_CARD, T0), CONTEXT))
        .as("not a listed door")
        .isEmpty();
  }

  private AlertCandidate burstOf(AccessDeniedBurstRule rule, String card) {
    rule.evaluate(denied(EAST_GATE, card, T0), CONTEXT);
    return rule.evaluate(denied(SOUTH_GATE, card, T0.plusSeconds(5)), CONTEXT).orElseThrow();
  }

  private EdgeEvent state(String door, DoorState.State state, Instant at) {
    return event(door, at, new DoorState(door, state));
  }

  private EdgeEvent denied(String door, String card, Instant at) {
    return event(
        door,
        at,
        new DoorAccess(
            door,
            DoorAccess.CredentialType.CARD,
            card,
            DoorAccess.Result.DENIED,
            "unknown-card",
            DoorAccess.Direction.IN));
  }

  private EdgeEvent granted(String door, String card, Instant at) {
    return event(
        door,
        at,
        new DoorAccess(
            door,
            DoorAccess.CredentialType.CARD,
            card,
            DoorAccess.Result.GRANTED,
            null,
            DoorAccess.Direction.IN));
  }

  private EdgeEvent event(String door, Instant at, EventData data) {
    return new EdgeEvent("e-" + (++ids), "edge-wuling-01", door, ids, at, data);
  }
}
