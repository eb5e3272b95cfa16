package org.sharpeyes.sims.viid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.plate.PlatePool;

class CaptureFactoryTest {

  static final String DEVICE = "43070200001320000201";
  private static final Instant AT = Instant.parse("2026-12-07T04:05:06Z"); // 12:05:06 in Beijing

  private static ViidSimulatorOptions.Builder options() {
    return ViidSimulatorOptions.builder()
        .url(URI.create("http://127.0.0.1:1"))
        .deviceId(DEVICE)
        .password("pw")
        .pictureBytes(20_000);
  }

  private static List<Capture> make(ViidSimulatorOptions options, int n) {
    CaptureFactory factory = new CaptureFactory(options);
    List<Capture> out = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> out.add(factory.next(AT)));
    return out;
  }

  @Test
  void theSameSeedMakesTheSameVehiclesAndIds() {
    List<Capture> first = make(options().seed(42).misreadShare(0.3).build(), 30);
    List<Capture> again = make(options().seed(42).misreadShare(0.3).build(), 30);
    List<Capture> other = make(options().seed(43).misreadShare(0.3).build(), 30);

    assertThat(again)
        .extracting(Capture::sentPlate)
        .isEqualTo(first.stream().map(Capture::sentPlate).toList());
    assertThat(again).extracting(Capture::id).isEqualTo(first.stream().map(Capture::id).toList());
    assertThat(again)
        .extracting(c -> c.json().toString())
        .isEqualTo(first.stream().map(c -> c.json().toString()).toList());
    assertThat(other)
        .extracting(Capture::plate)
        .isNotEqualTo(first.stream().map(Capture::plate).toList());
  }

  @Test
  void vehiclesFollowTheGaT1400Layouts() {
    Capture vehicle = make(options().seed(1).build(), 1).get(0);
    var json = vehicle.json();

    String id = json.get("MotorVehicleID").asText();
    String source = json.get("SourceID").asText();
    assertThat(source).hasSize(41).startsWith(DEVICE + "02" + "20261207120506");
    assertThat(id).hasSize(48).isEqualTo(source + "02" + "00001");
    assertThat(json.get("PassTime").asText()).isEqualTo("20261207120506");
    assertThat(json.get("PlateNo").asText()).isEqualTo(vehicle.plate());
    assertThat(json.get("PlateClass").asText()).isIn("01", "02", "52");
    assertThat(json.get("PlateColor").asText()).isIn("5", "6", "9");
    var images = json.get("SubImageList").get("SubImageInfoObject");
    assertThat(images).extracting(i -> i.get("Type").asText()).containsExactly("01", "02");
    assertThat(images.get(0).get("ImageID").asText()).isEqualTo(source);
    assertThat(images.get(1).get("ImageID").asText()).hasSize(41).isNotEqualTo(source);
    byte[] scene = Base64.getDecoder().decode(images.get(0).get("Data").asText());
    assertThat(scene).hasSize(20_000).startsWith((byte) 0xFF, (byte) 0xD8);
    assertThat(images.get(0).get("FileSize").asInt()).isEqualTo(20_000);
  }

  @Test
  void aMisreadShareOfOneSendsEveryPlateWithOneCharacterMisread() {
    PlatePool pool = PlatePool.of(List.of("湘JA1058", "湘JB2860", "湘JK8520"), List.of());
    List<Capture> vehicles = make(options().seed(5).pool(pool).misreadShare(1).build(), 20);

    assertThat(vehicles).allMatch(Capture::isMisread);
    for (Capture c : vehicles) {
      assertThat(c.json().get("PlateNo").asText()).isEqualTo(c.sentPlate());
      int differences = 0;
      for (int i = 0; i < c.plate().length(); i++) {
        differences += c.plate().charAt(i) == c.sentPlate().charAt(i) ? 0 : 1;
      }
      assertThat(differences).isEqualTo(1);
      assertThat(c.json().get("PlateReliability").asInt())
          .as("a misread is a read the reader was unsure of")
          .isLessThanOrEqualTo(80);
      assertThat(c.json().get("PlateCharReliability").asText())
          .startsWith(c.sentPlate().substring(0, 1) + "-");
    }
    Capture clean = make(options().seed(5).pool(pool).build(), 1).get(0);
    assertThat(clean.json().get("PlateReliability").asInt()).isGreaterThanOrEqualTo(96);
  }

  @Test
  void facesCarryASceneAndAFacePicture() {
    Portrait portrait = new Portrait("p1.jpg", TestJpegs.jpeg(200, 240), 200, 240);
    Capture face =
        make(
                options()
                    .seed(3)
                    .kinds(EnumSet.of(CaptureKind.FACE))
                    .portraits(List.of(portrait))
                    .build(),
                1)
            .get(0);

    var json = face.json();
    assertThat(json.get("FaceID").asText()).hasSize(48).endsWith("0600001");
    assertThat(json.get("SourceID").asText()).hasSize(41);
    assertThat(json.get("FaceDisAppearTime").asText()).isEqualTo("20261207120506");
    assertThat(json.get("FaceAppearTime").asText()).matches("2026120712050[3-5]");
    assertThat(json.get("SubImageList").get("SubImageInfoObject"))
        .extracting(i -> i.get("Type").asText())
        .containsExactly("14", "11");
    assertThat(face.portrait()).isEqualTo("p1.jpg");
  }
}
