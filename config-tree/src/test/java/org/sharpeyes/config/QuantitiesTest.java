package org.sharpeyes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void aDurationIsANumberAndOneOfFiveUnits() {
    assertThat(Quantities.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Quantities.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Quantities.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Quantities.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Quantities.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void unitsAreReadInAnyCaseAndSpacesAroundAreIgnored() {
    assertThat(Quantities.parseDuration("30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Quantities.parseDuration("500MS")).isEqualTo(Duration.ofMillis(500));
    assertThat(Quantities.parseDuration("1D")).isEqualTo(Duration.ofDays(1));
    assertThat(Quantities.parseDuration(" 30 s ")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aDecimalIsAllowedWhenItComesToWholeMilliseconds() {
    assertThat(Quantities.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Quantities.parseDuration("0.5h")).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> Quantities.parseDuration("1.0005s"))
        .hasMessage("'1.0005s' is finer than a millisecond — write a whole number of ms");
    assertThatThrownBy(() -> Quantities.parseDuration("0.5ms"))
        .hasMessage("'0.5ms' is finer than a millisecond — write a whole number of ms");
  }

  @Test
  void iso8601IsAcceptedTooButNotNegativeOrFinerThanAMillisecond() {
    assertThat(Quantities.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Quantities.parseDuration("pt1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Quantities.parseDuration("P1D")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> Quantities.parseDuration("PT-5S"))
        .hasMessage("'PT-5S' is negative — a duration is 0 or more");
    assertThatThrownBy(() -> Quantities.parseDuration("PT0.0001S"))
        .hasMessage("'PT0.0001S' is finer than a millisecond — write a whole number of ms");
    assertThatThrownBy(() -> Quantities.parseDuration("P1Y"))
        .hasMessage("'P1Y' is not an ISO-8601 duration — write e.g. PT30S, or 30s");
  }

  @Test
  void anythingElseIsNotADurationAndTheMessageSaysWhatIs() {
    for (String bad : new String[] {"30 sec", "30", "-1d", "1w", "s", ".5s", "30s5ms", ""}) {
      assertThatThrownBy(() -> Quantities.parseDuration(bad))
          .hasMessage(
              "'"
                  + bad
                  + "' is not a duration — write a number and a unit: ms, s, m, h or d (e.g."
                  + " 30s)");
    }
  }

  @Test
  void aDurationTooLongForAnyRangeSaturatesInsteadOfWrappingAround() {
    assertThat(Quantities.parseDuration("99999999999999999999d")).isEqualTo(Quantities.TOO_LONG);
    assertThat(Quantities.parseDuration("1" + "0".repeat(400) + "ms"))
        .isEqualTo(Quantities.TOO_LONG);
    assertThat(Quantities.parseDuration("PT9999999999999999S")).isEqualTo(Quantities.TOO_LONG);
  }

  @Test
  void aDurationIsFormattedInItsShortestExactForm() {
    assertThat(Quantities.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Quantities.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Quantities.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Quantities.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Quantities.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(Quantities.format(Duration.ofHours(25))).isEqualTo("25h");
    assertThat(Quantities.format(Duration.ofSeconds(Long.MAX_VALUE)))
        .isEqualTo(Long.MAX_VALUE + "s");
  }

  @Test
  void aSizeIsBytesOrAWholeNumberWithABinaryUnitInAnyCase() {
    assertThat(Quantities.parseSize("512")).isEqualTo(512);
    assertThat(Quantities.parseSize("512B")).isEqualTo(512);
    assertThat(Quantities.parseSize("64KiB")).isEqualTo(64 * 1024);
    assertThat(Quantities.parseSize("1MiB")).isEqualTo(1024 * 1024);
    assertThat(Quantities.parseSize("2GiB")).isEqualTo(2L << 30);
    assertThat(Quantities.parseSize("64kib")).isEqualTo(64 * 1024);
    assertThat(Quantities.parseSize(" 2 MiB ")).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void decimalUnitsAreRefusedAsAmbiguousNamingTheBinaryUnitMeant() {
    assertThatThrownBy(() -> Quantities.parseSize("2MB"))
        .hasMessage("'2MB' is ambiguous — did you mean 2MiB?");
    assertThatThrownBy(() -> Quantities.parseSize("512kb"))
        .hasMessage("'512kb' is ambiguous — did you mean 512KiB?");
    assertThatThrownBy(() -> Quantities.parseSize("1g"))
        .hasMessage("'1g' is ambiguous — did you mean 1GiB?");
  }

  @Test
  void anythingElseIsNotASize() {
    for (String bad : new String[] {"1.5MiB", "-1", "lots", "2TiB", ""}) {
      assertThatThrownBy(() -> Quantities.parseSize(bad))
          .hasMessage(
              "'"
                  + bad
                  + "' is not a size — write a whole number and B, KiB, MiB or GiB (e.g. 2MiB)");
    }
  }

  @Test
  void aSizeTooLargeForALongSaturatesInsteadOfWrappingAround() {
    // 2^34 + 1 GiB wraps around to exactly 1GiB in a long
    assertThat(Quantities.parseSize("17179869185GiB")).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantities.parseSize("9".repeat(100))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aSizeIsFormattedInItsShortestExactForm() {
    assertThat(Quantities.formatSize(0)).isEqualTo("0B");
    assertThat(Quantities.formatSize(1536)).isEqualTo("1536B");
    assertThat(Quantities.formatSize(64 * 1024)).isEqualTo("64KiB");
    assertThat(Quantities.formatSize(2 * 1024 * 1024)).isEqualTo("2MiB");
    assertThat(Quantities.formatSize(1024L << 30)).isEqualTo("1024GiB");
  }
}
