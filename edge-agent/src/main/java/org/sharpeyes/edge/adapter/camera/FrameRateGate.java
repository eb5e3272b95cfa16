package org.sharpeyes.edge.adapter.camera;

/**
 * Lets through at most {@code fps} frames a second, by the frames' own timestamps, so that a camera
 * sending 25 fps is analysed at, say, 5: the frames in between are skipped before any conversion or
 * copy. A timestamp that goes backwards (a looping file, a camera restart) starts over.
 */
final class FrameRateGate {

  private final long intervalMicros;
  private long next = Long.MIN_VALUE;

  FrameRateGate(double fps) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("analysis fps must be above 0, got " + fps);
    }
    this.intervalMicros = Math.round(1_000_000 / fps);
  }

  /** Whether the frame at {@code timestampMicros} is to be analysed. */
  boolean admit(long timestampMicros) {
    if (next != Long.MIN_VALUE && timestampMicros < next - intervalMicros) {
      next = Long.MIN_VALUE; // time went backwards
    }
    if (next == Long.MIN_VALUE || timestampMicros >= next) {
      // Step from the slot this frame filled, not from the frame, so that jitter does not drift.
      next = (next == Long.MIN_VALUE ? timestampMicros : next) + intervalMicros;
      if (next <= timestampMicros) {
        next = timestampMicros + intervalMicros; // after a gap, start from now
      }
      return true;
    }
    return false;
  }
}
