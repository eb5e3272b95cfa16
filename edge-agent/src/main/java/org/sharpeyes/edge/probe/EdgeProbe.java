package org.sharpeyes.edge.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.probe.ProbeResult.Outcome;

/**
 * {@code edge-agent probe}: checks every configured device and the broker from the cabinet, side by
 * side, each within {@link ProbeOptions#checkTimeout()} and all within {@link
 * ProbeOptions#totalTimeout()}; a check still running then is reported as failed and left to end on
 * its own (daemon) thread. Blocking; one probe at a time per instance.
 */
public final class EdgeProbe {

  private final EdgeAgentConfig config;
  private final ProbeOptions options;

  public EdgeProbe(EdgeAgentConfig config, ProbeOptions options) {
    this.config = config;
    this.options = options;
  }

  /**
   * Runs the checks.
   *
   * @throws IllegalArgumentException when {@link ProbeOptions#deviceId()} is not in the config
   */
  public List<ProbeResult> run() {
    List<DeviceConfig> devices = config.devices();
    if (options.deviceId() != null) {
      devices =
          List.of(
              config
                  .device(options.deviceId())
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "no device " + options.deviceId() + " in this config")));
    }
    Duration agentTimeout = Duration.ofSeconds(2);
    Supplier<AgentStatusClient.Answer> agent =
        memo(() -> AgentStatusClient.read(config.status(), agentTimeout));
    DeviceChecks checks = new DeviceChecks(options, config.edgeId(), agent);
    Map<String, CompletableFuture<ProbeResult>> running = new LinkedHashMap<>();
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "probe");
              t.setDaemon(true);
              return t;
            });
    try {
      for (DeviceConfig device : devices) {
        String target = device.kind().label() + " " + device.label();
        running.put(target, CompletableFuture.supplyAsync(() -> checks.check(device), threads));
      }
      if (options.deviceId() == null) {
        running.put(
            "broker " + config.broker().serverUri(),
            CompletableFuture.supplyAsync(
                () -> BrokerCheck.run(config, options.environment(), options.checkTimeout()),
                threads));
      }
      return collect(running);
    } finally {
      threads.shutdownNow();
    }
  }

  private List<ProbeResult> collect(Map<String, CompletableFuture<ProbeResult>> running) {
    long start = System.nanoTime();
    long total = options.totalTimeout().toNanos();
    long each = options.checkTimeout().toNanos();
    List<ProbeResult> results = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<ProbeResult>> r : running.entrySet()) {
      // Every check started at once: each has its own budget from the start, within the total.
      long left = Math.min(each, total) - (System.nanoTime() - start);
      try {
        results.add(r.getValue().get(Math.max(0, left), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        results.add(
            new ProbeResult(
                r.getKey(),
                Outcome.FAILED,
                "no result within " + options.checkTimeout().toSeconds() + " s",
                "check the network path to it",
                Map.of()));
      } catch (ExecutionException e) {
        results.add(
            new ProbeResult(
                r.getKey(),
                Outcome.FAILED,
                "the check failed: " + e.getCause(),
                "please report this with the agent's version",
                Map.of()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.add(new ProbeResult(r.getKey(), Outcome.FAILED, "interrupted", null, Map.of()));
      }
    }
    return results;
  }

  private static <T> Supplier<T> memo(Supplier<T> source) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }
}
