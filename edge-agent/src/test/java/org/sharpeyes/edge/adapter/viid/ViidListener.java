package org.sharpeyes.edge.adapter.viid;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.FaceWatchlist;
import org.sharpeyes.edge.testing.RecordingSink;

/** A started GA/T 1400 listener on 127.0.0.1, port 0, with a recording outbox. */
final class ViidListener implements AutoCloseable {

  static final String LISTENER_ID = "43070200002000000001";
  static final String CAMERA = "43070200001320000201";
  static final String CAMERA_2 = "43070200001320000202";
  static final String PASSWORD = "k4kou-Pa55";
  static final Map<String, String> ENV =
      Map.of(
          "SHARPEYES_VIID_PASSWORD_" + CAMERA,
          PASSWORD,
          "SHARPEYES_VIID_PASSWORD_" + CAMERA_2,
          "other-Pa55");

  final RecordingSink outbox = new RecordingSink();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  ViidAdapter adapter;
  FaceWatchlist watchlist = FaceWatchlist.NONE;

  static ViidAdapterConfig config() {
    return new ViidAdapterConfig(
        "127.0.0.1",
        0,
        List.of(
            new ViidAdapterConfig.Device(CAMERA, "SHARPEYES_VIID_PASSWORD_" + CAMERA),
            new ViidAdapterConfig.Device(CAMERA_2, "SHARPEYES_VIID_PASSWORD_" + CAMERA_2)),
        ViidAdapterConfig.DEFAULT_KEEPALIVE_TIMEOUT,
        ViidAdapterConfig.DEFAULT_NONCE_LIFETIME,
        ViidAdapterConfig.DEFAULT_ZONE,
        ViidAdapterConfig.Limits.DEFAULTS,
        null,
        ViidAdapterConfig.DEFAULT_MAX_CONNECTIONS,
        ViidAdapterConfig.DEFAULT_IDLE_TIMEOUT);
  }

  ViidListener start(ViidAdapterConfig config, Clock clock) throws Exception {
    AdapterContext context =
        AdapterContext.builder("edge-test", outbox)
            .clock(clock)
            .meters(meters)
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .environment(ENV)
            .faceWatchlist(watchlist)
            .build();
    adapter =
        new ViidAdapter(
            new DeviceConfig(LISTENER_ID, "卡口 GA/T 1400", null, config), config, context);
    adapter.start().get(30, TimeUnit.SECONDS);
    return this;
  }

  ViidTestDevice device(String id, String password) {
    return new ViidTestDevice(adapter.boundPort(), id, password);
  }

  ViidTestDevice camera() {
    return device(CAMERA, PASSWORD);
  }

  double objects(String device, String kind, String outcome) {
    var c =
        meters
            .find(ViidMetrics.OBJECTS)
            .tag("device", device)
            .tag("kind", kind)
            .tag("outcome", outcome)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws Exception {
    if (adapter != null) {
      adapter.stop().get(10, TimeUnit.SECONDS);
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }
}
