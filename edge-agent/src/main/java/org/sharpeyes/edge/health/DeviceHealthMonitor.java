package org.sharpeyes.edge.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.DeviceStatus.Availability;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every adapter's {@link AdapterStatus} and sends a {@code device.status} event for a
 * device when its availability changes, through the agent's outbox like every other event, with the
 * device's own id as {@code deviceId}.
 *
 * <p>When it reports, on the agent's shared timer every {@link HealthConfig#period()}:
 *
 * <ul>
 *   <li>once per device when the start grace ({@link HealthConfig#grace()}) is over: what holds
 *       then, so that the server knows every device after an agent restart;
 *   <li>when the availability the {@link DeviceHealthRules} see differs from the one last reported
 *       and has held for {@link HealthConfig#hold()} (a stream that drops for 3 s is not reported);
 *       a change of reason or fps alone is not reported;
 *   <li>every {@link HealthConfig#refresh()} (0: never), the availability again, changed or not, so
 *       that a server that lost an event catches up.
 * </ul>
 *
 * An event the outbox refuses (disk behind, agent stopping) is logged (throttled), counted in
 * {@code sharpeyes_edge_device_status_refused_total}, and sent again at the next tick. Every event
 * offered is counted in {@code sharpeyes_edge_device_status_total{status}}.
 *
 * <p><b>Child devices</b> (the contract with adapters that speak for several devices, such as a
 * GA/T 1400 platform): an adapter status detail named {@code <20-digit id>.online} whose value is
 * {@code true} or {@code false} makes that id a device of its own, online or offline; when its
 * value is {@code false} and a detail {@code <id>.lastKeepaliveAt} exists, the reason is {@code no
 * keepalive since <that value>}. Any other value is ignored. A child whose detail disappears is no
 * longer watched (nothing is sent for it). At most {@value #MAX_DEVICES} devices are watched; more
 * are left out with a warning.
 *
 * <p>Thread-safe: {@link #tick()} runs on the timer, {@link #availability()} on any thread.
 */
public final class DeviceHealthMonitor implements AutoCloseable {

  /** Devices (configured and children) watched at most. */
  static final int MAX_DEVICES = 1024;

  private static final Logger log = LoggerFactory.getLogger(DeviceHealthMonitor.class);

  private final HealthConfig config;
  private final String edgeId;
  private final EventSink sink;
  private final EventIds eventIds;
  private final Clock clock;
  private final Supplier<List<AdapterStatus>> statuses;
  private final Function<String, AdapterSettings> settings;
  private final DeviceHealthRules rules;
  private final Map<Availability, Counter> sent = new EnumMap<>(Availability.class);
  private final Counter refused;
  private final LogThrottle throttle;
  private final Instant startedAt;
  private final Map<String, Track> tracks = new LinkedHashMap<>(); // guarded by this
  private ScheduledFuture<?> timer; // guarded by this
  private boolean warnedFull; // guarded by this

  /**
   * @param statuses every adapter's status, read at each tick
   * @param settings a configured device's settings by id, or {@code null} for an unknown id
   */
  public DeviceHealthMonitor(
      HealthConfig config,
      String edgeId,
      EventSink sink,
      EventIds eventIds,
      Clock clock,
      MeterRegistry meters,
      Supplier<List<AdapterStatus>> statuses,
      Function<String, AdapterSettings> settings) {
    this.config = Objects.requireNonNull(config, "config");
    this.edgeId = Objects.requireNonNull(edgeId, "edgeId");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.statuses = Objects.requireNonNull(statuses, "statuses");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = new DeviceHealthRules(config);
    for (Availability a : Availability.values()) {
      sent.put(
          a,
          Counter.builder("sharpeyes.edge.device.status")
              .description("device.status events offered to the outbox, by status")
              .tag("status", a.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
    this.refused =
        Counter.builder("sharpeyes.edge.device.status.refused")
            .description("device.status events the outbox refused (sent again at the next tick)")
            .register(meters);
    this.throttle = new LogThrottle(clock, java.time.Duration.ofMinutes(1));
    this.startedAt = clock.instant();
  }

  /** Starts the periodic look on the given timer (the adapters' shared scheduler). */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (timer != null || !config.enabled()) {
      return;
    }
    long periodMs = config.period().toMillis();
    timer =
        scheduler.scheduleAtFixedRate(this::safeTick, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** Stops the timer; nothing more is sent. Idempotent. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("device health check failed: {}", e.toString(), e); // the timer must keep running
    }
  }

  /** Looks at every device once and sends what is due. Called by the timer; tests call it too. */
  public void tick() {
    List<AdapterStatus> now = statuses.get();
    List<EdgeEvent> due = new ArrayList<>();
    synchronized (this) {
      Instant at = clock.instant();
      boolean graceOver = !at.isBefore(startedAt.plus(config.grace()));
      Set<String> seen = new HashSet<>();
      for (AdapterStatus status : now) {
        for (Observation o :
            rules.observe(status, settings.apply(status.deviceId()), at, startedAt)) {
          Track track = track(o.deviceId());
          if (track == null || !seen.add(o.deviceId())) {
            continue;
          }
          track.observe(o, at);
          if (graceOver && track.due(at)) {
            track.reported = o;
            track.reportedAt = at;
            due.add(
                new EdgeEvent(
                    eventIds.next(),
                    edgeId,
                    o.deviceId(),
                    0,
                    at,
                    new DeviceStatus(o.availability(), o.reason(), o.fps(), null)));
          }
        }
      }
      tracks.keySet().retainAll(seen);
    }
    due.forEach(this::offer);
  }

  private Track track(String deviceId) {
    Track track = tracks.get(deviceId);
    if (track == null) {
      if (tracks.size() >= MAX_DEVICES) {
        if (!warnedFull) {
          warnedFull = true;
          log.warn(
              "device health: more than {} devices to watch; {} and further ones are left out",
              MAX_DEVICES,
              deviceId);
        }
        return null;
      }
      track = new Track();
      tracks.put(deviceId, track);
    }
    return track;
  }

  private void offer(EdgeEvent event) {
    DeviceStatus data = (DeviceStatus) event.data();
    sent.get(data.status()).increment();
    CompletionStage<SinkResult> result;
    try {
      result = sink.offer(event, null);
    } catch (RuntimeException e) {
      refusedBy(event, e.toString());
      return;
    }
    result.whenComplete(
        (r, e) -> {
          if (e != null) {
            refusedBy(event, e.toString());
          } else if (r instanceof SinkResult.Refused no) {
            refusedBy(event, no.reason());
          }
        });
  }

  /** The event was not kept: forget that it was reported, so that the next tick sends it again. */
  private void refusedBy(EdgeEvent event, String why) {
    refused.increment();
    synchronized (this) {
      Track track = tracks.get(event.deviceId());
      if (track != null && track.reportedAt != null && track.reportedAt.equals(event.time())) {
        track.reported = track.previous;
        track.reportedAt = track.previousAt;
      }
    }
    throttle
        .permit("refused")
        .ifPresent(
            held ->
                log.warn(
                    "device.status of device {} not kept: {}{}",
                    event.deviceId(),
                    why,
                    LogThrottle.heldBack(held)));
  }

  /** Every watched device's availability, in the order first seen, for {@code /status}. */
  public synchronized List<DeviceAvailability> availability() {
    List<DeviceAvailability> out = new ArrayList<>(tracks.size());
    tracks.forEach(
        (id, t) ->
            out.add(
                new DeviceAvailability(
                    id,
                    t.current.availability(),
                    t.current.reason(),
                    t.current.fps(),
                    t.since,
                    t.reported == null ? null : t.reported.availability(),
                    t.reportedAt)));
    return out;
  }

  /** One device's memory: what it is now, since when, and what was last sent. */
  private final class Track {
    Observation current;
    Instant since;
    Observation reported;
    Instant reportedAt;
    Observation previous;
    Instant previousAt;

    void observe(Observation o, Instant at) {
      if (current == null || current.availability() != o.availability()) {
        since = at;
      }
      current = o;
    }

    /** Whether to send now; remembers what was sent before, for a refusal to undo. */
    boolean due(Instant at) {
      boolean send;
      if (reported == null) {
        send = true; // the first report, once the grace is over
      } else if (reported.availability() != current.availability()) {
        send = !at.isBefore(since.plus(config.hold()));
      } else {
        send = !config.refresh().isZero() && !at.isBefore(reportedAt.plus(config.refresh()));
      }
      if (send) {
        previous = reported;
        previousAt = reportedAt;
      }
      return send;
    }
  }
}
