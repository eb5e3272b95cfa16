package org.sharpeyes.sims.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a door is doing, as an access controller reports it. On the wire (the {@code State} variable
 * and event field) each state is its {@link #wireName()}.
 */
public enum DoorState {
  /** Shut and locked. */
  CLOSED("closed"),
  /** Opened after a granted credential; closes again by itself. */
  OPEN("open"),
  /** Opened without a granted credential (the door contact opened while locked). */
  FORCED("forced"),
  /** Opened after a grant and not shut within the allowed time. */
  HELD_OPEN("held-open");

  private final String wireName;

  DoorState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the door stands open in this state (any state but {@link #CLOSED}). */
  public boolean isOpen() {
    return this != CLOSED;
  }

  public static Optional<DoorState> parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.wireName.equals(t)).findFirst();
  }

  /** The wire names, for messages: {@code closed, open, forced, held-open}. */
  public static String names() {
    return Arrays.stream(values()).map(DoorState::wireName).collect(Collectors.joining(", "));
  }
}
