package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.config.EdgeAgentConfigLoaderTest.problems;

import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.edge.http.PushAuth;

/** {@code plateHttp.auth}: the credentials a plate reader's push must carry, named not written. */
class PlatePushAuthConfigTest {

  static String withAuth(String auth) {
    return """
        edgeId: edge-wuling-01
        broker: { url: tcp://127.0.0.1:1883 }
        devices:
          - id: "43070200001320000101"
            kind: plate-reader
            plateHttp: { port: 8081, auth: %s }
        """
        .formatted(auth);
  }

  private static PlateReaderAdapterConfig plate(String yaml) {
    return (PlateReaderAdapterConfig)
        EdgeAgentConfigLoader.parse(yaml).orThrow().devices().get(0).settings();
  }

  @Test
  void withoutAuthAPushNeedsNoCredentials() {
    PlateReaderAdapterConfig plate = plate(withAuth("null").replace(", auth: null", ""));

    assertThat(plate.auth()).isEqualTo(PushAuth.NONE);
    assertThat(plate.requiredEnvironment()).isEmpty();
  }

  @Test
  void basicNamesTheVariablesOfUserAndPassword() {
    PlateReaderAdapterConfig plate =
        plate(
            withAuth(
                "{ basic: { usernameEnv: PLATE_PUSH_USER, passwordEnv: PLATE_PUSH_PASSWORD } }"));

    assertThat(plate.auth())
        .isEqualTo(new PushAuth.Basic("PLATE_PUSH_USER", "PLATE_PUSH_PASSWORD"));
    assertThat(plate.requiredEnvironment())
        .containsExactly("PLATE_PUSH_USER", "PLATE_PUSH_PASSWORD");
  }

  @Test
  void tokenEnvNamesTheVariableOfTheToken() {
    assertThat(plate(withAuth("{ tokenEnv: PLATE_PUSH_TOKEN }")).auth())
        .isEqualTo(new PushAuth.Token("PLATE_PUSH_TOKEN"));
  }

  @Test
  void aSecretWrittenInTheFileIsAProblemAtItsKey() {
    assertThat(
            problems(
                EdgeAgentConfigLoader.parse(
                    withAuth(
                        "{ basic: { usernameEnv: PLATE_PUSH_USER, passwordEnv: 'g4te Pa55' } }"))))
        .singleElement()
        .asString()
        .startsWith(
            "devices[0].plateHttp.auth.basic.passwordEnv: 'g4te Pa55' is not an environment")
        .contains("never the secret itself");
  }

  @Test
  void basicWithoutPasswordAndBothKindsAtOnceAreProblemsWithTheFix() {
    assertThat(
            problems(
                EdgeAgentConfigLoader.parse(
                    withAuth("{ basic: { usernameEnv: PLATE_PUSH_USER } }"))))
        .singleElement()
        .asString()
        .startsWith("devices[0].plateHttp.auth.basic.passwordEnv: missing — write auth:");
    assertThat(
            problems(
                EdgeAgentConfigLoader.parse(
                    withAuth("{ tokenEnv: T, basic: { usernameEnv: U, passwordEnv: P } }"))))
        .singleElement()
        .asString()
        .startsWith("devices[0].plateHttp.auth: set both basic and tokenEnv — choose one");
  }
}
