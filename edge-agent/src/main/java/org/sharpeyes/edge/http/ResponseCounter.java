package org.sharpeyes.edge.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.edge.telemetry.EdgeMetrics;

/**
 * Counts HTTP responses of one listener by status code in {@code
 * sharpeyes.edge.http.requests{listener,status}}. Status codes are few, so the series are bounded.
 * Thread-safe.
 */
public final class ResponseCounter {

  private final MeterRegistry meters;
  private final String listener;
  private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

  public ResponseCounter(MeterRegistry meters, String listener) {
    this.meters = meters;
    this.listener = listener;
  }

  public void count(int status) {
    byStatus
        .computeIfAbsent(
            status,
            s ->
                Counter.builder(EdgeMetrics.HTTP_REQUESTS)
                    .description("HTTP requests answered, by listener and status code")
                    .tag("listener", listener)
                    .tag("status", Integer.toString(s))
                    .register(meters))
        .increment();
  }
}
