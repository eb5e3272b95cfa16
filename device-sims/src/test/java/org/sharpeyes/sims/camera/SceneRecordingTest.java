package org.sharpeyes.sims.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.sims.testing.TestPhotos;

class SceneRecordingTest {

  @TempDir Path dir;

  private Scene scene() {
    Path photo = TestPhotos.drawnPortrait(dir.resolve("drawn.jpg"));
    return new Scene(
        320,
        240,
        List.of(
            new Walker(
                photo, "KP0001", Duration.ZERO, Duration.ofSeconds(2), 0, 0.6, 0.1, 0.6, true)),
        5);
  }

  private static int[] decode(Path file) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      assertThat(grabber.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
      int frames = 0;
      int width = 0;
      int height = 0;
      for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
        frames++;
        width = f.imageWidth;
        height = f.imageHeight;
      }
      return new int[] {frames, width, height};
    }
  }

  @Test
  void aTsFileHoldsTheFramesOfTheDurationAtTheSceneSize() throws Exception {
    Path file = dir.resolve("scene.ts");
    long written;
    try (Scene scene = scene()) {
      written = SceneRecording.write(scene, 10, Duration.ofSeconds(2), Duration.ofSeconds(3), file);
    }

    int[] decoded = decode(file);
    assertThat(written).isEqualTo(30);
    assertThat(decoded[0]).isBetween(29, 31);
    assertThat(decoded[1]).isEqualTo(320);
    assertThat(decoded[2]).isEqualTo(240);
  }

  @Test
  void anMp4FileHoldsTheFramesOfTheDurationAtTheSceneSize() throws Exception {
    Path file = dir.resolve("scene.mp4");
    try (Scene scene = scene()) {
      SceneRecording.write(scene, 8, Duration.ofSeconds(2), Duration.ofMillis(2500), file);
    }

    int[] decoded = decode(file);
    assertThat(decoded[0]).isBetween(19, 21);
    assertThat(decoded[1]).isEqualTo(320);
    assertThat(decoded[2]).isEqualTo(240);
  }

  @Test
  void aFileNamedForAnotherContainerIsRefused() {
    try (Scene scene = scene()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  SceneRecording.write(
                      scene,
                      10,
                      Duration.ofSeconds(2),
                      Duration.ofSeconds(1),
                      dir.resolve("x.avi")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must end in .ts or .mp4");
    }
  }
}
