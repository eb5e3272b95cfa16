package org.sharpeyes.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's device adapters, one per configured device, made by the factory of each device's kind
 * in the {@link AdapterCatalog}, whatever the kind: started together, stopped together. Used on the
 * agent's startup and shutdown threads; {@link #statuses()} from any thread.
 */
final class DeviceAdapters {

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(DeviceAdapters.class);

  private final Map<String, DeviceAdapter> byId;

  private DeviceAdapters(Map<String, DeviceAdapter> byId) {
    this.byId = byId;
  }

  /**
   * Creates (does not start) the adapters.
   *
   * @throws IllegalArgumentException when the catalog has no adapter for a device's kind
   */
  static DeviceAdapters create(
      List<DeviceConfig> devices, AdapterCatalog catalog, AdapterContext context) {
    Map<String, DeviceAdapter> byId = new LinkedHashMap<>();
    for (DeviceConfig device : devices) {
      byId.put(device.id(), catalog.create(device, context));
    }
    return new DeviceAdapters(byId);
  }

  /**
   * Starts every adapter at once (their slow preparation, such as loading models, runs side by
   * side) and waits for all of them, {@link #START_TIMEOUT} at most.
   *
   * @throws EdgeAgentStartException naming every device that did not start, and why
   */
  void startAll() {
    Map<DeviceAdapter, CompletableFuture<Void>> starting = new LinkedHashMap<>();
    for (DeviceAdapter adapter : byId.values()) {
      starting.put(adapter, adapter.start());
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<DeviceAdapter, CompletableFuture<Void>> s : starting.entrySet()) {
      DeviceAdapter adapter = s.getKey();
      try {
        s.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EdgeAgentStartException("interrupted while starting adapters", e);
      } catch (TimeoutException e) {
        failures.add(
            "device " + adapter.device().label() + ": did not start within " + START_TIMEOUT);
      } catch (ExecutionException e) {
        String why = adapter.status().lastError();
        failures.add(
            "device "
                + adapter.device().label()
                + ": "
                + (why != null ? why : String.valueOf(e.getCause().getMessage())));
      }
    }
    if (!failures.isEmpty()) {
      throw new EdgeAgentStartException(String.join("\n", failures), null);
    }
  }

  /** Stops every adapter and waits for them, {@link #STOP_TIMEOUT} at most. */
  void stopAll() {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (DeviceAdapter adapter : byId.values()) {
      stopping.add(adapter.stop());
    }
    try {
      CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
          .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("not every adapter stopped within {}: {}", STOP_TIMEOUT, e.toString());
    }
  }

  /** The adapter of a device, or {@code null}. */
  DeviceAdapter get(String deviceId) {
    return byId.get(deviceId);
  }

  int size() {
    return byId.size();
  }

  List<AdapterStatus> statuses() {
    return byId.values().stream().map(DeviceAdapter::status).toList();
  }
}
