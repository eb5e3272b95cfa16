package org.sharpeyes.edge.adapter.gate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;

/**
 * Gate adapters for tests, wired as the agent wires them (config read from YAML, a recording sink,
 * the agent's kinds of threads), and stopped with everything they hold at {@link #close()}.
 */
final class GateFixture implements AutoCloseable {

  static final String CONTROLLER_ID = "43070200001170000001";
  static final String DOOR_1 = "43070200001340000001";
  static final String DOOR_2 = "43070200001340000002";

  /** A random whose jitter is always the whole ceiling: delays are exactly the backoff's. */
  static final RandomGenerator NO_JITTER =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  final RecordingSink sink = new RecordingSink();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final List<GateAdapter> adapters = new ArrayList<>();

  /**
   * The gate settings of a device entry, read from YAML as the agent reads them.
   *
   * @param lines more keys of the gate section, e.g. {@code securityPolicy: Basic256Sha256}
   */
  static DeviceConfig device(String endpoint, Path pkiDir, String... lines) {
    StringBuilder yaml =
        new StringBuilder(
            """
            edgeId: edge-test
            broker: { url: tcp://127.0.0.1:1883 }
            devices:
              - id: "%s"
                name: 柳湾小区门禁控制器
                kind: gate
                gate:
                  endpoint: %s
                  pkiDir: %s
                  reconnect: { initialDelay: 100ms, maxDelay: 400ms }
            """
                .formatted(CONTROLLER_ID, endpoint, pkiDir));
    for (String line : lines) {
      yaml.append("      ").append(line).append('\n');
    }
    if (yaml.indexOf("profile:") < 0) {
      yaml.append("      profile: sharpeyes-gate-sim\n");
    }
    return EdgeAgentConfigLoader.parse(yaml.toString()).orThrow().devices().get(0);
  }

  GateAdapter adapter(DeviceConfig device) {
    return adapter(device, Map.of(), new SplittableRandom(7));
  }

  GateAdapter adapter(
      DeviceConfig device, Map<String, String> environment, RandomGenerator random) {
    AdapterContext context =
        AdapterContext.builder("edge-test", sink)
            .eventIds(new EventIds(Clock.systemUTC(), new SecureRandom()))
            .meters(meters)
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .environment(environment)
            .build();
    GateAdapter adapter =
        new GateAdapter(device, (GateAdapterConfig) device.settings(), context, random);
    adapters.add(adapter);
    return adapter;
  }

  /** The {@code door.access} events the sink got, in order. */
  List<DoorAccess> accesses() {
    return sink.offers().stream()
        .map(RecordingSink.Offer::event)
        .filter(e -> e.data() instanceof DoorAccess)
        .map(e -> (DoorAccess) e.data())
        .toList();
  }

  /** The {@code door.state} events the sink got for one door, as their states, in order. */
  List<DoorState.State> states(String doorId) {
    return sink.offers().stream()
        .map(RecordingSink.Offer::event)
        .filter(e -> e.data() instanceof DoorState s && s.doorId().equals(doorId))
        .map(e -> ((DoorState) e.data()).state())
        .toList();
  }

  List<EdgeEvent> events() {
    return sink.offers().stream().map(RecordingSink.Offer::event).toList();
  }

  double meter(String name, String tag, String value) {
    var counter = meters.find(name).tag(tag, value).functionCounter();
    return counter == null ? Double.NaN : counter.count();
  }

  @Override
  public void close() throws Exception {
    for (GateAdapter adapter : adapters) {
      adapter.stop().get(20, TimeUnit.SECONDS);
    }
    scheduler.shutdownNow();
    blocking.shutdownNow();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
