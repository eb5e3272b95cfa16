package org.sharpeyes.sims.load;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;

/**
 * A bare QoS 1 subscriber on the server's MQTT client (Paho v3, {@link MqttConnections}, a
 * persistent session, each message acknowledged by hand as soon as it arrives, nothing decoded or
 * stored): the ceiling that the client library sets for the server's drain of a backlog. One run
 * per instance; {@link #drain} blocks the calling thread.
 */
public final class BacklogSubscriber {

  private final MqttConnections connections;
  private final String filter;
  private final Clock clock;

  /**
   * @param brokerUrl {@code tcp://host:port}
   * @param clientId the persistent session's client id (the backlog queued under it)
   * @param filter the topic filter to subscribe to at QoS 1
   */
  public BacklogSubscriber(String brokerUrl, String clientId, String filter, Clock clock) {
    this.connections =
        MqttConnections.of(
            BrokerSettings.defaults(brokerUrl, clientId),
            BrokerCredentials.ANONYMOUS,
            MqttConnections.Use.persistentIntake());
    this.filter = Objects.requireNonNull(filter, "filter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What was drained.
   *
   * @param messages messages received and acknowledged
   * @param elapsed from the connection request to the last message
   */
  public record Report(long messages, Duration elapsed) {

    public double rate() {
      return elapsed.isZero() ? 0 : messages * 1000.0 / elapsed.toMillis();
    }

    public String describe() {
      return String.format(
          "drained %d messages in %.2f s, %.0f/s", messages, elapsed.toMillis() / 1000.0, rate());
    }
  }

  /**
   * Connects, subscribes and returns once {@code count} messages have arrived and been
   * acknowledged.
   *
   * @throws LoadRunException when the broker cannot be reached, the connection is lost, or fewer
   *     than {@code count} messages arrive within {@code timeout}
   */
  public Report drain(long count, Duration timeout) throws InterruptedException {
    AtomicLong received = new AtomicLong();
    AtomicLong lastAt = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> lost = new AtomicReference<>();
    try (MqttAsyncClient client = connections.newClient()) {
      client.setCallback(
          new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
              lost.set(cause);
              done.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws MqttException {
              client.messageArrivedComplete(message.getId(), message.getQos());
              if (received.incrementAndGet() == count) {
                lastAt.set(clock.millis());
                done.countDown();
              }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
          });
      long start = clock.millis();
      client
          .connect(connections.options())
          .waitForCompletion(TimeUnit.SECONDS.toMillis(MqttConnections.CONNECT_TIMEOUT_SECONDS));
      client.subscribe(filter, 1).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
      boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (lost.get() != null) {
        throw new LoadRunException(
            "the connection was lost after "
                + received.get()
                + " messages: "
                + MqttConnections.describe(lost.get()),
            lost.get());
      }
      if (!finished) {
        throw new LoadRunException(
            "only " + received.get() + " of " + count + " messages arrived within " + timeout,
            null);
      }
      Duration elapsed = Duration.ofMillis(lastAt.get() - start);
      client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
      return new Report(received.get(), elapsed);
    } catch (MqttException e) {
      throw new LoadRunException(
          "draining " + connections.serverUri() + " failed: " + MqttConnections.describe(e), e);
    }
  }
}
