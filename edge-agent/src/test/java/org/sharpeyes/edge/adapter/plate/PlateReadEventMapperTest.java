package org.sharpeyes.edge.adapter.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;
import org.sharpeyes.schema.id.EventIds;

class PlateReadEventMapperTest {

  static final Instant NOW = Instant.parse("2026-11-27T02:15:31Z");
  static final Instant SEEN = Instant.parse("2026-11-27T02:15:30.123Z");

  final PlateReadEventMapper mapper =
      new PlateReadEventMapper(
          "edge-wuling-01",
          "43070200001320000101",
          new EventIds(Clock.fixed(NOW, ZoneOffset.UTC), new Random(1)));

  @Test
  void thePlateIsNormalisedAndTheRawTextKept() {
    EdgeEvent event = mapper.toEvent(read("湘j·a1234", null));

    VehicleSighted data = (VehicleSighted) event.data();
    assertThat(data.plateNumber()).isEqualTo("湘JA1234");
    assertThat(data.plateRaw()).isEqualTo("湘j·a1234");
  }

  @Test
  void fullWidthCharactersAndSpacesNormaliseToTheSamePlate() {
    VehicleSighted a = (VehicleSighted) mapper.toEvent(read("湘Ｊ　Ａ１２３４", null)).data();
    VehicleSighted b = (VehicleSighted) mapper.toEvent(read("湘J-A 1234", null)).data();

    assertThat(a.plateNumber()).isEqualTo("湘JA1234");
    assertThat(b.plateNumber()).isEqualTo("湘JA1234");
  }

  @Test
  void theEventCarriesTheDeviceTimeAnIdFromTheInjectedClockAndNoSequenceYet() {
    EdgeEvent event = mapper.toEvent(read("湘JA1234", null));

    assertThat(event.type()).isEqualTo(EventType.VEHICLE_SIGHTED);
    assertThat(event.time()).isEqualTo(SEEN);
    assertThat(EventIds.timestampMillis(event.id())).isEqualTo(NOW.toEpochMilli());
    assertThat(event.seq()).isZero();
    assertThat(event.edgeId()).isEqualTo("edge-wuling-01");
    assertThat(event.deviceId()).isEqualTo("43070200001320000101");
  }

  @Test
  void aSnapshotBecomesAReferenceWithItsSize() {
    VehicleSighted data =
        (VehicleSighted) mapper.toEvent(read("湘JA1234", Jpegs.ofSize(2048))).data();

    assertThat(data.snapshot()).isEqualTo(new SnapshotRef("image/jpeg", 2048));
    assertThat(data.plateColor()).isEqualTo(PlateColor.BLUE);
    assertThat(data.lane()).isEqualTo(2);
  }

  @Test
  void thePlateClassIsFilledInWhenThePlateAndColourImplyIt() {
    VehicleSighted blue = (VehicleSighted) mapper.toEvent(read("湘JA1234", null)).data();
    VehicleSighted green =
        (VehicleSighted)
            mapper
                .toEvent(
                    new PlateRead(
                        "湘JD12345",
                        PlateColor.GREEN,
                        SEEN,
                        null,
                        null,
                        0.9,
                        null,
                        null,
                        null,
                        null))
                .data();

    assertThat(blue.plateClass()).isEqualTo("02");
    assertThat(green.plateClass()).isEqualTo("52");
  }

  static PlateRead read(String plate, byte[] snapshot) {
    return new PlateRead(
        plate, PlateColor.BLUE, SEEN, "in", 2, 0.93, "car", "white", 42.5, snapshot);
  }
}
