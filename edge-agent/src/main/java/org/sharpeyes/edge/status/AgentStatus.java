package org.sharpeyes.edge.status;

import java.time.Instant;
import java.util.List;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.health.DeviceAvailability;
import org.sharpeyes.edge.outbox.OutboxStatus;
import org.sharpeyes.edge.publish.PublisherStatus;
import org.sharpeyes.edge.watchlist.WatchlistStatus;

/**
 * What {@code GET /status} returns.
 *
 * @param edgeId this edge
 * @param agentVersion the agent's version
 * @param time when the snapshot was taken
 * @param broker the broker connection
 * @param outbox the durable outbox
 * @param watchlist the cameras' watchlist; null when the edge has no camera
 * @param devices one entry per configured device, in config order
 * @param availability each device's availability as the health monitor sees it (configured devices
 *     and the child devices they report); empty when the monitor is off or has not looked yet
 */
public record AgentStatus(
    String edgeId,
    String agentVersion,
    Instant time,
    PublisherStatus broker,
    OutboxStatus outbox,
    WatchlistStatus watchlist,
    List<AdapterStatus> devices,
    List<DeviceAvailability> availability) {

  public AgentStatus {
    availability = availability == null ? List.of() : List.copyOf(availability);
  }

  /** A status without availability (no health monitor). */
  public AgentStatus(
      String edgeId,
      String agentVersion,
      Instant time,
      PublisherStatus broker,
      OutboxStatus outbox,
      WatchlistStatus watchlist,
      List<AdapterStatus> devices) {
    this(edgeId, agentVersion, time, broker, outbox, watchlist, devices, List.of());
  }
}
