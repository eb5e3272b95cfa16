package org.sharpeyes.ingest.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.ingest.device.DeviceFixture.EDGE;
import static org.sharpeyes.ingest.device.DeviceFixture.READER;
import static org.sharpeyes.schema.event.DeviceStatus.Availability.DEGRADED;
import static org.sharpeyes.schema.event.DeviceStatus.Availability.OFFLINE;
import static org.sharpeyes.schema.event.DeviceStatus.Availability.ONLINE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertLocation;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.rule.RuleContext;
import org.sharpeyes.ingest.rule.SubjectType;
import org.sharpeyes.ingest.rule.TimedRule;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Device health on one database engine; H2DeviceOfflineTest and PostgresDeviceOfflineTest run it.
 */
abstract class DeviceOfflineContract {

  static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

  abstract TestDatabase database();

  private TestDatabase db;
  private MutableClock clock;
  private ExecutorService recoveries;
  private DeviceFixture server;

  @BeforeEach
  void start() throws Exception {
    db = database();
    clock = new MutableClock(T0);
    recoveries = Executors.newSingleThreadExecutor();
    server = new DeviceFixture(db, clock, recoveries);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    recoveries.shutdownNow();
    db.close();
  }

  @Test
  void deviceOfflineLongerThanTheWaitRaisesOneAlertAtItsGridDeskFoldsReportsAndClosesWhenBack()
      throws Exception {
    server.report(READER, OFFLINE, "no answer on port 80");
    clock.advance(Duration.ofMinutes(4));
    server.tick();
    assertThat(server.offlineAlerts(READER)).as("not yet 5 min").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    server.tick();
    server.tick();
    List<Alert> raised = server.offlineAlerts(READER);
    assertThat(raised).hasSize(1);
    Alert alert = raised.get(0);
    assertThat(alert.subjectType()).isEqualTo(SubjectType.DEVICE);
    assertThat(alert.severity().label()).isEqualTo("medium");
    assertThat(alert.firstSeen()).isEqualTo(T0);
    assertThat(alert.regionPath()).endsWith("/430702002001/");
    assertThat(server.workflow.store().get(alert.id()).orElseThrow().handling().deskCode())
        .as("the village desk of the reader's grid")
        .isEqualTo("430702002001");

    clock.advance(Duration.ofMinutes(2));
    server.report(READER, OFFLINE, "no answer on port 80");
    server.report(READER, DEGRADED, "2 fps");
    assertThat(server.offlineAlerts(READER))
        .singleElement()
        .satisfies(a -> assertThat(a.count()).isEqualTo(3));

    clock.advance(Duration.ofMinutes(5).plusSeconds(30));
    server.report(READER, ONLINE, null);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.offlineAlerts(READER))
                    .singleElement()
                    .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED)));
    List<AlertStep> timeline = server.workflow.store().timeline(alert.id(), 10);
    assertThat(timeline)
        .anySatisfy(
            s -> {
              assertThat(s.action()).isEqualTo("recover");
              assertThat(s.actor()).isEqualTo("system");
              assertThat(s.note()).isEqualTo("back online after 12m 30s");
            });
    assertThat(server.devices.state(READER).orElseThrow().availability())
        .isEqualTo(Availability.ONLINE);
    assertThat(server.registry.get("sharpeyes.devices.recovered").counter().count()).isEqualTo(1);
  }

  @Test
  void deviceOfflineShorterThanTheWaitRaisesNothing() throws Exception {
    server.report(READER, OFFLINE, "rebooting");
    clock.advance(Duration.ofMinutes(4));
    server.report(READER, ONLINE, null);
    clock.advance(Duration.ofMinutes(10));
    server.tick();

    assertThat(server.offlineAlerts(READER)).isEmpty();
    assertThat(
            server.registry.get("sharpeyes.devices").tag("availability", "online").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void aKindWithALongerWaitRaisesOnlyAfterIt() throws Exception {
    String gate = "43070200001340000001";
    server.report(gate, OFFLINE, null);
    clock.advance(Duration.ofMinutes(10));
    server.tick();
    assertThat(server.offlineAlerts(gate)).as("gates wait 30 min").isEmpty();

    clock.advance(Duration.ofMinutes(20));
    server.tick();
    assertThat(server.offlineAlerts(gate)).hasSize(1);
  }

  @Test
  void anEdgesLastWillRaisesAnAlertForTheEdgeAtTheRegionOfItsDevicesAfterTheWait()
      throws Exception {
    server.edge(EdgeStatusMessage.State.OFFLINE);
    DeviceState behind = server.devices.state(READER).orElseThrow();
    assertThat(behind.availability()).isEqualTo(Availability.UNKNOWN);
    assertThat(behind.reason()).isEqualTo("edge-offline");

    clock.advance(Duration.ofMinutes(4));
    server.tick();
    assertThat(server.offlineAlerts(EDGE)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    server.tick();

    Alert alert = server.offlineAlerts(EDGE).get(0);
    assertThat(alert.subjectType()).isEqualTo(SubjectType.EDGE);
    assertThat(alert.regionPath())
        .as("武陵区, where all its devices stand")
        .isEqualTo("/430700/430702/");
    assertThat(server.workflow.store().get(alert.id()).orElseThrow().handling().deskCode())
        .isEqualTo("430702");

    clock.advance(Duration.ofMinutes(1));
    server.edge(EdgeStatusMessage.State.ONLINE);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.offlineAlerts(EDGE).get(0).state())
                    .isEqualTo(AlertState.RESOLVED));
    assertThat(server.workflow.store().timeline(alert.id(), 10))
        .anySatisfy(s -> assertThat(s.note()).isEqualTo("back online after 6m 0s"));
    assertThat(server.devices.state(READER).orElseThrow().availability())
        .as("no report yet since the edge is back")
        .isEqualTo(Availability.UNKNOWN);
    assertThat(server.devices.state(READER).orElseThrow().reason()).isNull();
  }

  @Test
  void statesAndOutagesSurviveARestart() throws Exception {
    server.report(READER, OFFLINE, "no answer");
    clock.advance(Duration.ofMinutes(3));
    server.close();

    server = new DeviceFixture(db, clock, recoveries);
    DeviceState rebuilt = server.devices.state(READER).orElseThrow();
    assertThat(rebuilt.availability()).isEqualTo(Availability.OFFLINE);
    assertThat(rebuilt.since()).isEqualTo(T0);
    assertThat(rebuilt.reason()).isEqualTo("no answer");
    clock.advance(Duration.ofMinutes(2));
    server.tick();
    assertThat(server.offlineAlerts(READER)).as("the wait went on across the restart").hasSize(1);

    server.close();
    server = new DeviceFixture(db, clock, recoveries);
    clock.advance(Duration.ofMinutes(1));
    server.tick();
    assertThat(server.offlineAlerts(READER))
        .as("the restarted rule finds its alert again")
        .singleElement()
        .satisfies(a -> assertThat(a.count()).isEqualTo(1));
  }

  @Test
  void anOlderReportArrivingLateDoesNotOverwriteANewerOne() throws Exception {
    server.report(READER, ONLINE, null);
    clock.advance(Duration.ofMinutes(1));
    server.report(READER, OFFLINE, "cable");
    clock.advance(Duration.ofMinutes(-2));
    server.report(READER, ONLINE, null);

    assertThat(server.devices.state(READER).orElseThrow().availability())
        .isEqualTo(Availability.OFFLINE);
  }

  @Test
  void anAlertTheTimerStoresJustAfterTheDeviceCameBackIsClosedAtOnce() throws Exception {
    server.report(READER, OFFLINE, "no answer");
    clock.advance(Duration.ofMinutes(6));
    // The timer decided before the online report, and stores its alert only after it.
    List<TimedRule.Finding> decided = server.alerts.deviceOffline().due(clock.instant(), context());
    server.report(READER, ONLINE, null);
    TimedRule.Finding late = decided.get(0);
    AlertChange raised =
        server
            .alerts
            .store()
            .record(
                late.candidate(),
                new AlertLocation(READER, null, null, "/430700/430702/"),
                late.eventId(),
                late.seenAt());
    server.alerts.feed().publish(raised);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.offlineAlerts(READER))
                    .singleElement()
                    .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED)));
    assertThat(server.workflow.store().timeline(raised.alert().id(), 10))
        .anySatisfy(s -> assertThat(s.note()).isEqualTo("back online after 6m 0s"));
  }

  private RuleContext context() {
    return new RuleContext(server.alerts.reference(), clock);
  }
}
