package org.sharpeyes.sims.camera.scenario;

import java.time.Instant;

/**
 * A {@code face.matched} event an edge watching the camera should report: a watchlisted walker is
 * in view from {@code fromSeconds} to {@code toSeconds}, counted from the stream's first frame.
 *
 * @param personId the walker's label: the watchlist person id the edge reports
 * @param loop which pass of the scene, from 0
 * @param from the same window by the camera's clock, or null when the stream's start is not known
 *     (a file: its time starts whenever it is played)
 * @param to see {@code from}
 */
public record ExpectedMatch(
    String personId, int loop, double fromSeconds, double toSeconds, Instant from, Instant to) {}
