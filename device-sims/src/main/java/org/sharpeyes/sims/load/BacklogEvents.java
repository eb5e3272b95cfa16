package org.sharpeyes.sims.load;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventData;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.sims.plate.PlateDraw;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateStyle;

/**
 * Generates a backlog of valid events as the demo city's edges would publish them: {@code
 * vehicle.sighted} from the plate readers (a share of them hot plates) and, now and then, a {@code
 * device.status} of one of the other devices; each encoded with {@link EventCodec}, on the edge's
 * event topic, with the edge's own sequence numbers 1, 2, 3… in the order generated. The event time
 * is the clock's now, the id a UUIDv7 of it. The same seed and clock give the same events.
 *
 * <p>Not thread-safe: one generator per publishing thread.
 */
public final class BacklogEvents {

  private static final String[] VEHICLE_COLORS = {"white", "black", "silver", "red", "blue"};
  private static final String[] DIRECTIONS = {"in", "out"};

  private final List<BacklogDevice> readers;
  private final List<BacklogDevice> others;
  private final PlatePool pool;
  private final double hotShare;
  private final double statusShare;
  private final RandomGenerator random;
  private final Clock clock;
  private final EventIds ids;
  private final EventCodec codec;
  private final Map<String, Long> lastSeq = new HashMap<>();

  /**
   * @param devices the reference data's devices; at least one must read plates
   * @param hotShare share (0..1) of plate reads drawn from the hot plates
   * @param statusShare share (0..1) of events that are a {@code device.status} of a device that
   *     does not read plates (ignored when there is none)
   */
  public BacklogEvents(
      List<BacklogDevice> devices,
      PlatePool pool,
      double hotShare,
      double statusShare,
      RandomGenerator random,
      Clock clock,
      EventCodec codec) {
    this.readers = devices.stream().filter(BacklogDevice::readsPlates).toList();
    this.others = devices.stream().filter(d -> !d.readsPlates()).toList();
    if (readers.isEmpty()) {
      throw new IllegalArgumentException(
          "no device of kind " + BacklogDevice.PLATE_READER + " to read plates");
    }
    this.pool = Objects.requireNonNull(pool, "pool");
    this.hotShare = share(hotShare, "hot share");
    this.statusShare = share(statusShare, "status share");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = new EventIds(clock, random);
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** The next event, with the next seq of its edge. */
  public BacklogMessage next() {
    boolean status = !others.isEmpty() && random.nextDouble() < statusShare;
    BacklogDevice device =
        status
            ? others.get(random.nextInt(others.size()))
            : readers.get(random.nextInt(readers.size()));
    boolean hot = false;
    EventData data;
    if (status) {
      data = new DeviceStatus(DeviceStatus.Availability.ONLINE, null, null, null);
    } else {
      PlateDraw draw = pool.draw(random, hotShare, PlateStyle.PLAIN);
      hot = draw.isHot();
      data = sighting(draw.plate());
    }
    long seq = lastSeq.merge(device.edgeId(), 1L, Long::sum);
    EdgeEvent event =
        new EdgeEvent(ids.next(), device.edgeId(), device.deviceId(), seq, clock.instant(), data);
    return new BacklogMessage(
        Topics.events(device.edgeId(), event.type()),
        codec.encode(event),
        device.edgeId(),
        seq,
        hot);
  }

  private VehicleSighted sighting(String plateText) {
    PlateNumber plate =
        PlateNumber.tryParse(plateText)
            .orElseThrow(
                () ->
                    new IllegalStateException("the plate pool gave an invalid plate " + plateText));
    PlateColor color = plate.colors().stream().sorted().findFirst().orElse(null);
    return new VehicleSighted(
        plate.text(),
        plate.text(),
        color,
        color == null ? null : plate.plateClass(color),
        "car",
        VEHICLE_COLORS[random.nextInt(VEHICLE_COLORS.length)],
        DIRECTIONS[random.nextInt(DIRECTIONS.length)],
        1 + random.nextInt(4),
        20.0 + random.nextInt(600) / 10.0,
        0.85 + random.nextInt(15) / 100.0,
        null);
  }

  private static double share(double value, String what) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, not " + value);
    }
    return value;
  }
}
