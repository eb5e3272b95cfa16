package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;

/** The {@code viid} section of a device entry, read with every problem at its path. */
class ViidSectionReaderTest {

  static final String HEAD =
      """
      edgeId: edge-1
      broker: { url: tcp://127.0.0.1:1883 }
      devices:
        - id: "43070200002000000001"
          kind: viid
      """;

  private static ConfigResult<EdgeAgentConfig> load(String viid) {
    return EdgeAgentConfigLoader.parse(HEAD + viid.indent(4));
  }

  @Test
  void theExampleCheckpointCameraIsReadWithItsDefaults() {
    ConfigResult<EdgeAgentConfig> loaded =
        load(
            """
            viid:
              port: 8088
              devices:
                - { id: "43070200001320000201", passwordEnv: SHARPEYES_VIID_PASSWORD_43070200001320000201 }
            """);

    assertThat(loaded.problems()).isEmpty();
    ViidAdapterConfig c =
        (ViidAdapterConfig)
            ((ConfigResult.Success<EdgeAgentConfig>) loaded).value().devices().get(0).settings();
    assertThat(c.port()).isEqualTo(8088);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.devices())
        .containsExactly(
            new ViidAdapterConfig.Device(
                "43070200001320000201", "SHARPEYES_VIID_PASSWORD_43070200001320000201"));
    assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(c.limits()).isEqualTo(ViidAdapterConfig.Limits.DEFAULTS);
    assertThat(c.faces()).isNull();
    assertThat(c.requiredEnvironment())
        .containsExactly("SHARPEYES_VIID_PASSWORD_43070200001320000201");
  }

  @Test
  void everyProblemIsReportedAtItsPathWithTheFix() {
    ConfigResult<EdgeAgentConfig> loaded =
        load(
            """
            viid:
              port: 8088
              keepaliveTimeout: 0s
              timeZone: Mars/Olympus
              maxImageBytes: 16MiB
              maxBodyBytes: 8MiB
              colour: blue
              devices:
                - { id: "4307", passwordEnv: SHARPEYES_VIID_PASSWORD_A }
                - { id: "43070200001320000201" }
                - { id: "43070200001320000202", passwordEnv: "hunter2 is my password" }
            """);

    assertThat(loaded.problems())
        .extracting(Object::toString)
        .anySatisfy(p -> assertThat(p).startsWith("devices[0].viid.colour"))
        .anySatisfy(p -> assertThat(p).startsWith("devices[0].viid.keepaliveTimeout"))
        .anySatisfy(
            p -> assertThat(p).startsWith("devices[0].viid.timeZone: 'Mars/Olympus' is not a time"))
        .anySatisfy(
            p -> assertThat(p).startsWith("devices[0].viid.maxImageBytes").contains("maxBodyBytes"))
        .anySatisfy(
            p -> assertThat(p).startsWith("devices[0].viid.devices[4307].id: '4307' is not a 20"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "devices[0].viid.devices[43070200001320000201].passwordEnv: missing")
                    .contains("SHARPEYES_VIID_PASSWORD_43070200001320000201"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("devices[0].viid.devices[43070200001320000202].passwordEnv")
                    .contains("never the secret itself"));
  }

  @Test
  void aListenerWithoutDevicesIsToldHowToListThem() {
    ConfigResult<EdgeAgentConfig> loaded = load("viid: { port: 8088 }");

    assertThat(loaded.problems())
        .extracting(Object::toString)
        .containsExactly("devices[0].viid.devices: missing — " + ViidSectionReader.DEVICES_HINT);
  }

  @Test
  void faceAnalysisIsReadWithTheConfirmationRule() {
    ConfigResult<EdgeAgentConfig> loaded =
        load(
            """
            viid:
              port: 8088
              devices: [{ id: "43070200001320000201", passwordEnv: VIID_PW }]
              faces: { confirmCaptures: 3, confirmWithin: 20s, strictThreshold: 0.8 }
            """);

    assertThat(loaded.problems()).isEmpty();
    ViidFaceSettings f =
        ((ViidAdapterConfig)
                ((ConfigResult.Success<EdgeAgentConfig>) loaded)
                    .value()
                    .devices()
                    .get(0)
                    .settings())
            .faces();
    assertThat(f.confirmCaptures()).isEqualTo(3);
    assertThat(f.confirmWithin()).isEqualTo(Duration.ofSeconds(20));
    assertThat(f.strictThreshold()).isEqualTo(0.8);
  }

  @Test
  void anUnquotedDeviceIdIsReadAsTheSameTwentyDigits() {
    ConfigResult<EdgeAgentConfig> loaded =
        load(
            """
            viid:
              port: 8088
              devices: [{ id: 43070200001320000201, passwordEnv: VIID_PW }]
            """);

    assertThat(loaded.problems()).isEmpty();
    ViidAdapterConfig c =
        (ViidAdapterConfig)
            ((ConfigResult.Success<EdgeAgentConfig>) loaded).value().devices().get(0).settings();
    assertThat(c.devices().get(0).id()).isEqualTo("43070200001320000201");
  }
}
