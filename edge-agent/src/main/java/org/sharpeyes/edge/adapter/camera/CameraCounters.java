package org.sharpeyes.edge.adapter.camera;

import java.util.concurrent.atomic.AtomicLong;

/** What one camera's stream and analysis did, for its status and metrics. Thread-safe. */
public final class CameraCounters {
  final AtomicLong decoded = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong analysed = new AtomicLong();
  final AtomicLong decodeErrors = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();
  final AtomicLong stillFrames = new AtomicLong();
  final AtomicLong detectorCalls = new AtomicLong();
  final AtomicLong detectorNanos = new AtomicLong();

  /** Frames read from the source. */
  public long decoded() {
    return decoded.get();
  }

  /** Frames dropped before conversion, above the analysis rate. */
  public long skipped() {
    return skipped.get();
  }

  /** Frames handed to the analysis. */
  public long analysed() {
    return analysed.get();
  }

  public long decodeErrors() {
    return decodeErrors.get();
  }

  public long reconnects() {
    return reconnects.get();
  }

  /** Analysed frames the motion gate kept from the detector. */
  public long stillFrames() {
    return stillFrames.get();
  }

  public long detectorCalls() {
    return detectorCalls.get();
  }

  public long detectorNanos() {
    return detectorNanos.get();
  }
}
