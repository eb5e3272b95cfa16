package org.sharpeyes.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.event.BoundingBox;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventData;
import org.sharpeyes.schema.event.FaceCaptured;
import org.sharpeyes.schema.event.FaceEmbedding;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;

class EventCodecTest {

  private static final String DEVICE = "43070200001320000101";
  private static final String DOOR = "43070200001340000001";
  private final EventCodec codec = new EventCodec();

  static EdgeEvent event(EventData data) {
    return new EdgeEvent(
        "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
        "edge-wuling-01",
        DEVICE,
        42,
        Instant.parse("2026-11-27T02:15:30.123Z"),
        data);
  }

  static VehicleSighted plateRead() {
    return new VehicleSighted(
        "湘JA1234",
        "湘J·A1234",
        VehicleSighted.PlateColor.BLUE,
        null,
        "car",
        "white",
        "in",
        2,
        42.5,
        0.93,
        new SnapshotRef(SnapshotRef.JPEG, 5120));
  }

  @Test
  void everyEventTypeSurvivesARoundTrip() {
    List<EventData> all =
        List.of(
            plateRead(),
            new VehicleSighted(
                "湘JA1234", "湘JA1234", null, null, null, null, null, null, null, 0.5, null),
            new FaceCaptured(
                new BoundingBox(10, 20, 64, 80),
                0.88,
                new SnapshotRef(SnapshotRef.JPEG, 900),
                new FaceEmbedding("fr_feature-512", "AAAAAA==")),
            new FaceMatched("KP0001", 0.71, 0.6, "fr_feature-512", 3, null),
            new DoorAccess(
                DOOR,
                DoorAccess.CredentialType.CARD,
                "CARD-000123",
                DoorAccess.Result.DENIED,
                "card expired",
                DoorAccess.Direction.IN),
            new DoorState(DOOR, DoorState.State.HELD_OPEN),
            new DeviceStatus(DeviceStatus.Availability.DEGRADED, "low fps", 3.5, 120.0));
    for (EventData data : all) {
      EdgeEvent original = event(data);
      DecodeResult result = codec.decode(codec.encode(original));
      assertThat(result).as(data.eventType().kind()).isEqualTo(new DecodeResult.Decoded(original));
    }
  }

  @Test
  void encodedEventIsStructuredCloudEventWithOurExtensions() throws Exception {
    byte[] bytes = codec.encode(event(plateRead()));
    var root = codec.mapper().readTree(bytes);
    assertThat(root.get("specversion").asText()).isEqualTo("1.0");
    assertThat(root.get("type").asText()).isEqualTo("sharpeyes.vehicle.sighted");
    assertThat(root.get("source").asText()).isEqualTo("/edge/edge-wuling-01/device/" + DEVICE);
    assertThat(root.get("dataschema").asText())
        .isEqualTo("urn:sharpeyes:schema:v1:vehicle.sighted");
    assertThat(root.get("seq").asLong()).isEqualTo(42);
    assertThat(root.get("edgeid").asText()).isEqualTo("edge-wuling-01");
    assertThat(root.get("data").get("plateNumber").asText()).isEqualTo("湘JA1234");
    assertThat(root.get("data").get("plateColor").asText()).isEqualTo("blue");
  }

