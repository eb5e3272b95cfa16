package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.vision.matching.FaceMatcher;

/** The multi-capture rule for GA/T 1400 face captures (no models needed). */
class ViidFaceConfirmerTest {

  static final String CAMERA = "43070200001320000201";
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private final ViidFaceConfirmer confirmer =
      new ViidFaceConfirmer(2, Duration.ofSeconds(10), 0.75, Duration.ofMinutes(1));

  private static FaceMatcher.Match match(String person, double similarity) {
    return new FaceMatcher.Match(person, similarity, 0.6);
  }

  @Test
  void twoCapturesOfOneTrackAgreeingConfirmThePerson() {
    assertThat(confirmer.onCapture(CAMERA, "t1", T0, match("kp-0042", 0.66))).isEmpty();

    var second = confirmer.onCapture(CAMERA, "t1", T0.plusSeconds(2), match("kp-0042", 0.68));

    assertThat(second)
        .hasValueSatisfying(
            c -> {
              assertThat(c.personId()).isEqualTo("kp-0042");
              assertThat(c.captures()).isEqualTo(2);
              assertThat(c.similarity()).isEqualTo(0.68);
            });
  }

  @Test
  void capturesTooFarApartOrOfOtherTracksDoNotAgree() {
    confirmer.onCapture(CAMERA, "t1", T0, match("kp-0042", 0.66));

    assertThat(confirmer.onCapture(CAMERA, "t2", T0.plusSeconds(1), match("kp-0042", 0.66)))
        .isEmpty();
    assertThat(confirmer.onCapture(CAMERA, "t1", T0.plusSeconds(30), match("kp-0042", 0.66)))
        .isEmpty();
  }

  @Test
  void oneCaptureAboveTheStrictThresholdIsEnoughAndTheCooldownHoldsRepeatsBack() {
    assertThat(confirmer.onCapture(CAMERA, null, T0, match("kp-0007", 0.81)))
        .hasValueSatisfying(c -> assertThat(c.captures()).isEqualTo(1));
    assertThat(confirmer.onCapture(CAMERA, null, T0.plusSeconds(5), match("kp-0007", 0.9)))
        .isEmpty();
    assertThat(confirmer.onCapture(CAMERA, null, T0.plusSeconds(61), match("kp-0007", 0.9)))
        .isPresent();
  }
}
