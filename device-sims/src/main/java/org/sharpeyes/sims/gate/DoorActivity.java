package org.sharpeyes.sims.gate;

import java.time.Instant;

/**
 * What happens at the doors over time: generated traffic ({@link GateTraffic}) or a script ({@link
 * GateScript}). Time only moves when {@link #advanceTo} is called, so a test drives an activity
 * with instants of its choosing and gets the same events every time.
 */
public interface DoorActivity {

  /**
   * Plays everything due up to and including {@code now}, in time order, stamping each event with
   * the time it was due (not the time of this call). Called from one thread at a time.
   */
  void advanceTo(Instant now);

  /** True when nothing more will ever happen (a script without a loop has played its last step). */
  boolean finished();
}
