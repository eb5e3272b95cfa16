package org.sharpeyes.edge.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.DeviceStatus.Availability;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.testing.MutableClock;

class DeviceHealthMonitorTest {

  static final String CAMERA = "43070200001320000001";
  static final String READER = "43070200001320000101";
  static final String GATE = "43070200001170000001";
  static final String CHILD = "43070200001320000201";

  static final String YAML =
      """
      edgeId: edge-test-01
      broker:
        url: tcp://127.0.0.1:1883
      health:
        grace: 20s
        hold: 10s
        refresh: 0s
        plateReaderSilence: 10m
      devices:
        - id: "%s"
          kind: camera
          camera:
            source: http://127.0.0.1:1/stream.mjpeg
            analysisFps: 6
        - id: "%s"
          kind: plate-reader
          plateHttp:
            port: 18081
        - id: "%s"
          kind: gate
          gate:
            endpoint: opc.tcp://127.0.0.1:4840/sharpeyes/gate
            securityPolicy: None
            securityMode: None
            profile: sharpeyes-gate-sim
      """;

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
  final RecordingSink sink = new RecordingSink();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final EdgeAgentConfig config = config();
  final Map<String, AdapterStatusTracker> trackers =
      config.devices().stream()
          .collect(Collectors.toMap(DeviceConfig::id, AdapterStatusTracker::new));
  final Function<String, AdapterSettings> settings =
      id -> config.device(id).map(DeviceConfig::settings).orElse(null);
  final DeviceHealthMonitor monitor =
      new DeviceHealthMonitor(
          config.health(),
          "edge-test-01",
          sink,
          new EventIds(clock, new SecureRandom()),
          clock,
          meters,
          () -> config.devices().stream().map(d -> trackers.get(d.id()).snapshot()).toList(),
          settings);

  static EdgeAgentConfig config() {
    return EdgeAgentConfigLoader.parse(YAML.formatted(CAMERA, READER, GATE)).orThrow();
  }

  DeviceHealthMonitorTest() {
    trackers.values().forEach(t -> t.runtime(RuntimeState.STARTED));
    allUp();
  }

  private void allUp() {
    trackers.get(CAMERA).contact(clock.instant());
    trackers.get(CAMERA).detail("fps", "6.0");
    trackers.get(GATE).contact(clock.instant());
    trackers.get(READER).contact(clock.instant());
  }

  /** Ticks every 5 s (the default period) for {@code duration}. */
  private void run(Duration duration) {
    for (long s = 0; s < duration.toSeconds(); s += 5) {
      clock.advance(Duration.ofSeconds(5));
      trackers.get(READER).contact(clock.instant()); // the reader keeps pushing unless told
      monitor.tick();
    }
  }

  private List<EdgeEvent> eventsOf(String deviceId) {
    return sink.offers().stream()
        .map(RecordingSink.Offer::event)
        .filter(e -> e.deviceId().equals(deviceId))
        .toList();
  }

  private static DeviceStatus data(EdgeEvent e) {
    return (DeviceStatus) e.data();
  }

  @Test
  void everyDeviceIsReportedOnceWhenTheGraceIsOverAndNotAgainWhileNothingChanges() {
    monitor.tick();
    run(Duration.ofSeconds(15));
    assertThat(sink.offers()).isEmpty(); // still in the grace

    run(Duration.ofSeconds(5));
    run(Duration.ofMinutes(5));

    assertThat(sink.offers())
        .extracting(o -> o.event().deviceId())
        .containsExactlyInAnyOrder(CAMERA, READER, GATE);
    assertThat(sink.offers())
        .allSatisfy(
            o -> {
              assertThat(o.event().edgeId()).isEqualTo("edge-test-01");
              assertThat(data(o.event()).status()).isEqualTo(Availability.ONLINE);
            });
    assertThat(data(eventsOf(CAMERA).get(0)).fps()).isEqualTo(6.0);
  }

