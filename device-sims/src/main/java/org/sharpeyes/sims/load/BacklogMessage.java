package org.sharpeyes.sims.load;

/**
 * One generated event, encoded as an edge publishes it.
 *
 * @param topic the edge's event topic ({@code Topics.events})
 * @param payload the CloudEvents JSON of {@code EventCodec.encode}
 * @param edgeId the publishing edge
 * @param seq the edge's sequence number of this event (1, 2, … per edge)
 * @param hot whether the plate was drawn from the hot plates (a hotlisted vehicle)
 */
public record BacklogMessage(String topic, byte[] payload, String edgeId, long seq, boolean hot) {}
