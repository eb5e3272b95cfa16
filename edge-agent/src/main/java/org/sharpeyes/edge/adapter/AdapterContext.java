package org.sharpeyes.edge.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.schema.id.EventIds;

/**
 * What the agent lends every adapter: its identity, time, meters, the way to the outbox, the
 * environment, the face watchlist and the threads adapters run on. Adapters make no threads of
 * their own: all their work runs on the three executors here.
 *
 * <p>Who owns what: the agent owns everything in the context. It creates the executors before the
 * first adapter and shuts them down only after every adapter's {@link DeviceAdapter#stop()} has
 * completed (or timed out); an adapter never shuts one down. What an adapter submits is its own to
 * end: {@code stop()} must cancel its timers and make its long-running tasks return.
 *
 * <ul>
 *   <li>{@link #io()}: Netty event loops, shared by every adapter that listens or connects with
 *       Netty. Never block on them.
 *   <li>{@link #scheduler()}: one timer thread shared by every adapter, for retries and polling.
 *       Tasks must be short and never block.
 *   <li>{@link #blocking()}: for work that blocks or runs long — loading models, opening a
 *       connection, reading a camera's stream for the adapter's whole life (one task per camera).
 *       Threads are made on demand, so a task never waits for another adapter's; when the agent
 *       closes, tasks still running are interrupted.
 * </ul>
 *
 * Build one with {@link #builder(String, EventSink)}. Immutable and thread-safe.
 */
public final class AdapterContext {

  private final String edgeId;
  private final EventSink sink;
  private final Clock clock;
  private final EventIds eventIds;
  private final MeterRegistry meters;
  private final EventLoopGroup io;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService blocking;
  private final Map<String, String> environment;
  private final FaceWatchlist faceWatchlist;

  private AdapterContext(Builder b) {
    this.edgeId = b.edgeId;
    this.sink = b.sink;
    this.clock = b.clock;
    this.eventIds = b.eventIds != null ? b.eventIds : new EventIds(b.clock, new SecureRandom());
    this.meters = b.meters;
    this.io = Objects.requireNonNull(b.io, "io: the agent's Netty event loops");
    this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler: the adapters' timer");
    this.blocking = Objects.requireNonNull(b.blocking, "blocking: the adapters' blocking work");
    this.environment = b.environment;
    this.faceWatchlist = b.faceWatchlist;
  }

  /**
   * @param edgeId this edge's id, for the events' {@code edgeId}
   * @param sink where events go; adapters reach it only through {@link #offers}
   */
  public static Builder builder(String edgeId, EventSink sink) {
    return new Builder(edgeId, sink);
  }

  /** This edge's id, for the events' {@code edgeId}. */
  public String edgeId() {
    return edgeId;
  }

  /** The only source of "now" for adapters. */
  public Clock clock() {
    return clock;
  }

  /** The event id generator (UUIDv7 on {@link #clock()}). */
  public EventIds eventIds() {
    return eventIds;
  }

  /** Where adapters register their meters (tagged with the device id). */
  public MeterRegistry meters() {
    return meters;
  }

  /** Shared Netty event loops; never block on them. */
  public EventLoopGroup io() {
    return io;
  }

  /** Shared timer for retries and polling; tasks must be short and never block. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * For blocking and long-running work (model loading, connection attempts, a stream's read loop);
   * a thread per task running at once, made on demand.
   */
  public ExecutorService blocking() {
    return blocking;
  }

  /** Where credential variables ({@code usernameEnv}…) are looked up; read-only. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The agent's face watchlist; {@link FaceWatchlist#NONE} when the agent has none. */
  public FaceWatchlist faceWatchlist() {
    return faceWatchlist;
  }

  /**
   * One adapter's way to the outbox, recording every outcome in its status and failure path.
   *
   * @param subject what the events' {@code deviceId} names, for messages: {@code camera}, {@code
   *     door}…
   */
  public EventOffers offers(AdapterStatusTracker status, AdapterFaults faults, String subject) {
    return new EventOffers(sink, status, faults, clock, subject);
  }

  /** Builds a context; the three executors are required, everything else has a default. */
  public static final class Builder {
    private final String edgeId;
    private final EventSink sink;
    private Clock clock = Clock.systemUTC();
    private EventIds eventIds;
    private MeterRegistry meters = new SimpleMeterRegistry();
    private EventLoopGroup io;
    private ScheduledExecutorService scheduler;
    private ExecutorService blocking;
    private Map<String, String> environment = Map.of();
    private FaceWatchlist faceWatchlist = FaceWatchlist.NONE;

    private Builder(String edgeId, EventSink sink) {
      this.edgeId = Objects.requireNonNull(edgeId, "edgeId");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Default the UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** Default UUIDv7 ids on the clock with a {@link SecureRandom}. */
    public Builder eventIds(EventIds value) {
      this.eventIds = Objects.requireNonNull(value);
      return this;
    }

    /** Default a registry of its own, which nobody scrapes. */
    public Builder meters(MeterRegistry value) {
      this.meters = Objects.requireNonNull(value);
      return this;
    }

    public Builder io(EventLoopGroup value) {
      this.io = Objects.requireNonNull(value);
      return this;
    }

    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Objects.requireNonNull(value);
      return this;
    }

    public Builder blocking(ExecutorService value) {
      this.blocking = Objects.requireNonNull(value);
      return this;
    }

    /** Default empty: no credential variable is set. */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** Default {@link FaceWatchlist#NONE}. */
    public Builder faceWatchlist(FaceWatchlist value) {
      this.faceWatchlist = Objects.requireNonNull(value);
      return this;
    }

    /**
     * @throws NullPointerException naming the executor that was not given
     */
    public AdapterContext build() {
      return new AdapterContext(this);
    }
  }
}
