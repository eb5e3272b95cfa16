package org.sharpeyes.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharpeyes.runtime.Backoff;

class BrokerSettingsTest {

  static final BrokerSettings SSL =
      new BrokerSettings(
          URI.create("SSL://broker.example"),
          "edge-1",
          Duration.ofSeconds(30),
          "MQTT_USER",
          "MQTT_PASSWORD",
          new BrokerSettings.Tls(Path.of("/etc/sharpeyes/ca.pem")),
          Backoff.Bounds.DEFAULTS,
          100);

  @Test
  void pahoGetsALowerCaseSchemeAndTheDefaultPort() {
    assertThat(SSL.serverUri()).isEqualTo("ssl://broker.example:8883");
    assertThat(BrokerSettings.defaults("tcp://10.0.0.5", "x").serverUri())
        .isEqualTo("tcp://10.0.0.5:1883");
  }

  @Test
  void pointingAtAnotherBrokerKeepsTlsSettingsOnlyForSsl() {
    assertThat(SSL.withUrl("ssl://other:8883").tls()).isEqualTo(SSL.tls());
    assertThat(SSL.withUrl("tcp://127.0.0.1:11883").tls()).isNull();
  }

  @Test
  void settingsBuiltInCodeFollowTheRulesOfTheFile() {
    BrokerSettings ok = BrokerSettings.defaults("tcp://b:1883", "x");

    assertThatThrownBy(() -> BrokerSettings.defaults("mqtt://b", "x"))
        .hasMessageContaining("must start with tcp:// or ssl://");
    assertThatThrownBy(() -> ok.withClientId("has space"))
        .hasMessageContaining("1..128 visible ASCII characters");
    assertThatThrownBy(() -> ok.withMaxInFlight(0)).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> ok.withCredentials(null, "PASSWORD"))
        .hasMessage("passwordEnv needs usernameEnv");
    assertThatThrownBy(
            () ->
                new BrokerSettings(
                    ok.url(), "x", Duration.ofMillis(1500), null, null, null, ok.reconnect(), 1))
        .hasMessageContaining("whole seconds");
  }

  @Test
  void credentialsAreReadFromTheVariablesNamedAndNeverShown() {
    BrokerCredentials c =
        BrokerCredentials.resolve(
            SSL, Map.of("MQTT_USER", "edge", "MQTT_PASSWORD", "s3cret"), "broker");

    assertThat(c.username()).isEqualTo("edge");
    assertThat(c.password()).containsExactly('s', '3', 'c', 'r', 'e', 't');
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThat(
            BrokerCredentials.resolve(BrokerSettings.defaults("tcp://b", "x"), Map.of(), "broker"))
        .isEqualTo(BrokerCredentials.ANONYMOUS);
  }

  @Test
  void aVariableNotSetOrEmptyIsNamedWithItsKey() {
    Map<String, String> env = Map.of("MQTT_USER", "");

    assertThat(BrokerCredentials.unset(SSL, env, "broker"))
        .extracting(Object::toString)
        .containsExactly(
            "broker.usernameEnv: environment variable MQTT_USER is not set — export it before"
                + " starting",
            "broker.passwordEnv: environment variable MQTT_PASSWORD is not set — export it before"
                + " starting");
    assertThatThrownBy(() -> BrokerCredentials.resolve(SSL, env, "broker"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broker.usernameEnv: environment variable MQTT_USER is not set")
        .hasMessageContaining("; broker.passwordEnv: ");
  }
}
