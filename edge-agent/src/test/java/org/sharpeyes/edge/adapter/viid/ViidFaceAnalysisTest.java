package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.sharpeyes.edge.adapter.viid.ViidListener.CAMERA;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * Face captures pushed by a GA/T 1400 camera go through the edge's own models and watchlist. The
 * test with the real models is skipped (by {@link SamplePhotos}) when they are not fetched; the
 * fallback models (Haar cascade, LBPH) need no files.
 */
class ViidFaceAnalysisTest {

  static final String MODEL = "fr-feature-512";
  static final String TIME = ViidPushTest.TIME;

  private ViidListener listener;

  @AfterEach
  void stop() throws Exception {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void twoCapturesOfAWatchedFaceInOneTrackBecomeOneFaceMatched() throws Exception {
    byte[] portrait = SamplePhotos.portrait(6, 0);
    float[] template = embed(portrait);
    FaceMatcher matcher =
        new FaceMatcher(
            MODEL, template.length, List.of(new FaceTemplate("kp-0042", 0.5, MODEL, template)));
    ViidFaceSettings faces =
        new ViidFaceSettings(
            SamplePhotos.blazeFace(),
            0.5,
            SamplePhotos.embeddingModel(),
            MODEL,
            ViidSectionReader.DEFAULT_THRESHOLDS,
            2,
            ViidFaceSettings.DEFAULT_CONFIRM_WITHIN,
            1.01, // never by one capture alone: the test is about the two-capture rule
            ViidFaceSettings.DEFAULT_COOLDOWN);
    listener = new ViidListener();
    listener.watchlist = (modelId, thresholds) -> () -> matcher;
    listener.start(
        ViidListener.config().withFaces(faces),
        new MutableClock(Instant.parse("2026-12-07T12:00:05Z")));
    ViidTestDevice camera = listener.camera();
    camera.register();
    String source = ViidSamples.sourceId(CAMERA, TIME, 1);

    for (int i = 1; i <= 2; i++) {
      String id = source + "06" + String.format("%05d", i);
      String images =
          ViidSamples.image(ViidSamples.sourceId(CAMERA, TIME, 10 + i), "11", TIME, portrait);
      camera.push(
          "/VIID/Faces", ViidSamples.faces(List.of(ViidSamples.face(id, CAMERA, TIME, images))));
    }

    assertThat(listener.outbox.offers()).hasSize(2);
    assertThat(listener.outbox.offers().get(0).event().type().kind()).isEqualTo("face.captured");
    FaceMatched m = (FaceMatched) listener.outbox.offers().get(1).event().data();
    assertThat(m.personId()).isEqualTo("kp-0042");
    assertThat(m.framesUsed()).isEqualTo(2);
    assertThat(m.modelId()).isEqualTo(MODEL);
    assertThat(listener.outbox.offers().get(1).event().deviceId()).isEqualTo(CAMERA);
  }

  @Test
  void withoutModelFilesTheFallbackModelsRunAndAFacelessPictureIsStoredAsCaptured(@TempDir Path dir)
      throws Exception {
    ViidFaceSettings faces =
        new ViidFaceSettings(
            dir.resolve("no-detector.tflite"),
            0.5,
            dir.resolve("no-embedder.onnx"),
            MODEL,
            ViidSectionReader.DEFAULT_THRESHOLDS,
            2,
            ViidFaceSettings.DEFAULT_CONFIRM_WITHIN,
            ViidFaceSettings.DEFAULT_STRICT_THRESHOLD,
            ViidFaceSettings.DEFAULT_COOLDOWN);
    listener = new ViidListener();
    listener.start(
        ViidListener.config().withFaces(faces),
        new MutableClock(Instant.parse("2026-12-07T12:00:05Z")));
    ViidTestDevice camera = listener.camera();
    camera.register();
    String id = ViidSamples.objectId(CAMERA, TIME, 1, "06");
    String images =
        ViidSamples.image(ViidSamples.sourceId(CAMERA, TIME, 2), "11", TIME, greyJpeg());

    String answer =
        camera
            .push(
                "/VIID/Faces",
                ViidSamples.faces(List.of(ViidSamples.face(id, CAMERA, TIME, images))))
            .body();

    assertThat(answer).contains("\"StatusCode\":0", "face.captured (no face found by");
    assertThat(listener.outbox.offers()).hasSize(1);
  }

  private static byte[] greyJpeg() throws Exception {
    BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 96, 96);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  static float[] embed(byte[] jpeg) {
    try (FaceDetector detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
        FaceEmbedder embedder = OnnxFaceEmbedder.load(SamplePhotos.embeddingModel(), MODEL);
        BytePointer bytes = new BytePointer(jpeg);
        Mat raw = new Mat(1, jpeg.length, opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(raw, IMREAD_COLOR)) {
      FaceBox face =
          detector.detect(image).stream()
              .max(Comparator.comparingDouble(FaceBox::area))
              .orElseThrow();
      return embedder.embed(image, face);
    }
  }
}
