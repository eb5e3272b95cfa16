package org.sharpeyes.edge.adapter.plate;

import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * Turns a plate read into a {@code vehicle.sighted} event: the plate normalised with {@link
 * PlateNumber#normalise} (the raw text kept), its GA 24.7 class where the plate and colour imply
 * one (e.g. {@code 52} for a green small new-energy plate), a new time-ordered event id, {@code
 * seq} 0 for the sink to assign. Thread-safe.
 */
public final class PlateReadEventMapper {

  private final String edgeId;
  private final String deviceId;
  private final EventIds eventIds;

  public PlateReadEventMapper(String edgeId, String deviceId, EventIds eventIds) {
    this.edgeId = edgeId;
    this.deviceId = deviceId;
    this.eventIds = eventIds;
  }

  public EdgeEvent toEvent(PlateRead read) {
    SnapshotRef snapshot =
        read.snapshotJpeg() == null
            ? null
            : new SnapshotRef(SnapshotRef.JPEG, read.snapshotJpeg().length);
    String plate = PlateNumber.normalise(read.plateRaw());
    String plateClass =
        read.color() == null
            ? null
            : PlateNumber.tryParse(plate).map(p -> p.plateClass(read.color())).orElse(null);
    VehicleSighted data =
        new VehicleSighted(
            plate,
            read.plateRaw(),
            read.color(),
            plateClass,
            read.vehicleClass(),
            read.vehicleColor(),
            read.direction(),
            read.lane(),
            read.speedKmh(),
            read.confidence(),
            snapshot);
    return new EdgeEvent(eventIds.next(), edgeId, deviceId, 0, read.time(), data);
  }
}
