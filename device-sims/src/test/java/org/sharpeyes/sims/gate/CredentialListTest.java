package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.sims.yaml.InvalidFileException;

class CredentialListTest {

  @TempDir Path dir;

  @Test
  void aCredentialFileIsReadWithItsDecisions() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("credentials.csv"),
            """
            # invented credentials
            id,type,result
            CARD-000001,card,granted
            PIN-0042,pin,denied:outside-hours
            """);

    CredentialList list = CredentialList.read(file);

    assertThat(list.all())
        .containsExactly(
            new Credential("CARD-000001", CredentialType.CARD, AccessDecision.GRANTED),
            new Credential("PIN-0042", CredentialType.PIN, AccessDecision.DENIED_OUTSIDE_HOURS));
    assertThat(list.findOrUnknown("CARD-777").decision())
        .isEqualTo(AccessDecision.DENIED_UNKNOWN_CREDENTIAL);
  }

  @Test
  void aCredentialFileWithBadLinesIsRefusedNamingEachLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("credentials.csv"),
            """
            id,type,result
            CARD-000001,card,granted
            CARD-000002,badge,granted
            CARD-000001,card,denied:expired
            CARD-000003,card
            """);

    assertThatThrownBy(() -> CredentialList.read(file))
        .isInstanceOf(InvalidFileException.class)
        .satisfies(
            e ->
                assertThat(((InvalidFileException) e).problems())
                    .extracting(ConfigProblem::toString)
                    .containsExactly(
                        "credentials.csv:3: 'badge' is not a credential type (card, pin, face,"
                            + " qr, fingerprint)",
                        "credentials.csv:4: 'CARD-000001' is already on line 2",
                        "credentials.csv:5: expected 3 cells (id,type,result), found 2"));
  }

  @Test
  void theBuiltInListGrantsTheDemoKeyPersonsCardsAndDeniesSomeOthers() {
    CredentialList list = CredentialList.builtIn();

    assertThat(list.size()).isEqualTo(150);
    assertThat(list.find("CARD-000132"))
        .get()
        .extracting(Credential::decision)
        .isEqualTo(AccessDecision.GRANTED);
    assertThat(list.find("CARD-000174"))
        .get()
        .extracting(Credential::decision)
        .isEqualTo(AccessDecision.GRANTED);
    assertThat(list.all())
        .extracting(Credential::decision)
        .contains(
            AccessDecision.DENIED_EXPIRED,
            AccessDecision.DENIED_OUTSIDE_HOURS,
            AccessDecision.DENIED_REVOKED);
  }
}
