package org.sharpeyes.edge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.gate.GateAdapter;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.sims.gate.GateSecurity;
import org.sharpeyes.sims.gate.GateSimulator;
import org.sharpeyes.sims.gate.GateSimulatorOptions;

/**
 * The gate adapter against the simulated controller in one JVM (not part of the test run):
 *
 * <ol>
 *   <li>latency from a presentation at the simulator (its event's {@code Time}) to the adapter
 *       handing the {@code door.access} event to the sink, p50/p99/max over {@code latencyEvents}
 *       presentations paced at {@code latencyRate} per second;
 *   <li>throughput: presentations paced at rising rates for 5 s each; a rate is sustained when
 *       every presentation arrives and the arrivals keep up.
 * </ol>
 *
 * Both clocks are the same system clock. Arguments: {@code publishingInterval samplingInterval
 * latencyEvents latencyRate}, defaults {@code 200ms 100ms 10000 500}.
 *
 * <pre>
 * ./mvnw -B -q -pl edge-agent test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   "-Dexec.args=-cp %classpath org.sharpeyes.edge.bench.GateAdapterBench 200ms 100ms 10000 500"
 * </pre>
 */
public final class GateAdapterBench {

  private static final int DOORS = 4;

  private GateAdapterBench() {}

  public static void main(String[] args) throws Exception {
    String publishing = args.length > 0 ? args[0] : "200ms";
    String sampling = args.length > 1 ? args[1] : "100ms";
    int latencyEvents = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int latencyRate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    Path dir = Files.createTempDirectory("gate-bench");
    GateSimulator sim =
        GateSimulator.create(
            GateSimulatorOptions.builder()
                .port(0)
                .doors(DOORS)
                .security(GateSecurity.NONE)
                .pkiDir(dir.resolve("sim-pki"))
                .build());
    sim.start();
    TimingSink sink = new TimingSink(latencyEvents + 2_000_000);
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService blocking = Executors.newCachedThreadPool();
    DeviceConfig device = device(sim.endpointUrl(), dir.resolve("pki"), publishing, sampling);
    GateAdapter adapter =
        new GateAdapter(
            device,
            (GateAdapterConfig) device.settings(),
            AdapterContext.builder("edge-bench", sink)
                .eventIds(new EventIds(Clock.systemUTC(), new SecureRandom()))
                .meters(new SimpleMeterRegistry())
                .io(io)
                .scheduler(scheduler)
                .blocking(blocking)
                .build(),
            new SplittableRandom(1));
    try {
      adapter.start().join();
      waitFor(() -> adapter.counters().connects() == 1, Duration.ofSeconds(30));
      System.out.printf(
          "gate adapter bench: %d doors, publishingInterval %s, samplingInterval %s, %d cores%n",
          DOORS, publishing, sampling, Runtime.getRuntime().availableProcessors());
      drive(sim, 2_000, 1_000, sink); // warm-up
      latency(sim, sink, latencyEvents, latencyRate);
      for (int rate : new int[] {1_000, 2_000, 5_000, 10_000, 20_000}) {
        if (!throughput(sim, sink, rate, adapter)) {
          break;
        }
      }
    } finally {
      adapter.stop().get(30, TimeUnit.SECONDS);
      scheduler.shutdownNow();
      blocking.shutdownNow();
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      sim.close();
    }
  }

  private static void latency(GateSimulator sim, TimingSink sink, int events, int rate) {
    sink.reset();
    drive(sim, events, rate, sink);
    long[] micros = sink.latenciesMicros();
    Arrays.sort(micros);
    System.out.printf(
        "latency over %d presentations at %d/s (received %d): p50 %.1f ms, p99 %.1f ms, max %.1f"
            + " ms%n",
        events,
        rate,
        micros.length,
        micros[micros.length / 2] / 1000.0,
        micros[(int) (micros.length * 0.99)] / 1000.0,
        micros[micros.length - 1] / 1000.0);
  }

  /** Whether {@code rate} was sustained: everything arrived, and within a second of the end. */
  private static boolean throughput(
      GateSimulator sim, TimingSink sink, int rate, GateAdapter adapter) {
    sink.reset();
    int events = rate * 5;
    long start = System.nanoTime();
    long driven = drive(sim, events, rate, null);
    long drivenNanos = System.nanoTime() - start;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sink.received() < events && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    long lastNanos = sink.lastNanos() - start;
    double achieved = sink.received() / (lastNanos / 1e9);
    boolean sustained =
        sink.received() == events && lastNanos < drivenNanos + TimeUnit.SECONDS.toNanos(1);
    boolean simulatorBound = driven / (drivenNanos / 1e9) < 0.95 * rate;
    System.out.printf(
        "rate %6d/s: presented %d in %.2f s (%.0f/s), received %d, last after %.2f s (%.0f/s)"
            + " — %s; duplicates held back %d%n",
        rate,
        driven,
        drivenNanos / 1e9,
        driven / (drivenNanos / 1e9),
        sink.received(),
        lastNanos / 1e9,
        achieved,
        (sustained ? "sustained" : "NOT sustained")
            + (simulatorBound ? " (the simulator could not present faster)" : ""),
        adapter.counters().accessDuplicates());
    return sustained && !simulatorBound;
  }

  /** Presents {@code events} credentials paced at {@code rate}; the number presented. */
  private static long drive(GateSimulator sim, int events, int rate, TimingSink sink) {
    if (sink != null) {
      sink.reset();
    }
    int before = sink == null ? 0 : sink.received();
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < events; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      sim.present(1 + i % DOORS, "CARD-" + (100 + i % 100));
    }
    if (sink != null) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sink.received() < before + events && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
    return events;
  }

  private static DeviceConfig device(String url, Path pki, String publishing, String sampling) {
    String yaml =
        """
        edgeId: edge-bench
        broker: { url: tcp://127.0.0.1:1883 }
        devices:
          - id: "43070200001170000001"
            kind: gate
            gate:
              endpoint: %s
              pkiDir: %s
              profile: sharpeyes-gate-sim
              publishingInterval: %s
              samplingInterval: %s
              eventQueueSize: 100000
              eventIdMemory: 100000
        """
            .formatted(url, pki, publishing, sampling);
    return EdgeAgentConfigLoader.parse(yaml).orThrow().devices().get(0);
  }

  private static void waitFor(java.util.function.BooleanSupplier done, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the adapter did not connect in " + atMost);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** Takes every event at once and keeps, for door.access, how long after its time it came. */
  private static final class TimingSink implements EventSink {
    private final long[] latencies;
    private final AtomicInteger count = new AtomicInteger();
    private volatile long lastNanos;

    TimingSink(int capacity) {
      this.latencies = new long[capacity];
    }

    @Override
    public CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg) {
      if (event.data() instanceof DoorAccess) {
        Instant now = Clock.systemUTC().instant();
        long micros = Duration.between(event.time(), now).toNanos() / 1000;
        int i = count.getAndIncrement();
        if (i < latencies.length) {
          latencies[i] = micros;
        }
        lastNanos = System.nanoTime();
      }
      return CompletableFuture.completedFuture(new SinkResult.Accepted(0));
    }

    void reset() {
      count.set(0);
    }

    int received() {
      return count.get();
    }

    long lastNanos() {
      return lastNanos;
    }

    long[] latenciesMicros() {
      return Arrays.copyOf(latencies, Math.min(count.get(), latencies.length));
    }
  }
}
