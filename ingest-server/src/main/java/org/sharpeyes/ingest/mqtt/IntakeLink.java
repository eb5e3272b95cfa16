package org.sharpeyes.ingest.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the intake to the broker, from the connect attempt to its end: its client (a
 * new one per attempt, so that nothing of an earlier connection can reach this one), its number
 * ({@code epoch}, the one stamped on every message it delivers), and the QoS 1 messages it
 * delivered that are not acknowledged yet, by packet id. Confined to the intake's event loop: no
 * field is touched from another thread.
 */
final class IntakeLink {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeLink.class);

  final long epoch;
  final MqttClient client;

  /** Delivered, handed to the workers, not yet acknowledged. */
  private final Map<Integer, MqttPublishMessage> unacked = new HashMap<>();

  /** CONNACK and SUBACK arrived: the subscription stands. */
  boolean subscribed;

  /**
   * The intake let this connection go on purpose (its queue stayed full), with this reason; what it
   * delivers from now on is neither queued nor acknowledged.
   */
  String dropReason;

  /** Over: failed, lost, dropped and closed, or let go by {@code close()}. */
  boolean ended;

  /** The last problem the client reported, for the log line when the connection is lost. */
  Throwable problem;

  /** The timer that gives up on a CONNACK that does not come; -1 when none. */
  private long connectTimer = -1;

  IntakeLink(long epoch, MqttClient client) {
    this.epoch = epoch;
    this.client = client;
  }

  /** Runs {@code giveUp} unless {@link #cancelConnectTimer} comes first. */
  void startConnectTimer(Vertx vertx, Duration within, Runnable giveUp) {
    connectTimer =
        vertx.setTimer(
            within.toMillis(),
            id -> {
              connectTimer = -1;
              giveUp.run();
            });
  }

  void cancelConnectTimer(Vertx vertx) {
    if (connectTimer >= 0) {
      vertx.cancelTimer(connectTimer);
      connectTimer = -1;
    }
  }

  /** Marks it over and lets the client go (DISCONNECT if connected, else just the socket). */
  Future<Void> end(Vertx vertx) {
    ended = true;
    cancelConnectTimer(vertx);
    return client.disconnect();
  }

  /** Whether messages it delivers are taken, and acknowledgements sent on it. */
  boolean usable() {
    return !ended && dropReason == null;
  }

  void delivered(MqttPublishMessage message) {
    unacked.put(message.messageId(), message);
  }

  /** Forgets a delivered message (not queued after all). */
  void forget(int messageId) {
    unacked.remove(messageId);
  }

  /**
   * Sends the PUBACK of the message with {@code messageId} delivered on this connection.
   *
   * @return {@code false} when this connection delivered no such message that is still unacked, or
   *     the PUBACK could not be written
   */
  boolean acknowledge(int messageId) {
    MqttPublishMessage message = unacked.remove(messageId);
    if (message == null) {
      LOG.debug("no unacknowledged message {} on connection {}", messageId, epoch);
      return false;
    }
    try {
      message.ack();
      return true;
    } catch (RuntimeException e) {
      LOG.debug("ack of message {} not sent: {}", messageId, e.toString());
      return false;
    }
  }
}
