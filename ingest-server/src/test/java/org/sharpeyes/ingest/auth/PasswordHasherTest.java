package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = PasswordHasher.owasp(10);

  @Test
  void aHashedPasswordMatchesItselfAndNothingElse() {
    String phc = hasher.hash("correct horse battery");

    assertThat(hasher.matches("correct horse battery", phc)).isTrue();
    assertThat(hasher.matches("correct horse batterY", phc)).isFalse();
    assertThat(hasher.hash("correct horse battery")).isNotEqualTo(phc); // a fresh salt each time
  }

  @Test
  void theHashIsAPhcStringOfArgon2idWithOwaspParameters() {
    assertThat(hasher.hash("correct horse battery"))
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void aPasswordShorterThanTheMinimumIsRefusedSayingHowLongItMustBe() {
    assertThat(hasher.refusal("short pw"))
        .contains("too short: 8 characters; use at least 10 characters");
    assertThat(hasher.refusal("")).contains("a password is required");
    assertThat(hasher.refusal("ten chars!")).isEmpty();
  }

  @Test
  void aMalformedOrOversizedStoredHashNeverMatchesAndNeverThrows() {
    assertThat(hasher.matches("whatever it is", "$argon2id$v=19$m=abc")).isFalse();
    assertThat(hasher.matches("whatever it is", "")).isFalse();
    assertThat(
            hasher.matches(
                "whatever it is",
                "$argon2id$v=19$m=9999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .isFalse();
  }
}
