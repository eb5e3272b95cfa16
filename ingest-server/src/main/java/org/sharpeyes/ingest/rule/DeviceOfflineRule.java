package org.sharpeyes.ingest.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.config.DeviceOfflineConfig;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.DeviceStatus.Availability;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * {@value #ID}: a device reported offline (a {@code device.status} event) for longer than {@code
 * rules.deviceOffline.longerThan} (or its kind's wait) raises one alert about the device, placed at
 * its grid cell, as soon as the time is up ({@link TimedRule}). While it stays offline, its further
 * offline and degraded reports fold into that alert; an online report ends the outage (the device
 * module closes the alert). An edge that left its last will ({@link #edgeOffline}) is a subject of
 * its own, placed at the region its devices share.
 *
 * <p>Tracks at most {@code maxTracked} outages of devices and as many of edges; past that the
 * oldest is forgotten and counted ({@link #forgotten}). Thread-safe: {@link #evaluate} runs on the
 * ingest worker, {@link #due} on the alert timer, the edge calls on the pipeline's edge-status
 * path.
 */
public final class DeviceOfflineRule implements TimedRule {

  public static final String ID = "device-offline";

  /** One outage: since when, which event showed it, and whether its alert was raised. */
  private static final class Outage {
    final String deviceId;
    final String eventId;
    final Instant since;
    final String regionCode;
    final String label;
    boolean alerted;

    Outage(String deviceId, String eventId, Instant since, String regionCode, String label) {
      this.deviceId = deviceId;
      this.eventId = eventId;
      this.since = since;
      this.regionCode = regionCode;
      this.label = label;
    }
  }

  private final DeviceOfflineConfig config;
  private final int maxTracked;
  private final Map<String, Outage> devices = new LinkedHashMap<>();
  private final Map<String, Outage> edges = new LinkedHashMap<>();
  private long forgotten;

  public DeviceOfflineRule(DeviceOfflineConfig config, int maxTracked) {
    this.config = config;
    this.maxTracked = maxTracked;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public synchronized Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof DeviceStatus s)) {
      return Optional.empty();
    }
    String deviceId = event.deviceId();
    if (s.status() == Availability.ONLINE) {
      devices.remove(deviceId);
      return Optional.empty();
    }
    Outage o = devices.get(deviceId);
    if (o == null) {
      if (s.status() == Availability.OFFLINE) {
        track(devices, deviceId, new Outage(deviceId, event.id(), event.time(), null, null));
      }
      return Optional.empty();
    }
    if (o.alerted) {
      return Optional.of(deviceCandidate(o, context, event.time(), s.reason()));
    }
    if (!event.time().isBefore(o.since.plus(wait(deviceId, context)))) {
      o.alerted = true;
      return Optional.of(deviceCandidate(o, context, event.time(), s.reason()));
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<Finding> due(Instant now, RuleContext context) {
    List<Finding> due = new ArrayList<>();
    for (Outage o : devices.values()) {
      if (!o.alerted && !now.isBefore(o.since.plus(wait(o.deviceId, context)))) {
        o.alerted = true;
        due.add(
            new Finding(deviceCandidate(o, context, now, null), o.deviceId, o.eventId, o.since));
      }
    }
    for (Map.Entry<String, Outage> e : edges.entrySet()) {
      Outage o = e.getValue();
      if (!o.alerted && !now.isBefore(o.since.plus(config.longerThan()))) {
        o.alerted = true;
        due.add(
            new Finding(
                edgeCandidate(e.getKey(), o, now), o.deviceId, o.eventId, o.since, o.regionCode));
      }
    }
    return due;
  }

  /**
   * A device known to be offline since {@code since} (the state rebuilt at start), so that a
   * restart does not reset its wait. Its alert, if already raised, is found again by its event.
   */
  public synchronized void offlineSince(String deviceId, String eventId, Instant since) {
    devices.putIfAbsent(deviceId, new Outage(deviceId, eventId, since, null, null));
  }

  /**
   * An edge left its last will at {@code since}; nothing changes while it is already offline.
   *
   * @param placeBy a device of the edge (an alert row names a device), or the edge's id cut to 20
   *     characters when it has none
   * @param regionCode the region all its devices share (the alert's place), or {@code null}
   * @param evidenceId stands for the status message in the alert's evidence
   * @param label what an operator reads, e.g. {@code edge edge-wuling-01 (6 devices)}
   */
  public synchronized void edgeOffline(
      String edgeId,
      String placeBy,
      String regionCode,
      String evidenceId,
      Instant since,
      String label) {
    if (!edges.containsKey(edgeId)) {
      track(edges, edgeId, new Outage(placeBy, evidenceId, since, regionCode, label));
    }
  }

  /** The edge is back: its outage ends (the device module closes its alert). */
  public synchronized void edgeOnline(String edgeId) {
    edges.remove(edgeId);
  }

  /** Outages forgotten because {@code maxTracked} were tracked. */
  public synchronized long forgotten() {
    return forgotten;
  }

  /** Devices and edges whose outage is tracked now (alerted or not). */
  public synchronized int tracked() {
    return devices.size() + edges.size();
  }

  private void track(Map<String, Outage> map, String key, Outage o) {
    if (map.size() >= maxTracked) {
      Iterator<String> oldest = map.keySet().iterator();
      oldest.next();
      oldest.remove();
      forgotten++;
    }
    map.put(key, o);
  }

  private Duration wait(String deviceId, RuleContext context) {
    return config.longerThan(context.reference().device(deviceId).map(Device::kind).orElse(null));
  }

  private AlertCandidate deviceCandidate(
      Outage o, RuleContext context, Instant now, String reason) {
    Optional<Device> device = context.reference().device(o.deviceId);
    String label =
        device
            .map(d -> (d.name() == null || d.name().isBlank() ? d.kind() : d.name()))
            .map(n -> n + " (" + o.deviceId + ")")
            .orElse("device " + o.deviceId);
    return new AlertCandidate(
        ID,
        config.severity(),
        SubjectType.DEVICE,
        o.deviceId,
        label,
        null,
        null,
        "offline for "
            + minutes(Duration.between(o.since, now))
            + ", longer than "
            + minutes(wait(o.deviceId, context))
            + (reason == null || reason.isBlank() ? "" : ": " + reason));
  }

  private AlertCandidate edgeCandidate(String edgeId, Outage o, Instant now) {
    return new AlertCandidate(
        ID,
        config.severity(),
        SubjectType.EDGE,
        edgeId,
        o.label,
        null,
        null,
        "edge offline (last will) for "
            + minutes(Duration.between(o.since, now))
            + ", longer than "
            + minutes(config.longerThan())
            + "; its devices are out of reach");
  }

  /** E.g. {@code 5 min}, {@code 90 s}. */
  static String minutes(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
