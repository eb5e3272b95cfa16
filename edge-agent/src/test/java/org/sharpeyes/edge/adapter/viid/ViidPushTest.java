package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.adapter.viid.ViidListener.CAMERA;
import static org.sharpeyes.edge.adapter.viid.ViidListener.CAMERA_2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceCaptured;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

/** What a registered camera's pushes become, object by object, over a real connection. */
class ViidPushTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2026-12-07 20:00:00 in Beijing. */
  static final String TIME = "20261207200000";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:05Z"));
  private ViidListener listener;
  private ViidTestDevice camera;

  @BeforeEach
  void start() throws Exception {
    ViidAdapterConfig config =
        ViidListener.config()
            .withLimits(
                new ViidAdapterConfig.Limits(
                    8 * 1024 * 1024,
                    64,
                    4,
                    200 * 1024,
                    ViidAdapterConfig.Limits.DEFAULT_MAX_TIME_SKEW));
    listener = new ViidListener().start(config, clock);
    camera = listener.camera();
    assertThat(camera.register().statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
  }

  private static List<JsonNode> statuses(HttpResponse<String> r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(r.body())
        .get("ResponseStatusListObject")
        .get("ResponseStatusObject")
        .forEach(out::add);
    return out;
  }

  @Test
  void aMixedPushGetsOneStatusPerObjectAndOnlyTheGoodVehicleBecomesAnEvent() throws Exception {
    String good = ViidSamples.objectId(CAMERA, TIME, 1, "02");
    String bigImage = ViidSamples.objectId(CAMERA, TIME, 3, "02");
    String body =
        ViidSamples.vehicles(
            List.of(
                ViidSamples.vehicle(
                    good,
                    CAMERA,
                    "湘A·12345",
                    TIME,
                    ViidSamples.image(good.substring(0, 41), "02", TIME, Jpegs.ofSize(2000))),
                ViidSamples.vehicle("4307020000132000020102", CAMERA, "湘A54321", TIME, ""),
                ViidSamples.vehicle(
                    bigImage,
                    CAMERA,
                    "湘A67890",
                    TIME,
                    ViidSamples.image(
                        bigImage.substring(0, 41), "01", TIME, Jpegs.ofSize(300 * 1024)))));

    HttpResponse<String> r = camera.push("/VIID/MotorVehicles", body);

    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> s = statuses(r);
    assertThat(s).hasSize(3);
    assertThat(s.get(0).get("Id").asText()).isEqualTo(good);
    assertThat(s.get(0).get("StatusCode").asInt()).isZero();
    assertThat(s.get(0).get("StatusString").asText()).startsWith("stored as vehicle.sighted");
    assertThat(s.get(1).get("Id").asText()).isEqualTo("4307020000132000020102");
    assertThat(s.get(1).get("StatusCode").asInt()).isEqualTo(8);
    assertThat(s.get(1).get("StatusString").asText()).contains("MotorVehicleID must be 48 digits");
    assertThat(s.get(2).get("Id").asText()).isEqualTo(bigImage);
    assertThat(s.get(2).get("StatusCode").asInt()).isEqualTo(8);
    assertThat(s.get(2).get("StatusString").asText()).contains("larger than 204800 bytes");
    assertThat(listener.outbox.offers()).hasSize(1);
    assertThat(((VehicleSighted) listener.outbox.offers().get(0).event().data()).plateNumber())
        .isEqualTo("湘A12345");
    assertThat(listener.objects(CAMERA, "motor-vehicle", "accepted")).isEqualTo(1);
    assertThat(listener.objects(CAMERA, "motor-vehicle", "bad-id")).isEqualTo(1);
    assertThat(listener.objects(CAMERA, "motor-vehicle", "image-too-large")).isEqualTo(1);
    assertThat(listener.adapter.status().lastError())
        .contains("2 of 3 motor-vehicle objects refused");
  }

  @Test
  void aVehiclePassCarriesItsPlateColourClassLaneSpeedTimeAndPlatePicture() throws Exception {
    String id = ViidSamples.objectId(CAMERA, TIME, 7, "02");
    byte[] plate = Jpegs.ofSize(900);
    byte[] scene = Jpegs.ofSize(5000);
    String images =
        ViidSamples.image(id.substring(0, 41), "01", TIME, scene)
            + ","
            + ViidSamples.image(ViidSamples.sourceId(CAMERA, TIME, 8), "02", TIME, plate);

    camera.push(
        "/VIID/MotorVehicles",
        ViidSamples.vehicles(List.of(ViidSamples.vehicle(id, CAMERA, "湘a 1234５", TIME, images))));

    EdgeEvent event = listener.outbox.offers().get(0).event();
    VehicleSighted v = (VehicleSighted) event.data();
    assertThat(event.deviceId()).isEqualTo(CAMERA);
    assertThat(event.time()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
    assertThat(v.plateNumber()).isEqualTo("湘A12345");
    assertThat(v.plateRaw()).isEqualTo("湘a 1234５");
    assertThat(v.plateColor()).isEqualTo(PlateColor.BLUE);
    assertThat(v.plateClass()).isEqualTo("02");
    assertThat(v.vehicleColor()).isEqualTo("white");
    assertThat(v.vehicleClass()).isEqualTo("K33");
    assertThat(v.lane()).isEqualTo(2);
    assertThat(v.speedKmh()).isEqualTo(62.5);
    assertThat(v.direction()).isEqualTo("1");
    assertThat(listener.outbox.offers().get(0).snapshot()).isEqualTo(plate);
    assertThat(v.snapshot().sizeBytes()).isEqualTo(plate.length);
  }

  @Test
  void aPlateAgainstTheNationalGrammarIsRefusedWithTheReasonAndTheOthersAreStored()
      throws Exception {
    String bad = ViidSamples.objectId(CAMERA, TIME, 11, "02");
    String electric = ViidSamples.objectId(CAMERA, TIME, 12, "02");
    String unsure = ViidSamples.objectId(CAMERA, TIME, 13, "02");
    String body =
        ViidSamples.vehicles(
            List.of(
                ViidSamples.vehicle(bad, CAMERA, "湘I12345", TIME, ""),
                // a new-energy plate the camera called blue (PlateColor 5)
                ViidSamples.vehicle(electric, CAMERA, "湘JD12345", TIME, ""),
                ViidSamples.vehicle(unsure, CAMERA, "湘J38J91", TIME, "")
                    .replace(
                        "\"Speed\"",
                        "\"PlateReliability\":\"92\",\"PlateCharReliability\":\"湘-41,J-95\","
                            + "\"Speed\"")));

    List<JsonNode> s = statuses(camera.push("/VIID/MotorVehicles", body));

    assertThat(s.get(0).get("StatusCode").asInt()).isEqualTo(8);
    assertThat(s.get(0).get("StatusString").asText()).contains("'湘I12345'").contains("cannot be I");
    assertThat(s.get(1).get("StatusCode").asInt()).isZero();
    assertThat(s.get(1).get("StatusString").asText()).contains("without its colour");
    assertThat(s.get(2).get("StatusCode").asInt()).isZero();
    assertThat(listener.outbox.offers()).hasSize(2);
    VehicleSighted electricPass = (VehicleSighted) listener.outbox.offers().get(0).event().data();
    assertThat(electricPass.plateNumber()).isEqualTo("湘JD12345");
    assertThat(electricPass.plateColor()).as("blue does not fit a new-energy plate").isNull();
    VehicleSighted unsurePass = (VehicleSighted) listener.outbox.offers().get(1).event().data();
    assertThat(unsurePass.confidence())
        .as("the province character's 41 is lower than the plate's 92")
        .isEqualTo(0.41);
    assertThat(listener.objects(CAMERA, "motor-vehicle", "bad-plate")).isEqualTo(1);
  }

  @Test
  void aDeviceThatHasNotRegisteredIsRefusedWithInvalidOperation() throws Exception {
    ViidTestDevice other = listener.device(CAMERA_2, "other-Pa55");
    String id = ViidSamples.objectId(CAMERA_2, TIME, 1, "02");

    HttpResponse<String> r =
        other.push(
            "/VIID/MotorVehicles",
            ViidSamples.vehicles(List.of(ViidSamples.vehicle(id, CAMERA_2, "湘A12345", TIME, ""))));

    assertThat(statuses(r))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("StatusCode").asInt()).isEqualTo(4);
              assertThat(s.get("StatusString").asText()).contains("is not registered");
            });
    assertThat(listener.outbox.offers()).isEmpty();
    assertThat(listener.objects(CAMERA_2, "motor-vehicle", "unregistered")).isEqualTo(1);
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAsAWholeWithInvalidJsonFormat() throws Exception {
    HttpResponse<String> r = camera.push("/VIID/MotorVehicles", "{\"MotorVehicleListObject\":");

    assertThat(statuses(r))
        .singleElement()
        .satisfies(s -> assertThat(s.get("StatusCode").asInt()).isEqualTo(7));
  }

  @Test
  void personsNonMotorVehiclesAndImagesAreAcknowledgedAndCountedButNotEvents() throws Exception {
    String person = ViidSamples.objectId(CAMERA, TIME, 1, "01");
    String image = ViidSamples.sourceId(CAMERA, TIME, 2);

    HttpResponse<String> persons =
        camera.push(
            "/VIID/Persons",
            "{\"PersonListObject\":{\"PersonObject\":[{\"PersonID\":\"" + person + "\"}]}}");
    HttpResponse<String> images =
        camera.push(
            "/VIID/Images",
            "{\"ImageListObject\":{\"Image\":[{\"ImageInfo\":{\"ImageID\":\"" + image + "\"}}]}}");

    assertThat(statuses(persons).get(0).get("StatusCode").asInt()).isZero();
    assertThat(statuses(persons).get(0).get("Id").asText()).isEqualTo(person);
    assertThat(statuses(images).get(0).get("StatusString").asText()).contains("not events");
    assertThat(listener.outbox.offers()).isEmpty();
    assertThat(listener.objects(CAMERA, "person", "accepted")).isEqualTo(1);
    assertThat(listener.objects(CAMERA, "image", "accepted")).isEqualTo(1);
  }

  @Test
  void anObjectFarFromTheEdgesClockIsRefusedAndTheRestStored() throws Exception {
    String old = ViidSamples.objectId(CAMERA, "20261201200000", 1, "02");
    String now = ViidSamples.objectId(CAMERA, TIME, 2, "02");

    HttpResponse<String> r =
        camera.push(
            "/VIID/MotorVehicles",
            ViidSamples.vehicles(
                List.of(
                    ViidSamples.vehicle(old, CAMERA, "湘A11111", "20261201200000", ""),
                    ViidSamples.vehicle(now, CAMERA, "湘A22222", TIME, ""))));

    List<JsonNode> s = statuses(r);
    assertThat(s.get(0).get("StatusString").asText()).contains("from the edge's clock");
    assertThat(s.get(1).get("StatusCode").asInt()).isZero();
    assertThat(listener.outbox.offers()).hasSize(1);
  }

  @Test
  void withoutFaceAnalysisAFaceIsStoredAsCapturedWithItsFacePicture() throws Exception {
    String id = ViidSamples.objectId(CAMERA, TIME, 4, "06");
    byte[] crop = Jpegs.ofSize(1500);
    String images =
        ViidSamples.image(id.substring(0, 41), "14", TIME, Jpegs.ofSize(4000))
            + ","
            + ViidSamples.image(ViidSamples.sourceId(CAMERA, TIME, 9), "11", TIME, crop);

    HttpResponse<String> r =
        camera.push(
            "/VIID/Faces", ViidSamples.faces(List.of(ViidSamples.face(id, CAMERA, TIME, images))));

    assertThat(statuses(r).get(0).get("StatusString").asText())
        .contains("face.captured", "face analysis is off");
    FaceCaptured f = (FaceCaptured) listener.outbox.offers().get(0).event().data();
    assertThat(f.bbox().x()).isEqualTo(163);
    assertThat(f.bbox().width()).isEqualTo(334 - 163);
    assertThat(listener.outbox.offers().get(0).snapshot()).isEqualTo(crop);
  }

  @Test
  void anEventTheOutboxRefusesIsAnsweredDeviceBusySoTheCameraSendsItAgain() throws Exception {
    listener.outbox.refuseWith("outbox disk behind");
    String id = ViidSamples.objectId(CAMERA, TIME, 5, "02");

    HttpResponse<String> r =
        camera.push(
            "/VIID/MotorVehicles",
            ViidSamples.vehicles(List.of(ViidSamples.vehicle(id, CAMERA, "湘A33333", TIME, ""))));

    assertThat(statuses(r).get(0).get("StatusCode").asInt()).isEqualTo(2);
    assertThat(statuses(r).get(0).get("StatusString").asText()).contains("outbox disk behind");
  }

  @Test
  void objectsBeyondTheLimitPerRequestAreRefusedOneByOneAsDeviceBusy() throws Exception {
    listener.close();
    ViidAdapterConfig config =
        ViidListener.config()
            .withLimits(
                new ViidAdapterConfig.Limits(
                    8 * 1024 * 1024,
                    2,
                    4,
                    200 * 1024,
                    ViidAdapterConfig.Limits.DEFAULT_MAX_TIME_SKEW));
    listener = new ViidListener().start(config, clock);
    camera = listener.camera();
    camera.register();
    List<String> objects = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      objects.add(
          ViidSamples.vehicle(
              ViidSamples.objectId(CAMERA, TIME, i, "02"), CAMERA, "湘A1000" + i, TIME, ""));
    }

    List<JsonNode> s = statuses(camera.push("/VIID/MotorVehicles", ViidSamples.vehicles(objects)));

    assertThat(s).extracting(n -> n.get("StatusCode").asInt()).containsExactly(0, 0, 2);
    assertThat(s.get(2).get("StatusString").asText()).contains("more than 2 objects");
    assertThat(listener.outbox.offers()).hasSize(2);
  }

  @Test
  void anUnregisteredCameraCanNoLongerPush() throws Exception {
    HttpResponse<String> bye =
        camera.post(
            ViidHttpHandler.UNREGISTER,
            "{\"UnRegisterObject\":{\"DeviceID\":\"" + CAMERA + "\"}}",
            java.util.Map.of("User-Identify", CAMERA));
    String id = ViidSamples.objectId(CAMERA, TIME, 1, "02");

    HttpResponse<String> r =
        camera.push(
            "/VIID/MotorVehicles",
            ViidSamples.vehicles(List.of(ViidSamples.vehicle(id, CAMERA, "湘A12345", TIME, ""))));

    assertThat(bye.body()).contains("\"StatusCode\":0", "unregistered");
    assertThat(statuses(r).get(0).get("StatusCode").asInt()).isEqualTo(4);
    assertThat(listener.adapter.status().details())
        .containsEntry(CAMERA + ".registered", "false")
        .containsEntry("registered", "false");
    assertThat(listener.adapter.status().connectionState())
        .isEqualTo(org.sharpeyes.edge.adapter.ConnectionState.DISCONNECTED);
  }
}
