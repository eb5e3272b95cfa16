package org.sharpeyes.ingest.mqtt;

import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection of the intake to the broker, from the connect attempt to its end: its client (a
 * new one per attempt, so that nothing of an earlier connection can reach this one), its number
 * ({@code epoch}, the one stamped on every message it delivers), and the QoS 1 messages it
 * delivered that are not acknowledged yet, by packet id. Confined to the intake's event loop: no
 * field is touched from another thread.
 */
final class IntakeLink {

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
  long connectTimer = -1;

  IntakeLink(long epoch, MqttClient client) {
    this.epoch = epoch;
    this.client = client;
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
   * @return {@code false} when this connection delivered no such message that is still unacked
   */
  boolean acknowledge(int messageId) {
    MqttPublishMessage message = unacked.remove(messageId);
    if (message == null) {
      return false;
    }
    message.ack();
    return true;
  }

  int unackedCount() {
    return unacked.size();
  }
}
