package org.sharpeyes.ingest.alert;

import java.util.Map;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.reference.RiskLevel;
import org.sharpeyes.ingest.rule.WatchlistFaceRule;

/**
 * Bounds of the alert module.
 *
 * @param sseMaxClients most live-feed clients at once; one more is refused with 503
 * @param sseQueuePerClient most messages waiting for one live-feed client; a client that falls
 *     further behind is disconnected (and counted), so it cannot hold memory
 * @param faceThresholds the least similarity per risk level for rule {@code watchlist-face}
 * @param access parameters of the access-control rules
 */
public record AlertSettings(
    int sseMaxClients,
    int sseQueuePerClient,
    Map<RiskLevel, Double> faceThresholds,
    AccessRulesConfig access) {

  public static final int DEFAULT_SSE_MAX_CLIENTS = 100;
  public static final int DEFAULT_SSE_QUEUE_PER_CLIENT = 1000;

  public AlertSettings(int sseMaxClients, int sseQueuePerClient) {
    this(
        sseMaxClients,
        sseQueuePerClient,
        WatchlistFaceRule.DEFAULT_THRESHOLDS,
        AccessRulesConfig.defaults());
  }

  public AlertSettings {
    faceThresholds = Map.copyOf(faceThresholds);
    if (sseMaxClients < 1 || sseMaxClients > 10_000) {
      throw new IllegalArgumentException(
          "sseMaxClients is " + sseMaxClients + "; it must be from 1 to 10000");
    }
    if (sseQueuePerClient < 1 || sseQueuePerClient > 100_000) {
      throw new IllegalArgumentException(
          "sseQueuePerClient is " + sseQueuePerClient + "; it must be from 1 to 100000");
    }
  }

  public static AlertSettings defaults() {
    return new AlertSettings(DEFAULT_SSE_MAX_CLIENTS, DEFAULT_SSE_QUEUE_PER_CLIENT);
  }
}
