package org.sharpeyes.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.id.EventIds;

/**
 * A camera publishes the rate it analyses at as its status detail {@code fps} (on the fallback
 * models, so that it runs without the fetched ones).
 */
class CameraFpsTest {

  @TempDir Path dir;
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private CameraAdapter adapter;

  @AfterEach
  void stop() throws Exception {
    if (adapter != null) {
      adapter.stop().get(20, TimeUnit.SECONDS);
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  @Test
  void aLoopingStreamAnalysedAtFiveFramesASecondShowsAboutFiveFps() throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("box.mp4"), 320, 180, 25, 2);
    CameraAdapterConfig config =
        new CameraAdapterConfig(
            video.toString(),
            true,
            5,
            0,
            Duration.ofSeconds(5),
            new Backoff.Bounds(Duration.ofMillis(100), Duration.ofSeconds(1)),
            null,
            new CameraAdapterConfig.Faces(
                dir.resolve("missing.tflite"),
                0.5,
                dir.resolve("missing.onnx"),
                "fr-feature-512",
                Map.of("red", 0.6),
                3,
                5,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                0));
    AdapterContext context =
        AdapterContext.builder("edge-test", new RecordingSink())
            .eventIds(EventIds.system())
            .meters(new SimpleMeterRegistry())
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .build();
    adapter =
        new CameraAdapter(
            new DeviceConfig("43070200001320000001", "entrance", null, config),
            config,
            context,
            () -> null);
    adapter.start().get(10, TimeUnit.SECONDS);

    // The second window is a whole one of streaming (the first includes opening the file).
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String fps = adapter.status().details().get("fps");
              assertThat(fps).isNotNull();
              assertThat(Double.parseDouble(fps)).isBetween(4.0, 5.5);
            });
    assertThat(adapter.status().lastContactAt()).isNotNull();
  }
}
