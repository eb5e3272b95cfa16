package org.sharpeyes.ingest.pipeline;

import java.time.Instant;

/**
 * One MQTT message as received, waiting in the worker queue for its turn.
 *
 * @param topic the topic it was published on
 * @param payload its bytes (not copied; nobody modifies them)
 * @param messageId MQTT packet id, needed to acknowledge it
 * @param qos the QoS it was delivered at
 * @param connection which connection of the subscriber delivered it; an ack is only valid on that
 *     one
 * @param receivedAt when the subscriber received it
 */
public record InboundMessage(
    String topic, byte[] payload, int messageId, int qos, long connection, Instant receivedAt) {}
