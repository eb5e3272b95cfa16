package org.sharpeyes.vision.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceMatcherTest {

  /** A unit vector in 4 dimensions at {@code degrees} from the x axis, in the x-y plane. */
  private static float[] at(double degrees) {
    double r = Math.toRadians(degrees);
    return new float[] {(float) Math.cos(r), (float) Math.sin(r), 0, 0};
  }

  private final FaceMatcher matcher =
      new FaceMatcher(
          "m1",
          4,
          List.of(
              new FaceTemplate("p-high-risk", 0.80, "m1", at(0)),
              new FaceTemplate("p-low-risk", 0.95, "m1", at(90))));

  @Test
  void probeCloseEnoughToAPersonIsThatPersonWithItsSimilarityAndThreshold() {
    var match = matcher.best(at(20)).orElseThrow(); // cos 20° = 0.94

    assertThat(match.personId()).isEqualTo("p-high-risk");
    assertThat(match.similarity()).isCloseTo(Math.cos(Math.toRadians(20)), within(1e-6));
    assertThat(match.threshold()).isEqualTo(0.80);
  }

  @Test
  void eachPersonIsHeldToTheThresholdOfTheirOwnRiskLevel() {
    // 70° from p-low-risk: cos 20° = 0.94 is below its 0.95; 70° from p-high-risk is far off.
    assertThat(matcher.best(at(70))).isEmpty();
    // 80°: cos 10° = 0.985 reaches p-low-risk's 0.95.
    assertThat(matcher.best(at(80)))
        .hasValueSatisfying(m -> assertThat(m.personId()).isEqualTo("p-low-risk"));
  }

  @Test
  void theMostSimilarOfSeveralPersonsAboveThresholdIsTheMatch() {
    FaceMatcher loose =
        new FaceMatcher(
            "m1",
            4,
            List.of(
                new FaceTemplate("a", 0.5, "m1", at(0)), new FaceTemplate("b", 0.5, "m1", at(40))));

    assertThat(loose.best(at(25)).orElseThrow().personId()).isEqualTo("b");
    assertThat(loose.all(at(25))).extracting(FaceMatcher.Match::personId).containsExactly("b", "a");
  }

  @Test
  void templatesOfAnotherModelAreRefusedNotCompared() {
    assertThatThrownBy(
            () -> new FaceMatcher("m1", 4, List.of(new FaceTemplate("x", 0.5, "m2", at(0)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model m2")
        .hasMessageContaining("m1 only");
    assertThatThrownBy(() -> matcher.best(new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 values");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
