package org.sharpeyes.sims.load;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;

/**
 * Publishes a generated backlog to a broker at QoS 1, as edges would, and returns once the broker
 * has acknowledged every message: after {@link #publish}, the messages are queued for every
 * persistent session subscribed to the edges' event topics. At most {@code maxInFlight} publishes
 * are unacknowledged at a time. Anonymous, MQTT 3.1.1, a clean session ({@link MqttConnections}).
 *
 * <p>One run per instance; {@link #publish} blocks the calling thread.
 */
public final class BacklogPublisher {

  /** How long to wait for the broker to acknowledge the last messages, or to accept one more. */
  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

  private final MqttConnections connections;
  private final int maxInFlight;
  private final Clock clock;

  /**
   * @param brokerUrl {@code tcp://host:port}
   * @param clientId the publisher's client id (not an edge's: edges may be connected too)
   * @param maxInFlight publishes not yet acknowledged, 1..{@link
   *     BrokerSettings#MAX_IN_FLIGHT_LIMIT}
   */
  public BacklogPublisher(String brokerUrl, String clientId, int maxInFlight, Clock clock) {
    if (maxInFlight < 1 || maxInFlight > BrokerSettings.MAX_IN_FLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "--max-in-flight must be 1.."
              + BrokerSettings.MAX_IN_FLIGHT_LIMIT
              + ", not "
              + maxInFlight);
    }
    BrokerSettings broker =
        BrokerSettings.defaults(brokerUrl, clientId).withMaxInFlight(maxInFlight);
    this.connections =
        MqttConnections.of(broker, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession());
    this.maxInFlight = maxInFlight;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What was published.
   *
   * @param events messages acknowledged by the broker
   * @param hot of those, plate reads of hot plates
   * @param lastSeqByEdge the last seq of each edge (its events are 1..that)
   * @param elapsed from the first publish to the last acknowledgement
   */
  public record Report(long events, long hot, Map<String, Long> lastSeqByEdge, Duration elapsed) {

    /** Messages per second over {@link #elapsed}. */
    public double rate() {
      return elapsed.isZero() ? 0 : events * 1000.0 / elapsed.toMillis();
    }

    /** One line for the console. */
    public String describe() {
      return String.format(
          "published %d events (%d hot plate reads) in %.1f s, %.0f/s; last seq by edge %s",
          events, hot, elapsed.toMillis() / 1000.0, rate(), lastSeqByEdge);
    }
  }

  /**
   * Publishes {@code count} events of {@code events} and waits until the broker has acknowledged
   * them all.
   *
   * @throws LoadRunException when the broker cannot be reached, refuses a publish, or does not
   *     acknowledge within {@link #ACK_TIMEOUT}
   */
  public Report publish(BacklogEvents events, long count) throws InterruptedException {
    Semaphore window = new Semaphore(maxInFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    IMqttActionListener acked =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            window.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            failure.compareAndSet(null, e);
            window.release();
          }
        };
    Map<String, Long> lastSeq = new TreeMap<>();
    long hot = 0;
    try (MqttAsyncClient client = connections.newClient()) {
      client
          .connect(connections.options())
          .waitForCompletion(TimeUnit.SECONDS.toMillis(MqttConnections.CONNECT_TIMEOUT_SECONDS));
      long start = clock.millis();
      for (long i = 0; i < count; i++) {
        if (!window.tryAcquire(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new LoadRunException("the broker acknowledged nothing for " + ACK_TIMEOUT, null);
        }
        failIfFailed(failure);
        BacklogMessage m = events.next();
        client.publish(m.topic(), m.payload(), 1, false, null, acked);
        lastSeq.put(m.edgeId(), m.seq());
        hot += m.hot() ? 1 : 0;
      }
      if (!window.tryAcquire(maxInFlight, ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new LoadRunException(
            "the broker did not acknowledge the last messages within " + ACK_TIMEOUT, null);
      }
      failIfFailed(failure);
      Duration elapsed = Duration.ofMillis(clock.millis() - start);
      client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
      return new Report(count, hot, lastSeq, elapsed);
    } catch (MqttException e) {
      throw new LoadRunException(
          "publishing to " + connections.serverUri() + " failed: " + MqttConnections.describe(e),
          e);
    }
  }

  private static void failIfFailed(AtomicReference<Throwable> failure) {
    Throwable e = failure.get();
    if (e != null) {
      throw new LoadRunException("the broker refused a publish: " + MqttConnections.describe(e), e);
    }
  }
}
