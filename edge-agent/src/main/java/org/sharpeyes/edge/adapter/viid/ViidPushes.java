package org.sharpeyes.edge.adapter.viid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to the objects of one push of a registered device: each is read ({@link
 * ViidBodyParser}), turned into an event (vehicles at once, faces through {@link ViidFaces}) and
 * offered to the outbox, or refused; each gets its own status, in the order sent. Every object is
 * counted in {@link ViidMetrics}; refusals also go through the failure path (one summary per
 * request) and a log line per device and reason, at most one a minute ({@link LogThrottle}).
 * Thread-safe; never blocks.
 */
final class ViidPushes {

  private static final Logger log = LoggerFactory.getLogger(ViidPushes.class);

  private final ViidBodyParser parser;
  private final ViidEventMapper mapper;
  private final Supplier<ViidFaces> faces;
  private final EventOffers offers;
  private final AdapterFaults faults;
  private final ViidMetrics metrics;
  private final LogThrottle throttle;

  ViidPushes(
      ViidBodyParser parser,
      ViidEventMapper mapper,
      Supplier<ViidFaces> faces,
      EventOffers offers,
      AdapterFaults faults,
      ViidMetrics metrics,
      Clock clock) {
    this.parser = parser;
    this.mapper = mapper;
    this.faces = faces;
    this.offers = offers;
    this.faults = faults;
    this.metrics = metrics;
    this.throttle = new LogThrottle(clock, Duration.ofMinutes(1));
  }

