package org.sharpeyes.edge.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.schema.topic.Topics;

/**
 * Connects to the broker with the edge's own account and publishes one message at QoS 1, waiting
 * for the broker's acknowledgement.
 *
 * <p>Why not a round trip: the broker's ACL (docs/security.md) lets an edge publish only its
 * events, snapshots and status, and read only its {@code sync/#} topics and the watchlist photos —
 * no topic it may both write and read, and writing its status or events would reach the server. So
 * the check is: the CONNECT is accepted (the account and password are right: both brokers refuse
 * unknown or wrong ones at connect) and a QoS 1 PUBLISH to {@code sharpeyes/v1/edge/<edgeId>/probe}
 * is acknowledged (the connection carries traffic both ways). Outside the edge's topics, the broker
 * acknowledges and drops it; the ingest-server logs one {@code broker refused} line for it. The
 * probe connects with client id {@code <clientId>-probe} so that a running agent is not pushed off.
 */
final class BrokerCheck {

  private BrokerCheck() {}

  static ProbeResult run(EdgeAgentConfig config, Map<String, String> env, Duration timeout) {
    String target = "broker " + config.broker().serverUri();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("url", config.broker().serverUri());
    BrokerCredentials credentials;
    try {
      credentials = BrokerCredentials.resolve(config.broker(), env, "broker");
    } catch (IllegalStateException e) {
      return new ProbeResult(
          target, ProbeResult.Outcome.FAILED, e.getMessage(), "set it and probe again", facts);
    }
    String user = credentials.username() == null ? "anonymous" : credentials.username();
    facts.put("user", user);
    String topic = Topics.ROOT + "/edge/" + config.edgeId() + "/probe";
    facts.put("topic", topic);
    MqttAsyncClient client = null;
    try {
      MqttConnections connections =
          MqttConnections.of(
              config.broker(),
              credentials,
              MqttConnections.Use.cleanSession().withClientIdSuffix("-probe"));
      client = connections.newClient();
      MqttConnectOptions options = connections.options();
      options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
      options.setAutomaticReconnect(false);
      long t0 = System.nanoTime();
      client.connect(options).waitForCompletion(timeout.toMillis());
      long connected = System.nanoTime();
      MqttMessage message =
          new MqttMessage(("probe " + config.edgeId()).getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      message.setRetained(false);
      client.publish(topic, message).waitForCompletion(timeout.toMillis());
      long acked = System.nanoTime();
      facts.put("connectMs", (connected - t0) / 1_000_000);
      facts.put("publishAckMs", (acked - connected) / 1_000_000);
      facts.put("check", "connect + QoS 1 publish acknowledged (no round trip: see docs)");
      return new ProbeResult(
          target,
          ProbeResult.Outcome.OK,
          "connected as "
              + user
              + " in "
              + facts.get("connectMs")
              + " ms; QoS 1 publish to "
              + topic
              + " acknowledged in "
              + facts.get("publishAckMs")
              + " ms",
          null,
          facts);
    } catch (MqttException e) {
      return new ProbeResult(target, ProbeResult.Outcome.FAILED, describe(e), fix(e), facts);
    } catch (IllegalStateException | IllegalArgumentException e) {
      return new ProbeResult(
          target, ProbeResult.Outcome.FAILED, e.getMessage(), "check broker: in the config", facts);
    } finally {
      close(client);
    }
  }

  private static String describe(MqttException e) {
    return switch (e.getReasonCode()) {
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
              MqttException.REASON_CODE_NOT_AUTHORIZED ->
          "the broker refused the login";
      case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
      case MqttException.REASON_CODE_SERVER_CONNECT_ERROR ->
          "cannot connect: " + MqttConnections.describe(e);
      case MqttException.REASON_CODE_CONNECTION_LOST -> "the broker closed the connection";
      default -> "cannot connect: " + MqttConnections.describe(e);
    };
  }

  private static String fix(MqttException e) {
    return switch (e.getReasonCode()) {
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
              MqttException.REASON_CODE_NOT_AUTHORIZED,
              MqttException.REASON_CODE_CONNECTION_LOST ->
          "are the edge's user name (its edgeId) and password right, and is the edge enabled on"
              + " the server (ingest-server edges list)?";
      default -> "is the broker running, is broker.url right, and is the port open from this box?";
    };
  }

  private static void close(MqttAsyncClient client) {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(500).waitForCompletion(1000);
      }
    } catch (MqttException e) {
      // best effort: the probe is over
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // nothing more to release
    }
  }
}
