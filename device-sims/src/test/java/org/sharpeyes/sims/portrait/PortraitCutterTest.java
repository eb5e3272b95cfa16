package org.sharpeyes.sims.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.sims.testing.TestPhotos;

class PortraitCutterTest {

  @TempDir Path dir;
  private final FrontalFaceCascade cascade = FrontalFaceCascade.load();
  private final PortraitCutter cutter =
      new PortraitCutter(cascade, PortraitCutter.DEFAULT_MIN_FACE);

  @AfterEach
  void closeCascade() {
    cascade.close();
  }

  @Test
  void aGroupPhotoYieldsSeveralPortraitsOfOneFaceEachNamedLeftToRight() {
    Path photo = TestPhotos.sample(6);

    List<PortraitCutter.Written> written =
        cutter.cut(photo, dir).stream()
            .filter(PortraitCutter.Written.class::isInstance)
            .map(PortraitCutter.Written.class::cast)
            .toList();

    assertThat(written).hasSizeGreaterThanOrEqualTo(2);
    assertThat(written).extracting(w -> w.box().x()).isSorted().doesNotHaveDuplicates();
    for (PortraitCutter.Written w : written) {
      assertThat(w.file()).hasFileName("sample6-face" + w.face() + ".jpg").exists();
      try (Mat portrait = imread(w.file().toString())) {
        assertThat(cutter.facesIn(portrait)).as("faces in %s", w.file()).hasSize(1);
        assertThat(Math.max(portrait.cols(), portrait.rows()))
            .isLessThanOrEqualTo((int) Math.round(w.box().width() * PortraitCutter.CROP_TO_FACE));
      }
    }
  }

  @Test
  void aDrawingWithoutAFaceYieldsNoPortrait() {
    Path drawn = TestPhotos.drawnPortrait(dir.resolve("drawn.jpg"));

    assertThat(cutter.cut(drawn, dir)).isEmpty();
  }

  @Test
  void photosAreTheJpegAndPngFilesOfAFolderByName() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.write(photos.resolve("b.PNG"), new byte[] {1});
    Files.write(photos.resolve("a.jpg"), new byte[] {1});
    Files.write(photos.resolve("notes.txt"), new byte[] {1});

    assertThat(PortraitCutter.photosIn(photos))
        .containsExactly(photos.resolve("a.jpg"), photos.resolve("b.PNG"));
  }
}
