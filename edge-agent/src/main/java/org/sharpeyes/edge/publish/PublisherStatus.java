package org.sharpeyes.edge.publish;

import java.time.Instant;

/**
 * The publisher's connection as the status page shows it.
 *
 * @param brokerUrl where it connects
 * @param state the connection state
 * @param since when it entered that state
 * @param lastError the last connection or publish error in words, or {@code null}
 * @param reconnects connection attempts after a failure or a lost connection, since start
 */
public record PublisherStatus(
    String brokerUrl, PublisherState state, Instant since, String lastError, long reconnects) {}
