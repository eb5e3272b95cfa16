package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Subscribes at QoS 1 to one edge's events and checks, as they arrive, that every {@code seq} from
 * 1 comes and that new ones come in order. Keeps a bit per seq, not the messages, so that a backlog
 * of millions fits.
 */
final class DrainSubscriber implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttAsyncClient client;
  private final BitSet seen = new BitSet();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong distinct = new AtomicLong();
  private long lastNew;
  private long outOfOrder;
  private long duplicates;
  private long unreadable;
  private volatile long firstAtNanos;
  private volatile long lastNewAtNanos;

  private DrainSubscriber(MqttAsyncClient client) {
    this.client = client;
  }

  static DrainSubscriber subscribe(URI broker, String topic) throws Exception {
    MqttAsyncClient client =
        new MqttAsyncClient(
            broker.toString(), "drain-check-" + System.nanoTime(), new MemoryPersistence());
    DrainSubscriber subscriber = new DrainSubscriber(client);
    client.setCallback(subscriber.new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(topic, 1).waitForCompletion(10_000);
    return subscriber;
  }

  private synchronized void arrived(byte[] payload) {
    long now = System.nanoTime();
    if (received.getAndIncrement() == 0) {
      firstAtNanos = now;
    }
    long seq;
    try {
      JsonNode seqNode = JSON.readTree(payload).get("seq");
      seq = seqNode == null ? -1 : Long.parseLong(seqNode.asText());
    } catch (Exception e) {
      seq = -1;
    }
    if (seq < 1 || seq > Integer.MAX_VALUE) {
      unreadable++;
      return;
    }
    if (seen.get((int) seq)) {
      duplicates++;
      return;
    }
    seen.set((int) seq);
    if (seq != lastNew + 1) {
      outOfOrder++;
    }
    lastNew = seq;
    lastNewAtNanos = now;
    distinct.incrementAndGet();
  }

  long distinct() {
    return distinct.get();
  }

  /** What arrived, as counted so far. */
  synchronized Tally tally() {
    return new Tally(
        received.get(),
        distinct.get(),
        duplicates,
        outOfOrder,
        unreadable,
        seen.nextClearBit(1) - 1L,
        firstAtNanos,
        lastNewAtNanos);
  }

  /**
   * @param contiguousFrom1 the highest seq n such that 1..n all arrived
   */
  record Tally(
      long received,
      long distinct,
      long duplicates,
      long outOfOrder,
      long unreadable,
      long contiguousFrom1,
      long firstAtNanos,
      long lastNewAtNanos) {}

  @Override
  public void close() throws Exception {
    try {
      client.disconnect().waitForCompletion(5_000);
    } finally {
      client.close();
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      arrived(message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
