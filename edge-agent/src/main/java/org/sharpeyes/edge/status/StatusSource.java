package org.sharpeyes.edge.status;

/** Where the status endpoints get their answers. Implementations are thread-safe and quick. */
public interface StatusSource {

  /** A snapshot of the agent, for {@code /status} and {@code /healthz}. */
  AgentStatus status();

  /** The metrics in Prometheus text format, for {@code /metrics}. */
  String scrapeMetrics();
}
