package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {

  private static final Set<String> KEYS = Set.of("maxMessageBytes", "maxDepth", "workerQueue");

  @Test
  void typoAndWrongCaseFindTheIntendedKey() {
    assertThat(KeySuggestion.closest("maxmessagebytes", KEYS)).contains("maxMessageBytes");
    assertThat(KeySuggestion.closest("workerQeue", KEYS)).contains("workerQueue");
  }

  @Test
  void unrelatedWordSuggestsNothing() {
    assertThat(KeySuggestion.closest("colour", KEYS)).isEmpty();
  }
}
