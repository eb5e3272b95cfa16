package org.sharpeyes.sims.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.sims.viid.CaptureFactoryTest.DEVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.plate.PlatePool;

class ViidSimulatorTest {

  private static final String PASSWORD = "s3cret-Pw";

  private FakeViidPlatform platform;
  private ViidSimulator running;

  @BeforeEach
  void startPlatform() throws Exception {
    platform = new FakeViidPlatform(Map.of(DEVICE, PASSWORD));
  }

  @AfterEach
  void stopAll() {
    if (running != null) {
      running.stop();
    }
    platform.close();
  }

  private ViidSimulatorOptions.Builder options() {
    return ViidSimulatorOptions.builder()
        .url(platform.url())
        .deviceId(DEVICE)
        .password(PASSWORD)
        .ratePerSecond(500)
        .pictureBytes(30_000)
        .maxBackoff(Duration.ofMillis(200));
  }

  @Test
  void registersWithDigestPostsVehiclesInBatchesAndUnregisters() {
    ViidReport report = ViidSimulator.of(options().count(12).batch(4).seed(9).build()).run();

    assertThat(report.registrationRefused()).isFalse();
    assertThat(report.sent()).isEqualTo(12);
    assertThat(report.ok()).isEqualTo(12);
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.registrations()).isEqualTo(1);
    assertThat(platform.batchSizes).containsExactly(4, 4, 4);
    assertThat(platform.registrations).hasValue(1);
    assertThat(platform.unregistrations).hasValue(1);
    assertThat(platform.timeRequests).hasValue(1);
    assertThat(platform.digestFailures).hasValue(0);
    assertThat(platform.userIdentify).isNotEmpty().allMatch(DEVICE::equals);
    assertThat(platform.contentTypes).allMatch(t -> t.startsWith("application/VIID+JSON"));
    JsonNode first = platform.objects.get(0);
    assertThat(first.get("MotorVehicleID").asText()).hasSize(48);
    byte[] picture =
        Base64.getDecoder()
            .decode(
                first.get("SubImageList").get("SubImageInfoObject").get(0).get("Data").asText());
    assertThat(picture.length).isEqualTo(30_000);
    assertThat(report.latency().count()).isEqualTo(3);
    assertThat(report.summary()).contains("sent      12 objects in 3 requests", "ok        12");
  }

  @Test
  void theSameSeedSendsTheSamePlates() throws Exception {
    ViidSimulator.of(options().count(15).batch(5).seed(77).build()).run();
    List<String> first = plates();
    platform.objects.clear();
    ViidSimulator.of(options().count(15).batch(5).seed(77).build()).run();

    assertThat(plates()).hasSize(15).isEqualTo(first);
  }

  @Test
  void misreadsAreSentAndCounted() {
    PlatePool pool = PlatePool.of(List.of("湘JA1058", "湘JB2860"), List.of());
    List<Capture> seen = new CopyOnWriteArrayList<>();
    ViidReport report =
        new ViidSimulator(
                options().count(10).batch(5).pool(pool).misreadShare(1).build(),
                Clock.systemUTC(),
                new ViidListener() {
                  @Override
                  public void answered(Capture capture, ResponseStatus status) {
                    seen.add(capture);
                  }
                })
            .run();

    assertThat(report.misreadSent()).isEqualTo(10);
    assertThat(plates()).hasSize(10).doesNotContain("湘JA1058", "湘JB2860");
    assertThat(seen).hasSize(10).allMatch(c -> c.isMisread() && c.describe().contains(" read as "));
  }

  @Test
  void anObjectThePlatformRefusesIsCountedWithItsReason() {
    PlatePool pool = PlatePool.of(List.of("湘JA1058"), List.of());
    platform.objectAnswer =
        o ->
            platform.objects.size() == 2
                ? new Object[] {8, "PlateNo is not a plate"}
                : new Object[] {0, "OK"};

    ViidReport report = ViidSimulator.of(options().count(4).batch(4).pool(pool).build()).run();

    assertThat(report.sent()).isEqualTo(4);
    assertThat(report.ok()).isEqualTo(3);
    assertThat(report.refused(8)).isEqualTo(1);
    assertThat(report.reasonByCode()).containsEntry(8, "PlateNo is not a plate");
    assertThat(report.summary()).contains("code 8 ×1: PlateNo is not a plate");
  }

  @Test
  void anHttpErrorLeavesTheObjectsWithoutAVerdictAndSaysWhy() {
    platform.objectsHttpStatus = 413;

    ViidReport report = ViidSimulator.of(options().count(6).batch(3).build()).run();

    assertThat(report.sent()).isEqualTo(6);
    assertThat(report.ok()).isZero();
    assertThat(report.unansweredByReason())
        .containsExactly(Map.entry("HTTP 413: the request is too large", 6L));
    assertThat(report.summary()).contains("no verdict 6", "HTTP 413: the request is too large ×6");
  }

  @Test
  void aWrongPasswordEndsTheRunWithTheReason() {
    ViidReport report = ViidSimulator.of(options().password("wrong").count(5).build()).run();

    assertThat(report.registrationRefused()).isTrue();
    assertThat(report.registrationRefusal()).contains(DEVICE, "401", "password");
    assertThat(report.sent()).isZero();
    assertThat(platform.objects).isEmpty();
    assertThat(report.summary()).contains("REFUSED");
  }

  @Test
  void keepsAliveAndAnswersAStaleNonceWithoutFailing() throws Exception {
    running =
        ViidSimulator.of(options().ratePerSecond(20).keepalive(Duration.ofMillis(150)).build());
    CompletableFuture<ViidReport> done = running.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.keepalives.get() >= 2);
    platform.expireNonce();
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.keepalives.get() >= 4);
    running.stop();
    ViidReport report = done.get(10, TimeUnit.SECONDS);

    assertThat(report.keepalivesOk()).isGreaterThanOrEqualTo(4);
    assertThat(report.keepalivesFailed()).isZero();
    assertThat(report.registrations()).isEqualTo(1);
    assertThat(report.unanswered()).isZero();
    assertThat(report.ok()).isEqualTo(report.sent()).isPositive();
    assertThat(platform.unregistrations).hasValue(1);
  }

  @Test
  void registersAgainWhenThePlatformForgetsItOrRestarts() throws Exception {
    running =
        ViidSimulator.of(options().ratePerSecond(20).keepalive(Duration.ofMillis(100)).build());
    CompletableFuture<ViidReport> done = running.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.keepalives.get() >= 1);

    platform.forgetDevices();
    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot().registrations() == 2);

    platform.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !running.isRegistered());
    platform.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> running.snapshot().registrations() == 3);
    running.stop();
    ViidReport report = done.get(10, TimeUnit.SECONDS);

    assertThat(report.registrationRefused()).isFalse();
    assertThat(report.registrations()).isEqualTo(3);
    assertThat(report.registrationFailures() + report.keepalivesFailed() + report.unanswered())
        .isPositive();
  }

  @Test
  void objectsRefusedAsNotRegisteredAreCountedAndTheDeviceRegistersAgain() throws Exception {
    running =
        ViidSimulator.of(options().ratePerSecond(50).keepalive(Duration.ofMinutes(5)).build());
    CompletableFuture<ViidReport> done = running.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot().ok() >= 3);

    platform.forgetDevices();
    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot().registrations() == 2);
    long okBefore = running.snapshot().ok();
    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot().ok() > okBefore);
    running.stop();
    ViidReport report = done.get(10, TimeUnit.SECONDS);

    assertThat(report.refused(4)).isPositive();
    assertThat(report.reasonByCode().get(4)).contains("is not registered");
    assertThat(platform.keepalives).hasValue(0);
  }

  @Test
  void aSilentDeviceStopsKeepingAliveAndDoesNotUnregister() {
    ViidReport report =
        ViidSimulator.of(
                options()
                    .ratePerSecond(10)
                    .keepalive(Duration.ofMillis(100))
                    .silentAfter(Duration.ofMillis(350))
                    .duration(Duration.ofMillis(1200))
                    .build())
            .run();

    assertThat(report.keepalivesOk()).isBetween(2L, 4L);
    assertThat(platform.keepalives.get()).isEqualTo((int) report.keepalivesOk());
    assertThat(platform.unregistrations).hasValue(0);
    assertThat(report.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void postsFacesWithPortraits() {
    Portrait portrait = new Portrait("p.jpg", TestJpegs.jpeg(160, 200), 160, 200);
    ViidReport report =
        ViidSimulator.of(
                options()
                    .kinds(EnumSet.of(CaptureKind.FACE))
                    .portraits(List.of(portrait))
                    .count(6)
                    .batch(3)
                    .build())
            .run();

    assertThat(report.ok()).isEqualTo(6);
    assertThat(platform.batchSizes).containsExactly(3, 3);
    assertThat(platform.objects).allMatch(o -> o.get("FaceID").asText().length() == 48);
  }

  private List<String> plates() {
    return platform.objects.stream().map(o -> o.get("PlateNo").asText()).toList();
  }
}