  @Test
  void missingFieldsAreAllReportedWithTheirPaths() {
    ObjectNode root = tree(event(plateRead()));
    root.remove("id");
    root.remove("seq");
    ((ObjectNode) root.get("data")).remove("plateNumber");
    ((ObjectNode) root.get("data")).remove("confidence");

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems())
        .extracting(Problem::path)
        .contains("id", "seq", "data.plateNumber", "data.confidence");
    assertThat(rejected.problems()).allMatch(p -> p.message().contains("required"));
  }

  @Test
  void wrongTypesAndRangesAreReportedWithTheirPaths() {
    ObjectNode root = tree(event(plateRead()));
    root.put("seq", "forty-two");
    root.put("time", "yesterday");
    ObjectNode data = (ObjectNode) root.get("data");
    data.put("confidence", 1.7);
    data.put("lane", "left");
    data.put("plateColor", "purple");
    data.put("extra", 1);

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems())
        .extracting(Problem::path)
        .contains("seq", "time", "data.confidence", "data.lane", "data.plateColor", "data.extra");
  }

  @Test
  void aSightingWhosePlateBreaksTheGrammarIsRejectedWithTheReason() {
    ObjectNode root = tree(event(plateRead()));
    ((ObjectNode) root.get("data")).put("plateNumber", "湘I12345");

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems())
        .containsExactly(
            new Problem("data.plateNumber", "'湘I12345': the issuing-authority letter cannot be I"));
  }

  @Test
  void aSightingWhosePlateColourCannotBeThatPlatesIsRejected() {
    ObjectNode root = tree(event(plateRead()));
    ((ObjectNode) root.get("data")).put("plateNumber", "湘JD12345").put("plateColor", "blue");

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.problems())
        .containsExactly(
            new Problem(
                "data.plateColor",
                "'湘JD12345' is a small new-energy plate, which is green, not blue"));
  }

  @Test
  void unknownTypeIsRejectedNamingTheKnownOnes() {
    ObjectNode root = tree(event(plateRead()));
    root.put("type", "sharpeyes.drone.sighted");

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
    assertThat(rejected.summary()).contains("sharpeyes.drone.sighted", "sharpeyes.vehicle.sighted");
  }

  @Test
  void sourceThatDisagreesWithEdgeAndDeviceIsRejected() {
    ObjectNode root = tree(event(plateRead()));
    root.put("source", "/edge/other-edge/device/" + DEVICE);

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.problems()).extracting(Problem::path).containsExactly("source");
  }

  @Test
  void deviceIdWithACharacterNoUriMayHoldIsRejectedNotThrown() {
    ObjectNode root = tree(event(plateRead()));
    root.put("deviceid", "430702000`01140000001");

    var rejected = (DecodeResult.Rejected) codec.decode(bytes(root));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems()).extracting(Problem::path).containsExactly("deviceid");
  }

  @Test
  void oversizePayloadIsRejectedBeforeParsing() {
    byte[] huge = new byte[CodecLimits.DEFAULT_MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) '{');

    var rejected = (DecodeResult.Rejected) codec.decode(huge);

    assertThat(rejected.reason()).isEqualTo(RejectReason.OVERSIZE);
    assertThat(rejected.summary()).contains(String.valueOf(CodecLimits.DEFAULT_MAX_BYTES));
  }

  @Test
  void invalidUtf8IsRejectedWithTheOffset() {
    byte[] good = codec.encode(event(plateRead()));
    byte[] bad = java.util.Arrays.copyOf(good, good.length);
    bad[30] = (byte) 0xC3;
    bad[31] = (byte) 0x28; // 0xC3 must be followed by a continuation byte

    var rejected = (DecodeResult.Rejected) codec.decode(bad);

    assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_UTF8);
    assertThat(rejected.summary()).contains("near byte");
  }

  @Test
  void deeplyNestedPayloadIsRejectedWithoutStackOverflow() {
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    var rejected = (DecodeResult.Rejected) codec.decode(deep.getBytes(StandardCharsets.UTF_8));

    assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_DEEP);
  }

  @Test
  void malformedJsonAndNonObjectsAreRejected() {
    for (String input : List.of("{\"id\": ", "[1,2,3]", "42", "null", "not json at all")) {
      var result = codec.decode(input.getBytes(StandardCharsets.UTF_8));
      assertThat(result).as(input).isInstanceOf(DecodeResult.Rejected.class);
      assertThat(((DecodeResult.Rejected) result).reason())
          .as(input)
          .isEqualTo(RejectReason.MALFORMED_JSON);
    }
    assertThat(codec.decode(new byte[0])).isInstanceOf(DecodeResult.Rejected.class);
  }

  @Test
  void limitsAreConfigurable() {
    var small = new EventCodec(new CodecLimits(1024, 8));
    byte[] bytes = codec.encode(event(plateRead()));
    var padded = tree(event(plateRead()));
    ((ObjectNode) padded.get("data")).put("vehicleClass", "x".repeat(30));
    assertThat(small.decode(bytes)).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(small.decode(new byte[2048])).isInstanceOf(DecodeResult.Rejected.class);
  }

  private ObjectNode tree(EdgeEvent e) {
    try {
      return (ObjectNode) codec.mapper().readTree(codec.encode(e));
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
  }

  private byte[] bytes(ObjectNode root) {
    try {
      return codec.mapper().writeValueAsBytes(root);
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
  }
}
