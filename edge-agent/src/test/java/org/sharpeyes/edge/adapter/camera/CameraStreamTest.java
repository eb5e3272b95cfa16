package org.sharpeyes.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.runtime.Backoff;

class CameraStreamTest {

  @TempDir Path dir;
  private final CameraCounters counters = new CameraCounters();
  private final List<int[]> sizes = new CopyOnWriteArrayList<>();
  private CameraStream stream;
  private Thread thread;

  private void start(String source, boolean loop, double fps, int width) {
    stream =
        new CameraStream(
            new CameraStream.Settings(source, loop, fps, width, Duration.ofSeconds(5)),
            new Backoff(
                new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Random(1),
                Clock.systemUTC()),
            Clock.systemUTC(),
            (bgr, at) -> sizes.add(new int[] {bgr.cols(), bgr.rows()}),
            CameraStream.Listener.NONE,
            counters);
    thread = new Thread(stream, "camera-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (stream != null) {
      stream.stop();
      thread.join(10_000);
    }
  }

  @Test
  void aFileIsPlayedOnceAtItsOwnPaceWithFramesAboveTheAnalysisRateSkippedAndTheRestScaledDown()
      throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("box.mp4"), 640, 360, 25, 2);

    start(video.toString(), false, 5, 320);

    await().atMost(Duration.ofSeconds(15)).until(stream::ended);
    assertThat(counters.decoded()).isEqualTo(50);
    assertThat(counters.analysed()).isBetween(9L, 11L);
    assertThat(counters.skipped()).isEqualTo(counters.decoded() - counters.analysed());
    assertThat(sizes).allSatisfy(s -> assertThat(s).containsExactly(320, 180));
    assertThat(stream.lastError()).isEqualTo("end of file");
  }

  @Test
  void aLoopedFileStartsAgainAtItsEnd() throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("loop.mp4"), 320, 180, 25, 1);

    start(video.toString(), true, 10, 0);

    await().atMost(Duration.ofSeconds(15)).until(() -> counters.decoded() > 60);
    assertThat(counters.reconnects()).isZero();
    assertThat(stream.state()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void aMissingSourceIsRetriedWithTheReasonInWords() {
    start(dir.resolve("no-such-camera.mp4").toString(), false, 5, 0);

    await().atMost(Duration.ofSeconds(10)).until(() -> counters.reconnects() >= 3);
    assertThat(stream.state()).isNotEqualTo(ConnectionState.CONNECTED);
    assertThat(stream.lastError()).startsWith("no such file");
    assertThat(counters.decoded()).isZero();
  }

  @Test
  void aSourceWithNothingListeningIsRefusedInWords() {
    start("http://127.0.0.1:1/stream.mjpeg", false, 5, 0);

    await().atMost(Duration.ofSeconds(10)).until(() -> counters.reconnects() >= 2);
    assertThat(stream.lastError()).startsWith("connection refused by 127.0.0.1:1");
  }
}
