package org.sharpeyes.sims.gate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * The doors of one access controller and what last happened at each: the model the OPC UA address
 * space shows. Thread-safe; every change is made under this object's lock and listeners are called
 * under it, in the order of {@link AccessEvent#sequence()}, so a listener must be quick and must
 * not call back into the bank from another thread.
 *
 * <p>Doors are numbered from 1. {@link #present} never moves a door: what opens and closes it is
 * {@link #setState} (the traffic generator opens a door after a grant; a script says so itself).
 */
public final class DoorBank {

  private final List<GbDeviceId> deviceIds;
  private final DoorState[] states;
  private final AccessEvent[] lastCredential;
  private final AccessEvent[] lastEvent;
  private final List<Consumer<AccessEvent>> listeners = new CopyOnWriteArrayList<>();
  private long sequence;

  /** Doors 1..n with these device ids, all closed. */
  public DoorBank(List<GbDeviceId> deviceIds) {
    if (deviceIds.isEmpty()) {
      throw new IllegalArgumentException("an access controller has at least one door");
    }
    this.deviceIds = List.copyOf(deviceIds);
    this.states = new DoorState[deviceIds.size()];
    Arrays.fill(states, DoorState.CLOSED);
    this.lastCredential = new AccessEvent[deviceIds.size()];
    this.lastEvent = new AccessEvent[deviceIds.size()];
  }

  public int doorCount() {
    return deviceIds.size();
  }

  public GbDeviceId deviceId(int door) {
    return deviceIds.get(index(door));
  }

  public List<GbDeviceId> deviceIds() {
    return deviceIds;
  }

  public synchronized DoorState state(int door) {
    return states[index(door)];
  }

  /** The last credential presented at the door, or null when none was yet. */
  public synchronized AccessEvent lastCredential(int door) {
    return lastCredential[index(door)];
  }

  /** The last event at the door, or null when none happened yet. */
  public synchronized AccessEvent lastEvent(int door) {
    return lastEvent[index(door)];
  }

  /** Called with every event from now on, under the bank's lock. */
  public void addListener(Consumer<AccessEvent> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(Consumer<AccessEvent> listener) {
    listeners.remove(listener);
  }

  /** A credential presented at a door; the door stays as it is. */
  public synchronized AccessEvent present(
      int door, Credential credential, PassDirection direction, Instant at) {
    int i = index(door);
    AccessEvent event =
        new AccessEvent(
            ++sequence,
            AccessEvent.Kind.CREDENTIAL,
            door,
            deviceIds.get(i),
            credential.id(),
            credential.type(),
            credential.decision(),
            Objects.requireNonNull(direction, "direction"),
            states[i],
            at);
    lastCredential[i] = event;
    publish(i, event);
    return event;
  }

  /**
   * Moves a door to {@code state}.
   *
   * @return the state event, or null when the door already was in that state (nothing is published)
   */
  public synchronized AccessEvent setState(int door, DoorState state, Instant at) {
    int i = index(door);
    if (states[i] == state) {
      return null;
    }
    states[i] = state;
    AccessEvent event =
        new AccessEvent(
            ++sequence,
            AccessEvent.Kind.STATE,
            door,
            deviceIds.get(i),
            "",
            null,
            null,
            null,
            state,
            at);
    publish(i, event);
    return event;
  }

  private void publish(int i, AccessEvent event) {
    lastEvent[i] = event;
    for (Consumer<AccessEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  private int index(int door) {
    if (door < 1 || door > deviceIds.size()) {
      throw new IllegalArgumentException(
          "no door " + door + ": this controller has doors 1 to " + deviceIds.size());
    }
    return door - 1;
  }
}
