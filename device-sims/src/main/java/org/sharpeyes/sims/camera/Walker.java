package org.sharpeyes.sims.camera;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One face photo crossing the scene on the script.
 *
 * @param photo a photo with one face in it (or a crop of one)
 * @param label who it is, for the expected-events file (a watchlist person id, or any name)
 * @param enter when it appears, from the start of the scene
 * @param stay how long it stays in view
 * @param fromX where it enters, as a fraction of the frame width (its left edge)
 * @param toX where it leaves
 * @param y its top edge, as a fraction of the frame height
 * @param height its height, as a fraction of the frame height
 * @param watchlisted whether an edge should match it ({@code label} is then the person id); only
 *     watchlisted walkers get lines in the expected-events file
 */
public record Walker(
    Path photo,
    String label,
    Duration enter,
    Duration stay,
    double fromX,
    double toX,
    double y,
    double height,
    boolean watchlisted) {

  /** A walker that is not on the watchlist. */
  public Walker(
      Path photo,
      String label,
      Duration enter,
      Duration stay,
      double fromX,
      double toX,
      double y,
      double height) {
    this(photo, label, enter, stay, fromX, toX, y, height, false);
  }

  /** When it leaves the view, from the start of the scene. */
  public Duration leave() {
    return enter.plus(stay);
  }

  /** Whether it is in view at {@code t}. */
  boolean inView(Duration t) {
    return t.compareTo(enter) >= 0 && t.compareTo(leave()) < 0;
  }

  /** How far along its way it is at {@code t}, 0..1. */
  double progress(Duration t) {
    double f = (double) t.minus(enter).toMillis() / Math.max(1, stay.toMillis());
    return Math.max(0, Math.min(1, f));
  }
}
