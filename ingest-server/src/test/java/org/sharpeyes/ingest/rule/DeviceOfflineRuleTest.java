package org.sharpeyes.ingest.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.DeviceOfflineConfig;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.DeviceStatus.Availability;
import org.sharpeyes.schema.event.EdgeEvent;

/** Rule device-offline on its own: what it finds, when, and what it forgets. */
class DeviceOfflineRuleTest {

  private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
  private static final String READER = "43070200001320000101";

  private final RuleContext context =
      new RuleContext(DemoCity.data(), Clock.fixed(T0, ZoneOffset.UTC));
  private final DeviceOfflineRule rule =
      new DeviceOfflineRule(
          new DeviceOfflineConfig(Duration.ofMinutes(5), Map.of(), Severity.HIGH), 2);

  private static EdgeEvent status(String deviceId, Availability a, Instant at) {
    return new EdgeEvent(
        UUID.randomUUID().toString(),
        "edge-wuling-01",
        deviceId,
        1,
        at,
        new DeviceStatus(a, "cable", null, null));
  }

  @Test
  void aDegradedDeviceIsNotAnOutage() {
    rule.evaluate(status(READER, Availability.DEGRADED, T0), context);

    assertThat(rule.due(T0.plus(Duration.ofHours(1)), context)).isEmpty();
  }

  @Test
  void anOfflineReportAfterTheWaitFiresAtOnceAndTheNextOnesFoldWithTheSameSubject() {
    rule.evaluate(status(READER, Availability.OFFLINE, T0), context);

    AlertCandidate fired =
        rule.evaluate(status(READER, Availability.OFFLINE, T0.plusSeconds(301)), context)
            .orElseThrow();
    assertThat(fired.subjectType()).isEqualTo(SubjectType.DEVICE);
    assertThat(fired.subjectKey()).isEqualTo(READER);
    assertThat(fired.subjectLabel()).isEqualTo("火车站卡口 (" + READER + ")");
    assertThat(fired.severity()).isEqualTo(Severity.HIGH);
    assertThat(fired.reason()).startsWith("offline for 301 s, longer than 5 min: cable");
    assertThat(rule.due(T0.plus(Duration.ofHours(1)), context)).as("fired once").isEmpty();
    assertThat(rule.evaluate(status(READER, Availability.DEGRADED, T0.plusSeconds(400)), context))
        .hasValueSatisfying(c -> assertThat(c.subjectKey()).isEqualTo(READER));
  }

  @Test
  void pastItsBoundTheOldestOutageIsForgottenAndCounted() {
    rule.evaluate(status("43070200001320000101", Availability.OFFLINE, T0), context);
    rule.evaluate(status("43070200001320000102", Availability.OFFLINE, T0), context);
    rule.evaluate(status("43070200001320000103", Availability.OFFLINE, T0), context);

    assertThat(rule.forgotten()).isEqualTo(1);
    assertThat(rule.due(T0.plus(Duration.ofMinutes(5)), context))
        .extracting(f -> f.candidate().subjectKey())
        .containsExactly("43070200001320000102", "43070200001320000103");
  }

  @Test
  void anEdgeBackBeforeTheWaitRaisesNothing() {
    rule.edgeOffline("edge-wuling-01", READER, "430702", "edge-will-1-edge", T0, "edge");
    rule.edgeOnline("edge-wuling-01");

    assertThat(rule.due(T0.plus(Duration.ofHours(1)), context)).isEmpty();
  }
}
