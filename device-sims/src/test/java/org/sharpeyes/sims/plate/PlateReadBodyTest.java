package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.testing.MutableClock;

class PlateReadBodyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonCarriesTheFieldsTheEdgeReadsWithTheirTypes() throws Exception {
    PlateReadBody body =
        new PlateReadBody(
            "湘J·A1234",
            "blue",
            "2026-11-27T10:15:30.123+08:00",
            "in",
            2,
            0.93,
            "car",
            "white",
            42.5,
            "/9j/4AAQ");

    JsonNode json = JSON.readTree(body.toJson());

    assertThat(json.get("plate").asText()).isEqualTo("湘J·A1234");
    assertThat(json.get("color").asText()).isEqualTo("blue");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-27T10:15:30.123+08:00");
    assertThat(json.get("direction").asText()).isEqualTo("in");
    assertThat(json.get("lane").isInt()).isTrue();
    assertThat(json.get("confidence").isNumber()).isTrue();
    assertThat(json.get("confidence").asDouble()).isEqualTo(0.93);
    assertThat(json.get("vehicleClass").asText()).isEqualTo("car");
    assertThat(json.get("vehicleColor").asText()).isEqualTo("white");
    assertThat(json.get("speedKmh").asDouble()).isEqualTo(42.5);
    assertThat(json.get("snapshotBase64").asText()).isEqualTo("/9j/4AAQ");
    assertThat(fieldNames(json))
        .containsExactly(
            "plate",
            "color",
            "time",
            "direction",
            "lane",
            "confidence",
            "vehicleClass",
            "vehicleColor",
            "speedKmh",
            "snapshotBase64");
  }

  @Test
  void optionalFieldsThatAreUnknownAreLeftOut() throws Exception {
    PlateReadBody body =
        new PlateReadBody(
            "湘JA1234",
            null,
            "2026-11-27T10:15:30.123+08:00",
            null,
            null,
            0.9,
            null,
            null,
            null,
            null);

    JsonNode json = JSON.readTree(body.toJson());

    assertThat(fieldNames(json)).containsExactly("plate", "time", "confidence");
  }

  @Test
  void readerTimeHasMillisecondsAndTheChinaOffset() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T02:15:30.123Z"));
    PlateReadFactory factory = new PlateReadFactory(clock, new SplittableRandom(1), null);

    PlateReadBody body = factory.bodyFor(new PlateDraw("湘JA1234", "湘JA1234", null));

    assertThat(body.time()).isEqualTo("2026-11-27T10:15:30.123+08:00");
    assertThat(OffsetDateTime.parse(body.time()).toInstant()).isEqualTo(clock.instant());
    assertThat(body.snapshotBase64()).isNull();
  }

  @Test
  void factoryGivesPlausibleAttributes() {
    PlateReadFactory factory =
        new PlateReadFactory(new MutableClock(Instant.EPOCH), new SplittableRandom(2), null);
    for (int i = 0; i < 200; i++) {
      PlateReadBody body = factory.bodyFor(new PlateDraw("湘JF27777", "湘JF27777", null));
      assertThat(body.color()).isEqualTo("green");
      assertThat(body.confidence()).isBetween(0.8, 0.99);
      assertThat(body.lane()).isBetween(1, 4);
      assertThat(body.direction()).isIn("in", "out");
      assertThat(body.speedKmh()).isBetween(15.0, 80.0);
    }
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
