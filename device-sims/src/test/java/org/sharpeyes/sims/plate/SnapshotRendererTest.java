package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SnapshotRendererTest {

  @Test
  void snapshotIsASmallJpegOfAPlate() throws Exception {
    String base64 = new SnapshotRenderer(4).base64Jpeg("湘J·A1234", "blue").orElseThrow();

    byte[] jpeg = Base64.getDecoder().decode(base64);
    assertThat(jpeg.length).isBetween(500, 16 * 1024);
    assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(image.getWidth()).isGreaterThan(image.getHeight());
  }

  @Test
  void differentPlatesGiveDifferentImages() {
    SnapshotRenderer renderer = new SnapshotRenderer(4);

    assertThat(renderer.base64Jpeg("湘JA1234", "blue"))
        .isNotEqualTo(renderer.base64Jpeg("湘JB5678", "blue"));
    assertThat(renderer.failures()).isZero();
  }
}