  /**
   * Handles one push body of {@code deviceId} (registered, checked by the caller).
   *
   * @return the statuses, one per object (one for the whole body when it could not be read); never
   *     completes exceptionally
   */
  CompletableFuture<List<ViidObjectStatus>> handle(
      String deviceId, ViidObjectKind kind, byte[] body, Instant now) {
    ViidBodyParser.Result result = parser.parse(kind, body, now);
    if (result.whole() != null) {
      return CompletableFuture.completedFuture(
          List.of(refuseWhole(deviceId, kind, result.whole())));
    }
    List<CompletableFuture<ViidObjectStatus>> statuses = new ArrayList<>();
    for (ViidObject o : result.objects()) {
      CompletableFuture<ViidObjectStatus> status;
      try {
        status = one(deviceId, kind, o);
      } catch (RuntimeException e) {
        status = CompletableFuture.failedFuture(e);
      }
      statuses.add(status.exceptionally(e -> internal(o, e)));
    }
    return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<ViidObjectStatus> out = statuses.stream().map(CompletableFuture::join).toList();
              record(deviceId, kind, out);
              return out;
            });
  }

  /** Counts and reports a body refused as a whole; returns its status. */
  ViidObjectStatus refuseWhole(String deviceId, ViidObjectKind kind, ViidObjectStatus status) {
    record(deviceId, kind, List.of(status));
    return status;
  }

  /** Counts a push refused before its body was read (device not registered). */
  void countRefusedRequest(String device, ViidObjectKind kind, ViidObjectStatus status) {
    metrics.count(device, kind, status.outcome());
    faults.report(
        FaultKind.INPUT_REJECTED, "push to " + kind.path() + ": " + status.reason(), null);
  }

  private CompletableFuture<ViidObjectStatus> one(
      String deviceId, ViidObjectKind kind, ViidObject o) {
    if (o instanceof ViidObject.Refused r) {
      return CompletableFuture.completedFuture(r.status());
    }
    if (o instanceof ViidObject.Counted c) {
      return CompletableFuture.completedFuture(
          ViidObjectStatus.ok(
              c.id(), "acknowledged and counted; " + kind.tag() + " objects are not events"));
    }
    if (o instanceof ViidObject.Vehicle v) {
      return vehicle(deviceId, v);
    }
    return face(deviceId, (ViidObject.Face) o);
  }

  private CompletableFuture<ViidObjectStatus> vehicle(String deviceId, ViidObject.Vehicle v) {
    if (!v.deviceId().equals(deviceId)) {
      return CompletableFuture.completedFuture(otherDevice(v.id(), v.deviceId(), deviceId));
    }
    if (ViidEventMapper.plate(v.plateNo()) instanceof PlateParse.Refused refused) {
      return CompletableFuture.completedFuture(
          ViidObjectStatus.refused(
              v.id(),
              ViidStatusCode.INVALID_JSON_CONTENT,
              "PlateNo " + ViidBodyParser.clip(refused.message()),
              "bad-plate"));
    }
    PlateNumber plate = ((PlateParse.Parsed) ViidEventMapper.plate(v.plateNo())).plate();
    EdgeEvent event = mapper.vehicle(v, plate);
    String note = ViidEventMapper.colorNote(plate, v);
    return offer(
        v.id(),
        event,
        v.snapshotJpeg(),
        note == null
            ? "stored as vehicle.sighted"
            : "stored as vehicle.sighted without its colour (" + note + ")");
  }

  private CompletableFuture<ViidObjectStatus> face(String deviceId, ViidObject.Face f) {
    if (!f.deviceId().equals(deviceId)) {
      return CompletableFuture.completedFuture(otherDevice(f.id(), f.deviceId(), deviceId));
    }
    return faces
        .get()
        .analyse(f)
        .toCompletableFuture()
        .thenCompose(
            outcome ->
                outcome.event() == null
                    ? CompletableFuture.completedFuture(ViidObjectStatus.ok(f.id(), outcome.what()))
                    : offer(f.id(), outcome.event(), f.faceJpeg(), outcome.what()));
  }

  private CompletableFuture<ViidObjectStatus> offer(
      String id, EdgeEvent event, byte[] jpeg, String what) {
    return offers
        .offer(event, jpeg)
        .toCompletableFuture()
        .thenApply(
            result ->
                result instanceof SinkResult.Refused refused
                    ? ViidObjectStatus.refused(
                        id,
                        ViidStatusCode.DEVICE_BUSY,
                        "not stored, send it again later: " + refused.reason(),
                        "sink-refused")
                    : ViidObjectStatus.ok(id, what + " " + event.id()));
  }

  private static ViidObjectStatus otherDevice(String id, String objectDevice, String identify) {
    return ViidObjectStatus.refused(
        id,
        ViidStatusCode.INVALID_JSON_CONTENT,
        "DeviceID " + objectDevice + " is not the pushing device " + identify,
        "bad-id");
  }

  private ViidObjectStatus internal(ViidObject o, Throwable e) {
    faults.report(FaultKind.INTERNAL, "GA/T 1400 object " + o.id() + " failed: " + e, e);
    return ViidObjectStatus.refused(
        o.id(), ViidStatusCode.OTHER_ERROR, "internal error at the edge; see its log", "internal");
  }

  private void record(String deviceId, ViidObjectKind kind, List<ViidObjectStatus> statuses) {
    int refused = 0;
    ViidObjectStatus first = null;
    for (ViidObjectStatus s : statuses) {
      metrics.count(deviceId, kind, s.outcome());
      if (!s.accepted() && !s.outcome().equals("sink-refused")) {
        refused++;
        first = first == null ? s : first;
        String key = deviceId + "/" + s.outcome();
        ViidObjectStatus line = s;
        throttle
            .permit(key)
            .ifPresent(
                held ->
                    log.warn(
                        "device {}: {} {} refused: {}{}",
                        deviceId,
                        kind.tag(),
                        line.id(),
                        line.reason(),
                        LogThrottle.heldBack(held)));
      }
    }
    if (refused > 0) {
      faults.report(
          FaultKind.INPUT_REJECTED,
          "device "
              + deviceId
              + ": "
              + refused
              + " of "
              + statuses.size()
              + " "
              + kind.tag()
              + " objects refused, e.g. "
              + first.id()
              + ": "
              + first.reason(),
          null);
    }
  }
}
