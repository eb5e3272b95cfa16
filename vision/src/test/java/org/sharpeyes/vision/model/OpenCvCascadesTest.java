package org.sharpeyes.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.junit.jupiter.api.Test;

class OpenCvCascadesTest {

  @Test
  void theFaceAndEyeCascadesAndAnLbpCascadeLoadFromOpenCvsOwnJar() {
    for (String name :
        new String[] {
          OpenCvCascades.FRONTAL_FACE,
          OpenCvCascades.EYE,
          "lbpcascades/lbpcascade_frontalface_improved.xml"
        }) {
      try (CascadeClassifier cascade = OpenCvCascades.load(name)) {
        assertThat(cascade.empty()).as(name).isFalse();
      }
    }
  }

  @Test
  void aCascadeOpenCvDoesNotShipIsRefusedNamingIt() {
    assertThatThrownBy(() -> OpenCvCascades.load("haarcascades/haarcascade_unicorn.xml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("haarcascade_unicorn.xml");
  }
}
