package org.sharpeyes.sims.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;

/**
 * A bare QoS 1 subscriber on Vert.x MQTT, the ingest-server's intake client, beside {@link
 * BacklogSubscriber} (Paho): a persistent session on one event loop of its own, each message's
 * payload copied out once (as the server does) and acknowledged by hand as soon as it arrives,
 * nothing decoded or stored. One run per instance; {@link #drain} blocks the calling thread.
 */
public final class VertxBacklogSubscriber {

  private final URI server;
  private final String clientId;
  private final String filter;
  private final Clock clock;

  /**
   * @param brokerUrl {@code tcp://host:port}
   * @param clientId the persistent session's client id (the backlog queued under it)
   * @param filter the topic filter to subscribe to at QoS 1
   */
  public VertxBacklogSubscriber(String brokerUrl, String clientId, String filter, Clock clock) {
    this.server = URI.create(BrokerSettings.defaults(brokerUrl, clientId).serverUri());
    this.clientId = clientId;
    this.filter = Objects.requireNonNull(filter, "filter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Connects, subscribes and returns once {@code count} messages have arrived and been
   * acknowledged.
   *
   * @throws LoadRunException when the broker cannot be reached, the connection is lost, or fewer
   *     than {@code count} messages arrive within {@code timeout}
   */
  public BacklogSubscriber.Report drain(long count, Duration timeout) throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      return drain(vertx, count, timeout);
    } finally {
      try {
        await(vertx.close().toCompletionStage().toCompletableFuture(), 10);
      } catch (ExecutionException | TimeoutException e) {
        // the run is over; the JVM ends with it
      }
    }
  }

  private BacklogSubscriber.Report drain(Vertx vertx, long count, Duration timeout)
      throws InterruptedException {
    MqttClientOptions options = new MqttClientOptions();
    options.setClientId(clientId);
    options.setCleanSession(false);
    options.setAutoAck(false);
    options.setKeepAliveInterval((int) BrokerSettings.DEFAULT_KEEP_ALIVE.toSeconds());
    options.setMaxMessageSize(268_435_455);
    options.setConnectTimeout(MqttConnections.CONNECT_TIMEOUT_SECONDS * 1000);
    AtomicLong received = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong lastAt = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<String> lost = new AtomicReference<>();
    MqttClient client = MqttClient.create(vertx, options);
    client.publishHandler(
        m -> {
          bytes.addAndGet(m.payload().getBytes().length);
          m.ack();
          if (received.incrementAndGet() == count) {
            lastAt.set(clock.millis());
            done.countDown();
          }
        });
    client.closeHandler(
        v -> {
          lost.compareAndSet(null, "the broker closed the connection");
          done.countDown();
        });
    long start = clock.millis();
    try {
      await(
          client
              .connect(server.getPort(), server.getHost())
              .toCompletionStage()
              .toCompletableFuture(),
          MqttConnections.CONNECT_TIMEOUT_SECONDS);
      await(client.subscribe(filter, 1).toCompletionStage().toCompletableFuture(), 10);
    } catch (ExecutionException | TimeoutException e) {
      throw new LoadRunException(
          "draining " + server + " failed: " + MqttConnections.describe(e), e);
    }
    boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (received.get() < count && lost.get() != null) {
      throw new LoadRunException(
          "the connection was lost after " + received.get() + " messages: " + lost.get(), null);
    }
    if (!finished) {
      throw new LoadRunException(
          "only " + received.get() + " of " + count + " messages arrived within " + timeout, null);
    }
    Duration elapsed = Duration.ofMillis(lastAt.get() - start);
    try {
      await(client.disconnect().toCompletionStage().toCompletableFuture(), 10);
    } catch (ExecutionException | TimeoutException e) {
      // drained already; a disconnect that does not finish changes nothing measured
    }
    return new BacklogSubscriber.Report(received.get(), elapsed);
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future, long seconds)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(seconds, TimeUnit.SECONDS);
  }
}
