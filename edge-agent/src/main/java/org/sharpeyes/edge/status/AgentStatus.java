package org.sharpeyes.edge.status;

import java.time.Instant;
import java.util.List;
import org.sharpeyes.edge.adapter.AdapterStatus;
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
 */
public record AgentStatus(
    String edgeId,
    String agentVersion,
    Instant time,
    PublisherStatus broker,
    OutboxStatus outbox,
    WatchlistStatus watchlist,
    List<AdapterStatus> devices) {}
