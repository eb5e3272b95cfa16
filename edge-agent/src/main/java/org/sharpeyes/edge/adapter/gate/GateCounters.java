package org.sharpeyes.edge.adapter.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What one controller's adapter did, for its metrics and tests. Thread-safe. */
public final class GateCounters {

  /** The fields whose values are counted when the profile does not map them. */
  static final List<String> FIELDS =
      List.of("kind", "state", "credentialId", "credentialType", "result", "direction");

  final AtomicLong connectAttempts = new AtomicLong();
  final AtomicLong connects = new AtomicLong();
  final AtomicLong sessionsLost = new AtomicLong();
  final AtomicLong doorAccess = new AtomicLong();
  final AtomicLong doorState = new AtomicLong();
  final AtomicLong accessDuplicates = new AtomicLong();
  final AtomicLong stateDuplicates = new AtomicLong();
  final AtomicLong ignored = new AtomicLong();
  final AtomicLong serverOverflows = new AtomicLong();
  final AtomicLong doors = new AtomicLong();
  final Map<String, AtomicLong> unmapped = new ConcurrentHashMap<>();
  private final long[] perSecond = new long[60];
  private final long[] secondOf = new long[60];

  GateCounters() {
    FIELDS.forEach(f -> unmapped.put(f, new AtomicLong()));
  }

  /** Connection attempts since start, successful or not. */
  public long connectAttempts() {
    return connectAttempts.get();
  }

  /** Sessions opened and subscribed. */
  public long connects() {
    return connects.get();
  }

  /** Sessions lost after they were open (each followed by a reconnect). */
  public long sessionsLost() {
    return sessionsLost.get();
  }

  /** {@code door.access} events handed to the sink. */
  public long doorAccess() {
    return doorAccess.get();
  }

  /** {@code door.state} events handed to the sink. */
  public long doorState() {
    return doorState.get();
  }

  /** Access events dropped because their EventId was seen already. */
  public long accessDuplicates() {
    return accessDuplicates.get();
  }

  /** State reports dropped because the door's last published state was the same. */
  public long stateDuplicates() {
    return stateDuplicates.get();
  }

  /** Events whose source was not a watched door. */
  public long ignored() {
    return ignored.get();
  }

  /** Times the controller said it dropped events queued for us. */
  public long serverOverflows() {
    return serverOverflows.get();
  }

  /** Values the profile does not map, of one field (see {@link #FIELDS}). */
  public long unmapped(String field) {
    AtomicLong n = unmapped.get(field);
    return n == null ? 0 : n.get();
  }

  /** Doors watched on the current session; 0 while not connected. */
  public long doors() {
    return doors.get();
  }

  /** Counts an event handed to the sink at {@code at}, for {@link #eventsLastMinute}. */
  synchronized void handedOver(Instant at) {
    long second = at.getEpochSecond();
    int slot = (int) Math.floorMod(second, 60L);
    if (secondOf[slot] != second) {
      secondOf[slot] = second;
      perSecond[slot] = 0;
    }
    perSecond[slot]++;
  }

  /** Events handed to the sink in the 60 seconds up to {@code now}. */
  public synchronized long eventsLastMinute(Instant now) {
    long second = now.getEpochSecond();
    long total = 0;
    for (int i = 0; i < 60; i++) {
      if (secondOf[i] > second - 60 && secondOf[i] <= second) {
        total += perSecond[i];
      }
    }
    return total;
  }
}
