package org.sharpeyes.ingest.rule;

import java.time.Instant;
import java.util.UUID;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;

/** Builds plate-reader events for tests. */
public final class Sightings {

  /** The demo's first plate reader, in 桂园社区 cell 02 of 武陵区. */
  public static final String WULING_READER = "43070200001320000101";

  /** A plate reader of 鼎城区. */
  public static final String DINGCHENG_READER = "43070300001320000101";

  private Sightings() {}

  public static EdgeEvent vehicle(String plate, String deviceId, Instant time) {
    String edge = deviceId.startsWith("430702") ? "edge-wuling-01" : "edge-other-01";
    VehicleSighted data =
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
            0.97,
            null);
    return new EdgeEvent(UUID.randomUUID().toString(), edge, deviceId, 1, time, data);
  }
}
