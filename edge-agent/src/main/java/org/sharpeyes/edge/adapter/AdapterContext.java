package org.sharpeyes.edge.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.schema.id.EventIds;

/**
 * What the agent gives every adapter. The adapter does not own any of it and must not shut it down.
 *
 * @param edgeId this edge's id, for the events' {@code edgeId}
 * @param sink where events go
 * @param clock the only source of "now" for adapters
 * @param eventIds the event id generator (UUIDv7 on {@code clock})
 * @param meters where adapters register their meters
 * @param io shared Netty event loops for adapters that listen or connect with Netty
 * @param scheduler shared timer for retries and polling; tasks must be short and never block
 */
public record AdapterContext(
    String edgeId,
    EventSink sink,
    Clock clock,
    EventIds eventIds,
    MeterRegistry meters,
    EventLoopGroup io,
    ScheduledExecutorService scheduler) {

  public AdapterContext {
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(eventIds, "eventIds");
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
