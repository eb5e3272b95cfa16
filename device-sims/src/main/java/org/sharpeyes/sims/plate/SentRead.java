package org.sharpeyes.sims.plate;

import java.time.Instant;

/**
 * One read the simulator sent.
 *
 * @param sequence 0-based position in this run's sequence of reads
 * @param draw the plate drawn, normalised and as written
 * @param body what was POSTed
 * @param sentAt when the request was handed to the HTTP client
 */
public record SentRead(long sequence, PlateDraw draw, PlateReadBody body, Instant sentAt) {}
