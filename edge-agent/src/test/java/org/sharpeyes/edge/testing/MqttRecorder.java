package org.sharpeyes.edge.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain MQTT subscriber that records every message it receives, in arrival order. */
public final class MqttRecorder implements AutoCloseable {

  /** One received message. */
  public record Received(String topic, byte[] payload, int qos, boolean retained) {
    public String text() {
      return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final MqttClient client;
  private final List<Received> messages = new CopyOnWriteArrayList<>();

  private MqttRecorder(String url) throws MqttException {
    client = new MqttClient(url, "rec-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    client.connect(o);
  }

  /** Connects and subscribes at QoS 1 to every filter given. */
  public static MqttRecorder subscribe(String url, String... filters) throws MqttException {
    MqttRecorder r = new MqttRecorder(url);
    for (String f : filters) {
      r.client.subscribe(
          f,
          1,
          (topic, m) ->
              r.messages.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained())));
    }
    return r;
  }

  public List<Received> messages() {
    return messages;
  }

  public List<Received> on(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Clears a retained message so that test runs leave nothing behind on the broker. */
  public void clearRetained(String topic) throws MqttException {
    client.publish(topic, new byte[0], 1, true);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
