package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

  @Test
  void durationsAreAWholeNumberAndAUnitOrIso8601() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationText.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> DurationText.parse("30 sec"))
        .hasMessage(
            "'30 sec' is not a duration — write a whole number and a unit: ms, s, m, h or d (e.g."
                + " 30s)");
  }

  @Test
  void sizesUseBinaryUnitsAndDecimalOnesAreQueried() {
    assertThat(ByteSize.parse("100B")).isEqualTo(100);
    assertThat(ByteSize.parse("512KiB")).isEqualTo(512 * 1024);
    assertThat(ByteSize.parse("2MiB")).isEqualTo(2 * 1024 * 1024);
    assertThat(ByteSize.parse("1GiB")).isEqualTo(1024L * 1024 * 1024);
    assertThatThrownBy(() -> ByteSize.parse("512kb"))
        .hasMessage("'512kb' is ambiguous — did you mean 512KiB?");
    // 2^34 + 1 GiB wraps around to exactly 1GiB in a long: refused, not read as 1GiB
    assertThatThrownBy(() -> ByteSize.parse("17179869185GiB"))
        .hasMessage("'17179869185GiB' is too large to be a size");
    assertThat(ByteSize.format(2 * 1024 * 1024)).isEqualTo("2MiB");
    assertThat(ByteSize.format(1536)).isEqualTo("1536B");
  }

  @Test
  void theNearestKeyIsOnlySuggestedWhenItIsAPlausibleTypo() {
    var keys = java.util.List.of("url", "clientId", "keepAlive", "maxInFlight");

    assertThat(NearestKey.to("urll", keys)).hasValue("url");
    assertThat(NearestKey.to("clientid", keys)).hasValue("clientId");
    assertThat(NearestKey.to("maxInflight", keys)).hasValue("maxInFlight");
    assertThat(NearestKey.to("password", keys)).isEmpty();
  }
}