  @Test
  void aGateWhoseSessionDropsIsReportedOfflineOnceAfterTheHoldAndOnlineWhenBack() {
    run(Duration.ofSeconds(30));
    trackers.get(GATE).connection(ConnectionState.DISCONNECTED);

    run(Duration.ofSeconds(5));
    assertThat(eventsOf(GATE)).hasSize(1); // not yet: the hold is 10 s
    run(Duration.ofSeconds(60));

    assertThat(eventsOf(GATE)).hasSize(2);
    EdgeEvent offline = eventsOf(GATE).get(1);
    assertThat(data(offline).status()).isEqualTo(Availability.OFFLINE);
    assertThat(data(offline).reason()).startsWith("OPC UA session down");
    assertThat(monitor.availability())
        .filteredOn(a -> a.deviceId().equals(GATE))
        .singleElement()
        .satisfies(a -> assertThat(a.reported()).isEqualTo(Availability.OFFLINE));

    trackers.get(GATE).contact(clock.instant());
    run(Duration.ofSeconds(60));

    assertThat(eventsOf(GATE)).hasSize(3);
    assertThat(data(eventsOf(GATE).get(2)).status()).isEqualTo(Availability.ONLINE);
    assertThat(meters.counter("sharpeyes.edge.device.status", "status", "offline").count())
        .isEqualTo(1);
  }

  @Test
  void aStreamThatDropsForLessThanTheHoldIsNotReported() {
    run(Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) {
      trackers.get(CAMERA).connection(ConnectionState.DISCONNECTED);
      run(Duration.ofSeconds(5));
      trackers.get(CAMERA).contact(clock.instant());
      run(Duration.ofSeconds(5));
    }

    assertThat(eventsOf(CAMERA))
        .singleElement()
        .satisfies(e -> assertThat(data(e).status()).isEqualTo(Availability.ONLINE));
  }

  @Test
  void aPlateReaderSilentForLongerThanConfiguredIsOffline() {
    run(Duration.ofSeconds(30));
    Instant lastPush = clock.instant();
    for (int i = 0; i < 12 * 12; i++) { // 12 minutes without a push
      clock.advance(Duration.ofSeconds(5));
      monitor.tick();
    }

    assertThat(eventsOf(READER)).hasSize(2);
    DeviceStatus offline = data(eventsOf(READER).get(1));
    assertThat(offline.status()).isEqualTo(Availability.OFFLINE);
    assertThat(offline.reason()).isEqualTo("silent for 10m");
    assertThat(eventsOf(READER).get(1).time()).isAfter(lastPush.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aCameraAnalysingBelowItsRateIsDegradedWithItsFps() {
    run(Duration.ofSeconds(30));
    trackers.get(CAMERA).detail("fps", "1.4");
    run(Duration.ofSeconds(30));

    DeviceStatus degraded = data(eventsOf(CAMERA).get(1));
    assertThat(degraded.status()).isEqualTo(Availability.DEGRADED);
    assertThat(degraded.fps()).isEqualTo(1.4);
    assertThat(degraded.reason()).isEqualTo("analysing 1.4 fps, below 3.0 (0.50 × analysisFps 6)");
  }

  @Test
  void childDevicesInTheDetailsAreReportedWithTheirOwnId() {
    trackers.get(GATE).detail(CHILD + ".online", "true");
    run(Duration.ofSeconds(30));
    trackers.get(GATE).detail(CHILD + ".online", "false");
    trackers.get(GATE).detail(CHILD + ".lastKeepaliveAt", "2026-12-07T08:00:20Z");
    run(Duration.ofSeconds(30));

    assertThat(eventsOf(CHILD))
        .extracting(e -> data(e).status())
        .containsExactly(Availability.ONLINE, Availability.OFFLINE);
    assertThat(data(eventsOf(CHILD).get(1)).reason())
        .isEqualTo("no keepalive since 2026-12-07T08:00:20Z");
  }

  @Test
  void anEventTheOutboxRefusesIsSentAgainAtTheNextTick() {
    sink.refuseWith("the outbox is full");
    run(Duration.ofSeconds(30));
    assertThat(sink.offers()).isEmpty();
    assertThat(meters.counter("sharpeyes.edge.device.status.refused").count()).isPositive();

    sink.refuseWith(null);
    run(Duration.ofSeconds(5));

    assertThat(sink.offers()).hasSize(3);
  }
}
