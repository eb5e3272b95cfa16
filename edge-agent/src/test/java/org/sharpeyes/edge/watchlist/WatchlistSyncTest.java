package org.sharpeyes.edge.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.publish.Inbound;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.schema.sync.WatchlistManifestCodec;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.vision.matching.FaceMatcher;

class WatchlistSyncTest {

  private static final String EDGE = "edge-test";
  private static final Map<String, Double> THRESHOLDS =
      Map.of("red", 0.95, "orange", 0.97, "yellow", 0.99);
  private static final byte[] RED = ColourFaces.photo(0, 0, 200);
  private static final byte[] GREEN = ColourFaces.photo(0, 200, 0);
  private static final byte[] BLUE = ColourFaces.photo(200, 0, 0);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final WatchlistManifestCodec codec = new WatchlistManifestCodec();
  private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();
  private final List<WatchlistSync> syncs = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    syncs.forEach(WatchlistSync::close);
    executors.forEach(ScheduledExecutorService::shutdownNow);
  }

  @Test
  void aNewManifestFetchesItsPhotosAndTheCamerasThenNameThePerson() {
    WatchlistSync sync = started();
    Broker broker = new Broker();
    sync.connected(broker);
    await().until(() -> broker.subscribed.contains(Topics.sync(EDGE, "watchlist")));

    sync.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(1, person("KP0001", "red", RED), person("KP0002", "yellow", GREEN)));

    await().until(() -> broker.subscribed.containsAll(photoTopics(RED, GREEN)));
    sync.arrived(photoTopic(RED), RED);
    sync.arrived(photoTopic(GREEN), GREEN);
    await()
        .until(
            () ->
                sync.status().pendingVersion() == null
                    && sync.status().templates().get(ColourFaces.MODEL) == 2);

    FaceMatcher matcher = sync.matcher(ColourFaces.MODEL, THRESHOLDS).get();
    assertThat(matcher.best(ColourFaces.template(0, 0, 1)).orElseThrow().personId())
        .isEqualTo("KP0001");
    assertThat(matcher.best(ColourFaces.template(1, 0, 0))).isEmpty();
    assertThat(broker.unsubscribed).containsAll(photoTopics(RED, GREEN));
    assertThat(sync.status().version()).isEqualTo(1);
  }

  @Test
  void aRestartTakesTheWatchlistFromDiskAndFetchesOnlyWhatChanged() {
    WatchlistSync first = started();
    Broker broker = new Broker();
    first.connected(broker);
    first.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(1, person("KP0001", "red", RED), person("KP0002", "red", GREEN)));
    await().until(() -> broker.subscribed.containsAll(photoTopics(RED, GREEN)));
    first.arrived(photoTopic(RED), RED);
    first.arrived(photoTopic(GREEN), GREEN);
    await().until(() -> first.status().templates().get(ColourFaces.MODEL) == 2);
    first.close();

    WatchlistSync second = started();
    assertThat(second.status().version()).isEqualTo(1);
    assertThat(second.matcher(ColourFaces.MODEL, THRESHOLDS).get().size()).isEqualTo(2);

    Broker again = new Broker();
    second.connected(again);
    second.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(1, person("KP0001", "red", RED), person("KP0002", "red", GREEN)));
    second.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(2, person("KP0001", "red", RED), person("KP0003", "orange", BLUE)));
    await().until(() -> again.subscribed.contains(photoTopic(BLUE)));
    assertThat(again.subscribed).doesNotContainAnyElementsOf(photoTopics(RED, GREEN));
    // KP0002 left the watchlist: the cameras stop naming it before the new photo is in.
    await().until(() -> second.status().version() == 2);
    assertThat(
            second.matcher(ColourFaces.MODEL, THRESHOLDS).get().best(ColourFaces.template(0, 1, 0)))
        .isEmpty();

    second.arrived(photoTopic(BLUE), BLUE);
    await().until(() -> second.status().pendingVersion() == null);
    assertThat(
            second
                .matcher(ColourFaces.MODEL, THRESHOLDS)
                .get()
                .best(ColourFaces.template(1, 0, 0))
                .orElseThrow()
                .personId())
        .isEqualTo("KP0003");
  }

  @Test
  void aPhotoThatIsCorruptOrShowsNoFaceIsReportedAndTheOthersStillEnrol() {
    WatchlistSync sync = started();
    Broker broker = new Broker();
    sync.connected(broker);
    byte[] black = ColourFaces.photo(0, 0, 0);
    sync.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(
            3,
            person("KP0001", "red", RED),
            person("KP0002", "red", black),
            person("KP0003", "red", GREEN)));
    await().until(() -> broker.subscribed.size() == 4);

    sync.arrived(photoTopic(RED), RED);
    sync.arrived(photoTopic(black), black);
    byte[] damaged = GREEN.clone();
    damaged[damaged.length / 2] ^= 0x55;
    sync.arrived(photoTopic(GREEN), damaged);

    await().until(() -> sync.status().pendingVersion() == null);
    WatchlistStatus status = sync.status();
    assertThat(status.templates()).containsEntry(ColourFaces.MODEL, 1);
    assertThat(status.photoProblems())
        .containsEntry(
            WatchlistSync.sha256(black), ColourFaces.MODEL + ": no face found by colour-detector")
        .containsEntry(
            WatchlistSync.sha256(GREEN),
            "its bytes do not match its digest (corrupted on the way)");
    assertThat(status.personsWithoutTemplate().get(ColourFaces.MODEL))
        .containsExactly("KP0002", "KP0003");
  }

  @Test
  void aRefusedManifestKeepsTheCurrentWatchlistAndSaysWhy() {
    WatchlistSync sync = started();
    Broker broker = new Broker();
    sync.connected(broker);
    sync.arrived(Topics.sync(EDGE, "watchlist"), manifest(1, person("KP0001", "red", RED)));
    await().until(() -> broker.subscribed.contains(photoTopic(RED)));
    sync.arrived(photoTopic(RED), RED);
    await().until(() -> sync.status().templates().get(ColourFaces.MODEL) == 1);

    sync.arrived(
        Topics.sync(EDGE, "watchlist"),
        "{\"version\":2,\"persons\":[{\"personId\":\"KP0001\",\"riskLevel\":\"purple\",\"photos\":[]}]}"
            .getBytes(StandardCharsets.UTF_8));

    await().until(() -> sync.status().lastError() != null);
    assertThat(sync.status().lastError()).contains("persons[0].riskLevel: 'purple'");
    assertThat(sync.status().version()).isEqualTo(1);
    assertThat(sync.matcher(ColourFaces.MODEL, THRESHOLDS).get().size()).isEqualTo(1);
  }

  @Test
  void aPhotoThatNeverArrivesIsGivenUpOnAndTheRestIsApplied() {
    WatchlistSync sync = started();
    Broker broker = new Broker();
    sync.connected(broker);
    sync.arrived(
        Topics.sync(EDGE, "watchlist"),
        manifest(1, person("KP0001", "red", RED), person("KP0002", "red", GREEN)));
    await().until(() -> broker.subscribed.containsAll(photoTopics(RED, GREEN)));
    sync.arrived(photoTopic(RED), RED);

    clock.advance(WatchlistSync.PHOTO_TIMEOUT.plusSeconds(1));

    await().atMost(Duration.ofSeconds(15)).until(() -> sync.status().pendingVersion() == null);
    assertThat(sync.status().photoProblems())
        .containsEntry(WatchlistSync.sha256(GREEN), "not received within 30 s of asking");
    assertThat(broker.unsubscribed).contains(photoTopic(GREEN));
    assertThat(sync.matcher(ColourFaces.MODEL, THRESHOLDS).get().size()).isEqualTo(1);
  }

  private WatchlistSync started() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    executors.add(executor);
    WatchlistSync sync =
        new WatchlistSync(
            EDGE,
            List.of(ColourFaces.GROUP),
            new TemplateCache(dir),
            clock,
            executor,
            new SimpleMeterRegistry(),
            ColourFaces::enroller);
    sync.start();
    syncs.add(sync);
    return sync;
  }

  private byte[] manifest(long version, WatchlistManifest.Person... persons) {
    return codec.encode(new WatchlistManifest(version, clock.instant(), List.of(persons)));
  }

  private static WatchlistManifest.Person person(String id, String level, byte[] photo) {
    return new WatchlistManifest.Person(id, level, null, List.of(WatchlistSync.sha256(photo)));
  }

  private static String photoTopic(byte[] photo) {
    return Topics.watchlistPhoto(WatchlistSync.sha256(photo));
  }

  private static List<String> photoTopics(byte[]... photos) {
    return java.util.Arrays.stream(photos).map(WatchlistSyncTest::photoTopic).toList();
  }

  /** Records what the sync subscribes to. */
  private static final class Broker implements Inbound.Subscriber {
    final List<String> subscribed = new CopyOnWriteArrayList<>();
    final List<String> unsubscribed = new CopyOnWriteArrayList<>();

    @Override
    public void subscribe(List<String> topicFilters) {
      subscribed.addAll(topicFilters);
    }

    @Override
    public void unsubscribe(List<String> topicFilters) {
      unsubscribed.addAll(topicFilters);
    }
  }
}
