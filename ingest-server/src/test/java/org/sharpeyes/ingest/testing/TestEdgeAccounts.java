package org.sharpeyes.ingest.testing;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.edgeaccount.NewEdgeAccount;

/**
 * A test's raw MQTT client logs in to the embedded broker as an edge with an account of its own.
 */
public final class TestEdgeAccounts {

  private TestEdgeAccounts() {}

  /** Makes {@code edgeId}'s account on {@code server} and returns connect options that log in. */
  public static MqttConnectOptions loginAs(IngestServer server, String edgeId) {
    NewEdgeAccount account =
        server.edgeAccounts().find(edgeId).isPresent()
            ? server.edgeAccounts().resetPassword(edgeId, "test", "test")
            : server.edgeAccounts().add(edgeId, "test", "test");
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setUserName(account.edgeId());
    options.setPassword(account.password().toCharArray());
    return options;
  }
}
