package org.sharpeyes.ingest.config;

/**
 * Bounds of the live alert feed.
 *
 * @param sseMaxClients most concurrent Server-Sent-Events clients; more are refused with 503
 * @param sseQueuePerClient alerts buffered for one slow client before it is disconnected
 */
public record AlertsConfig(int sseMaxClients, int sseQueuePerClient) {

  public static final int DEFAULT_SSE_MAX_CLIENTS = 100;
  public static final int DEFAULT_SSE_QUEUE_PER_CLIENT = 1000;

  public AlertsConfig {
    if (sseMaxClients < 1 || sseQueuePerClient < 1) {
      throw new IllegalArgumentException("sseMaxClients and sseQueuePerClient must be positive");
    }
  }

  public static AlertsConfig defaults() {
    return new AlertsConfig(DEFAULT_SSE_MAX_CLIENTS, DEFAULT_SSE_QUEUE_PER_CLIENT);
  }
}
