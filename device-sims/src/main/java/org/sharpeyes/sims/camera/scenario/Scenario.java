package org.sharpeyes.sims.camera.scenario;

import java.time.Duration;
import java.util.List;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.Walker;

/**
 * The whole of what a camera plays: frame rate and size, the loop, the seed of the background and
 * the clutter, and who walks through when, for how long, from where to where. Read from a file by
 * {@link ScenarioFile}, or built in code.
 *
 * @param fps frames per second, 1..30
 * @param loop the scene starts over after this; every walker has left by then
 */
public record Scenario(double fps, FrameSize size, Duration loop, long seed, List<Walker> walkers) {

  public static final double DEFAULT_FPS = 10;
  public static final long DEFAULT_SEED = 1;

  /** The loop of a scenario with nobody in it. */
  public static final Duration DEFAULT_EMPTY_LOOP = Duration.ofSeconds(60);

  public Scenario {
    if (!(fps >= 1 && fps <= 30)) {
      throw new IllegalArgumentException("fps must be 1..30, was " + fps);
    }
    if (loop.isNegative() || loop.isZero()) {
      throw new IllegalArgumentException("the loop must be > 0, was " + loop);
    }
    walkers = List.copyOf(walkers);
  }

  /** The scene to play; it loads the walkers' photos, and must be closed. */
  public Scene scene() {
    return new Scene(size.width(), size.height(), walkers, seed);
  }

  public Scenario withFps(double fps) {
    return new Scenario(fps, size, loop, seed, walkers);
  }

  public Scenario withSize(FrameSize size) {
    return new Scenario(fps, size, loop, seed, walkers);
  }

  public Scenario withSeed(long seed) {
    return new Scenario(fps, size, loop, seed, walkers);
  }
}
