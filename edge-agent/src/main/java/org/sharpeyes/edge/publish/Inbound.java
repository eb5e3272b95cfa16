package org.sharpeyes.edge.publish;

import java.util.List;

/**
 * What the edge takes from the broker: the server's retained sync messages. The publisher's
 * connection carries them, so an edge holds one MQTT connection. The session is clean, so {@link
 * #connected} must subscribe again after every connect; retained messages then arrive again.
 */
public interface Inbound {

  /** Subscribes and unsubscribes at QoS 1 on the current connection; a no-op while disconnected. */
  interface Subscriber {
    void subscribe(List<String> topicFilters);

    void unsubscribe(List<String> topicFilters);
  }

  /** After every connect, on the publisher's thread. */
  void connected(Subscriber subscriber);

  /** After the connection is lost or closed, on the publisher's thread. */
  void lost();

  /**
   * A message arrived. Called on Paho's receiving thread, which it blocks: hand the work to another
   * thread and return.
   */
  void arrived(String topic, byte[] payload);

  /** Takes nothing. */
  Inbound NONE =
      new Inbound() {
        @Override
        public void connected(Subscriber subscriber) {}

        @Override
        public void lost() {}

        @Override
        public void arrived(String topic, byte[] payload) {}
      };
}
