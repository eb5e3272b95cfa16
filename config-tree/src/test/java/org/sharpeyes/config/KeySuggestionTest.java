package org.sharpeyes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {

  static final List<String> KEYS = List.of("url", "clientId", "keepAlive", "maxInFlight");

  @Test
  void aTypoOrAnotherCaseFindsTheKeyMeant() {
    assertThat(KeySuggestion.nearest("urll", KEYS)).hasValue("url");
    assertThat(KeySuggestion.nearest("clientid", KEYS)).hasValue("clientId");
    assertThat(KeySuggestion.nearest("maxInflight", KEYS)).hasValue("maxInFlight");
    assertThat(KeySuggestion.nearest("keepAlvie", KEYS)).hasValue("keepAlive");
  }

  @Test
  void theToleranceGrowsWithTheLengthOfTheWord() {
    assertThat(KeySuggestion.tolerance("url")).isEqualTo(1);
    assertThat(KeySuggestion.tolerance("broker")).isEqualTo(2);
    assertThat(KeySuggestion.tolerance("maxInFlight")).isEqualTo(3);
    assertThat(KeySuggestion.nearest("ur", KEYS)).hasValue("url");
    assertThat(KeySuggestion.nearest("x", KEYS)).isEmpty();
    assertThat(KeySuggestion.nearest("mxInFligt", KEYS)).hasValue("maxInFlight");
  }

  @Test
  void anUnrelatedWordSuggestsNothingAndTheHintListsEveryKnownWordInOrder() {
    assertThat(KeySuggestion.nearest("password", KEYS)).isEmpty();
    assertThat(KeySuggestion.hint("password", KEYS))
        .isEqualTo("expected one of: url, clientId, keepAlive, maxInFlight");
    assertThat(KeySuggestion.hint("urll", KEYS)).isEqualTo("did you mean 'url'?");
  }

  @Test
  void whenTwoWordsAreAsCloseTheFirstIsSuggested() {
    assertThat(KeySuggestion.nearest("bat", List.of("cat", "hat"))).hasValue("cat");
  }

  @Test
  void aVeryLongWordIsAnsweredQuicklyWithNothing() {
    assertThat(KeySuggestion.nearest("k".repeat(1_000_000), KEYS)).isEmpty();
  }
}
