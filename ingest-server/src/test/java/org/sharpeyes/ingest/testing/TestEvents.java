package org.sharpeyes.ingest.testing;

import java.time.Instant;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;

/** Valid contract events for tests. */
public final class TestEvents {

  public static final String EDGE = "edge-wuling-01";
  public static final String PLATE_READER = "43070200001320000101";

  private TestEvents() {}

  public static EdgeEvent vehicleSighted(String id, String plate, Instant time) {
    return numbered(EDGE, 1, id, plate, time);
  }

  /** A sighting of {@code plate} numbered {@code seq} by {@code edgeId}. */
  public static EdgeEvent numbered(String edgeId, long seq, String id, String plate, Instant time) {
    return new EdgeEvent(
        id,
        edgeId,
        PLATE_READER,
        seq,
        time,
        new VehicleSighted(
            plate,
            plate,
            VehicleSighted.PlateColor.BLUE,
            null,
            "car",
            "white",
            "north",
            1,
            42.0,
            0.93,
            new SnapshotRef(SnapshotRef.JPEG, 4)));
  }
}
