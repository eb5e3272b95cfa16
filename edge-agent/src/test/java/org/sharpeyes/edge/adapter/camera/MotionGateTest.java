package org.sharpeyes.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MotionGateTest {

  private final MotionGate gate = new MotionGate(160, 25, 0.002);

  @AfterEach
  void close() {
    gate.close();
  }

  /** A 1280×720 street-like scene: grey road, a dark building, and a white "person" at x. */
  private static Mat scene(int personX) {
    Mat m = new Mat(720, 1280, CV_8UC3, new Scalar(110, 110, 110, 0));
    rectangle(m, new Rect(0, 0, 500, 400), new Scalar(60, 50, 40, 0), FILLED, 8, 0);
    if (personX >= 0) {
      rectangle(m, new Rect(personX, 300, 80, 200), new Scalar(230, 230, 230, 0), FILLED, 8, 0);
    }
    return m;
  }

  @Test
  void aSceneThatDoesNotChangeHasNoMotionAfterTheFirstFrame() {
    assertThat(gate.check(scene(-1)).moving()).as("first frame: nothing to compare with").isTrue();

    for (int i = 0; i < 10; i++) {
      assertThat(gate.check(scene(-1)).moving()).isFalse();
    }
  }

  @Test
  void sensorNoiseIsNotMotion() {
    gate.check(scene(-1));
    for (int i = 0; i < 5; i++) {
      try (Mat frame = scene(-1);
          Mat noise = new Mat(720, 1280, CV_8UC3)) {
        randn(noise, new Mat(new double[] {0, 0, 0}), new Mat(new double[] {4, 4, 4}));
        add(frame, noise, frame);
        assertThat(gate.check(frame).moving()).isFalse();
      }
    }
  }

  @Test
  void aPersonWalkingInIsMotionWhereThePersonIs() {
    gate.check(scene(-1));

    MotionGate.Motion motion = gate.check(scene(700));

    assertThat(motion.moving()).isTrue();
    assertThat(motion.regions())
        .anySatisfy(
            r -> {
              assertThat(r.x()).isBetween(660, 720);
              assertThat(r.y()).isBetween(260, 320);
              assertThat(r.x() + r.width()).isBetween(770, 830);
            });
  }

  @Test
  void aChangeSmallerThanTheMinimumAreaIsIgnored() {
    gate.check(scene(-1));
    try (Mat frame = scene(-1)) {
      // A 6-pixel bird: 0.004 % of the frame, below the 0.2 % minimum.
      circle(frame, new Point(900, 100), 3, new Scalar(0, 0, 0, 0), FILLED, 8, 0);
      assertThat(gate.check(frame).moving()).isFalse();
    }
  }
}
