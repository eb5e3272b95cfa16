package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.sharpeyes.sims.plate.OcrMisreads;
import org.sharpeyes.sims.plate.PlateDraw;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateStyle;

/**
 * Makes the objects a simulated device sends, from one seeded generator: the same seed and the same
 * capture instants give the same sequence of kinds, plates, misreads, portraits, attributes and
 * ids. Codes follow GA/T 1400.3: plate class (GA 24.7: {@code 02} small car, {@code 01} large
 * vehicle, {@code 52} small new-energy car), colours as {@code ColorType} ({@code 1} black, {@code
 * 2} white, {@code 3} grey, {@code 4} red, {@code 5} blue, {@code 6} yellow, {@code 9} green),
 * picture types ({@code 01} vehicle picture, {@code 02} plate picture, {@code 11} face picture,
 * {@code 14} scene). Not thread-safe: one simulator thread.
 */
final class CaptureFactory {

  static final String TYPE_VEHICLE_PICTURE = "01";
  static final String TYPE_PLATE_PICTURE = "02";
  static final String TYPE_FACE_PICTURE = "11";
  static final String TYPE_SCENE = "14";

  /** {@code InfoKind} 1: captured automatically. */
  static final int INFO_KIND_AUTOMATIC = 1;

  /** {@code EventSort} written on every picture, as many devices do. */
  static final int EVENT_SORT = 2;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] VEHICLE_COLORS = {"1", "2", "2", "3", "4", "5"};
  private static final Color[] BODY_COLORS = {
    new Color(0x18, 0x18, 0x18),
    new Color(0xEE, 0xEE, 0xEE),
    new Color(0xEE, 0xEE, 0xEE),
    new Color(0x90, 0x90, 0x90),
    new Color(0xB0, 0x20, 0x20),
    new Color(0x20, 0x40, 0xA0)
  };

  private final String deviceId;
  private final List<CaptureKind> kinds;
  private final PlatePool pool;
  private final double hotShare;
  private final double misreadShare;
  private final List<Portrait> portraits;
  private final int pictureBytes;
  private final SplittableRandom random;
  private final VehiclePictures pictures = new VehiclePictures();
  private long imageSerial;

  CaptureFactory(ViidSimulatorOptions options) {
    this.deviceId = options.deviceId();
    this.kinds = List.copyOf(options.kinds());
    this.pool = options.pool();
    this.hotShare = options.hotShare();
    this.misreadShare = options.misreadShare();
    this.portraits = options.portraits();
    this.pictureBytes = options.pictureBytes();
    this.random = new SplittableRandom(options.seed());
  }

  /** The next object, captured at {@code at}. */
  Capture next(Instant at) {
    CaptureKind kind = kinds.size() == 1 ? kinds.get(0) : kinds.get(random.nextInt(kinds.size()));
    return kind == CaptureKind.FACE ? face(at) : vehicle(at);
  }

  /** Vehicles that went without pictures because rendering failed. */
  long pictureFailures() {
    return pictures.failures();
  }

  private Capture vehicle(Instant at) {
    PlateDraw draw = pool.draw(random, hotShare, PlateStyle.PLAIN);
    String plate = draw.plate();
    boolean misread = random.nextDouble() < misreadShare;
    String sent = misread ? OcrMisreads.misread(plate, 1, random) : plate;
    boolean newEnergy = plate.codePointCount(0, plate.length()) >= 8;
    // a large new-energy plate's serial starts with a digit (5 digits, then D or F): GA 24.7 51
    boolean largeNewEnergy = newEnergy && Character.isDigit(plate.charAt(2));
    boolean large = !newEnergy && random.nextDouble() < 0.1;
    String plateClass = largeNewEnergy ? "51" : newEnergy ? "52" : large ? "01" : "02";
    String plateColor = newEnergy ? "9" : large ? "6" : "5";
    String plateColorName = newEnergy ? "green" : large ? "yellow" : "blue";
    int colorIndex = random.nextInt(VEHICLE_COLORS.length);

    String sourceId = ViidIds.imageId(deviceId, at, ++imageSerial);
    String plateImageId = ViidIds.imageId(deviceId, at, ++imageSerial);
    String id = ViidIds.objectId(sourceId, ViidIds.OBJECT_MOTOR_VEHICLE, 1);
    String time = ViidIds.time(at);
    ObjectNode o = NODES.objectNode();
    o.put("MotorVehicleID", id);
    o.put("InfoKind", INFO_KIND_AUTOMATIC);
    o.put("SourceID", sourceId);
    o.put("DeviceID", deviceId);
    box(o, VehiclePictures.VEHICLE_BOX);
    o.put("LaneNo", 1 + random.nextInt(3));
    o.put("HasPlate", true);
    o.put("PlateClass", plateClass);
    o.put("PlateColor", plateColor);
    o.put("PlateNo", sent);
    reliability(o, plate, sent);
    o.put("Speed", 20 + random.nextInt(61));
    o.put("Direction", String.valueOf(1 + random.nextInt(4)));
    o.put("VehicleColor", VEHICLE_COLORS[colorIndex]);
    o.put("PassTime", time);
    VehiclePictures.Rendered rendered =
        pictures.render(sent, plateColorName, BODY_COLORS[colorIndex], pictureBytes);
    ArrayNode images = NODES.arrayNode();
    if (rendered != null) {
      images.add(
          image(
              sourceId,
              TYPE_VEHICLE_PICTURE,
              time,
              VehiclePictures.SCENE_WIDTH,
              VehiclePictures.SCENE_HEIGHT,
              rendered.scene()));
      images.add(image(plateImageId, TYPE_PLATE_PICTURE, time, 240, 72, rendered.plate()));
    }
    o.set("SubImageList", NODES.objectNode().set("SubImageInfoObject", images));
    return new Capture(CaptureKind.VEHICLE, id, plate, sent, draw.hot(), null, o);
  }

  /**
   * {@code PlateReliability} and {@code PlateCharReliability} (0..100) as a reader reports them:
   * high for a clean read, low on the characters it misread, and so lower for the whole plate.
   */
  private void reliability(ObjectNode o, String plate, String sent) {
    int[] listed = plate.codePoints().toArray();
    int[] read = sent.codePoints().toArray();
    StringBuilder perChar = new StringBuilder();
    int lowest = 100;
    for (int i = 0; i < read.length; i++) {
      boolean wrong = i >= listed.length || listed[i] != read[i];
      int value = wrong ? 40 + random.nextInt(31) : 86 + random.nextInt(14);
      lowest = Math.min(lowest, value);
      if (i > 0) {
        perChar.append(',');
      }
      perChar.appendCodePoint(read[i]).append('-').append(value);
    }
    o.put("PlateReliability", String.valueOf(Math.min(99, lowest + 10)));
    o.put("PlateCharReliability", perChar.toString());
  }

  private Capture face(Instant at) {
    Portrait portrait = portraits.get(random.nextInt(portraits.size()));
    String sourceId = ViidIds.imageId(deviceId, at, ++imageSerial);
    String faceImageId = ViidIds.imageId(deviceId, at, ++imageSerial);
    String id = ViidIds.objectId(sourceId, ViidIds.OBJECT_FACE, 1);
    String time = ViidIds.time(at);
    int w = portrait.width();
    int h = portrait.height();
    ObjectNode o = NODES.objectNode();
    o.put("FaceID", id);
    o.put("InfoKind", INFO_KIND_AUTOMATIC);
    o.put("SourceID", sourceId);
    o.put("DeviceID", deviceId);
    box(o, new int[] {w * 3 / 10, h / 5, w * 7 / 10, h * 7 / 10});
    o.put("LocationMarkTime", time);
    o.put("FaceAppearTime", ViidIds.time(at.minusSeconds(1 + random.nextInt(3))));
    o.put("FaceDisAppearTime", time);
    ArrayNode images = NODES.arrayNode();
    images.add(
        image(sourceId, TYPE_SCENE, time, w, h, JpegPadding.pad(portrait.jpeg(), pictureBytes)));
    images.add(image(faceImageId, TYPE_FACE_PICTURE, time, w, h, portrait.jpeg()));
    o.set("SubImageList", NODES.objectNode().set("SubImageInfoObject", images));
    return new Capture(CaptureKind.FACE, id, null, null, null, portrait.name(), o);
  }

  private ObjectNode image(String imageId, String type, String time, int w, int h, byte[] jpeg) {
    ObjectNode image = NODES.objectNode();
    image.put("ImageID", imageId);
    image.put("EventSort", EVENT_SORT);
    image.put("DeviceID", deviceId);
    image.put("StoragePath", "");
    image.put("Type", type);
    image.put("FileFormat", "Jpeg");
    image.put("ShotTime", time);
    image.put("Width", w);
    image.put("Height", h);
    image.put("FileSize", jpeg.length);
    image.put("Data", Base64.getEncoder().encodeToString(jpeg));
    return image;
  }

  private static void box(ObjectNode o, int[] box) {
    o.put("LeftTopX", box[0]);
    o.put("LeftTopY", box[1]);
    o.put("RightBtmX", box[2]);
    o.put("RightBtmY", box[3]);
  }
}
