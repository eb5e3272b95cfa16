package org.sharpeyes.sims.viid;

import java.awt.AWTError;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.sharpeyes.sims.plate.SnapshotRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a checkpoint camera's two pictures of a passing vehicle: the plate crop ({@link
 * SnapshotRenderer}'s plate image) and the vehicle picture (a road, the vehicle's body in its
 * colour, the plate on it), padded to the wanted size. If this JVM cannot render (no fonts on a
 * minimal image), it says so once and vehicles go without pictures; the number is in {@link
 * #failures()} (readable from any thread). Otherwise used by one simulator thread.
 */
final class VehiclePictures {

  private static final Logger log = LoggerFactory.getLogger(VehiclePictures.class);

  static final int SCENE_WIDTH = 640;
  static final int SCENE_HEIGHT = 360;

  /** The vehicle's box in the scene: LeftTopX, LeftTopY, RightBtmX, RightBtmY. */
  static final int[] VEHICLE_BOX = {180, 70, 460, 330};

  private boolean broken;
  private final AtomicLong failures = new AtomicLong();

  /** Both pictures, or {@code null} when this JVM cannot render. */
  Rendered render(String plateText, String plateColorName, Color body, int sceneBytes) {
    if (broken) {
      failures.incrementAndGet();
      return null;
    }
    try {
      byte[] plate = SnapshotRenderer.renderJpeg(plateText, plateColorName);
      BufferedImage plateImage = ImageIO.read(new ByteArrayInputStream(plate));
      BufferedImage scene =
          new BufferedImage(SCENE_WIDTH, SCENE_HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scene.createGraphics();
      try {
        g.setColor(new Color(0x5A, 0x5E, 0x62));
        g.fillRect(0, 0, SCENE_WIDTH, SCENE_HEIGHT);
        g.setColor(Color.WHITE);
        for (int y = 10; y < SCENE_HEIGHT; y += 60) {
          g.fillRect(40, y, 8, 30);
          g.fillRect(SCENE_WIDTH - 48, y, 8, 30);
        }
        g.setColor(body);
        g.fillRoundRect(
            VEHICLE_BOX[0],
            VEHICLE_BOX[1],
            VEHICLE_BOX[2] - VEHICLE_BOX[0],
            VEHICLE_BOX[3] - VEHICLE_BOX[1],
            40,
            40);
        g.setColor(new Color(0x20, 0x28, 0x30));
        g.fillRect(VEHICLE_BOX[0] + 30, VEHICLE_BOX[1] + 20, 220, 80); // windscreen
        g.drawImage(plateImage, 260, 250, 120, 36, null);
      } finally {
        g.dispose();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      if (!ImageIO.write(scene, "jpg", out)) {
        throw new IOException("no JPEG writer in this JVM");
      }
      return new Rendered(JpegPadding.pad(out.toByteArray(), sceneBytes), plate);
    } catch (IOException | RuntimeException | LinkageError | AWTError e) {
      broken = true;
      failures.incrementAndGet();
      log.warn("cannot render vehicle pictures ({}); sending vehicles without them", e.toString());
      return null;
    }
  }

  long failures() {
    return failures.get();
  }

  /** The vehicle picture (scene) and the plate crop, as JPEG bytes. */
  record Rendered(byte[] scene, byte[] plate) {}
}
