package org.sharpeyes.edge.adapter.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;

/**
 * One connection to the controller: a Milo client with an active session, the doors found, and one
 * subscription with a data item on each door's state variable and an event item on the controller
 * (or, for a controller without events, a data item on each door's last credential id). What
 * arrives goes to the {@link Listener} on Milo's delivery thread, one subscription's notifications
 * in order.
 *
 * <p>Milo would try to keep a broken session alive and transfer the subscription; servers that
 * restart do not have it any more (milo #832: subscriptions not re-created). So any sign of a lost
 * session is reported once through {@link Listener#lost}, and the adapter disposes this session and
 * opens a new one, with a new subscription, from scratch.
 */
final class GateSession {

  private static final int STATE_QUEUE_SIZE = 10;

  /** What the session reports; called on Milo's threads, quickly, never blocking. */
  interface Listener {
    /** An event of the profile's type at a watched door; {@code fields} as the profile selects. */
    void accessEvent(GateDoor door, String eventId, Instant time, String[] fields);

    /** A door's state variable; {@code initial} for the first value after subscribing. */
    void state(GateDoor door, Object value, Instant time, boolean initial);

    /** A presentation read from a door's variables (controllers without events). */
    void presentation(GateDoor door, String[] values, Instant time, boolean initial);

    /** An event whose source is not a watched door, or of another type without our fields. */
    void ignored(String source);

    /** The server dropped events from its queue for us (an EventQueueOverflow event). */
    void overflow();

    /** The session is gone or no longer trustworthy; reported once. */
    void lost(GateSession session, String why);
  }

  private final OpcUaClient client;
  private final GateDoors.Found found;
  private final Listener listener;
  private final AtomicBoolean done = new AtomicBoolean();
  private final Map<OpcUaMonitoredItem, Boolean> initialSeen = new ConcurrentHashMap<>();
  private final Map<Object, GateDoor> byNode;
  private final Map<String, GateDoor> byName;
  private GateEventFilter filter;
  private OpcUaSubscription subscription;

  private GateSession(OpcUaClient client, GateDoors.Found found, Listener listener) {
    this.client = client;
    this.found = found;
    this.listener = listener;
    this.byNode =
        found.doors().stream().collect(Collectors.toMap(GateDoor::node, Function.identity()));
    this.byName =
        found.doors().stream().collect(Collectors.toMap(GateDoor::browseName, Function.identity()));
  }

  /**
   * Connects, finds the doors and subscribes. Blocking; run on a thread that may wait.
   *
   * @throws GateLinkException with what went wrong; nothing is left open then
   */
  static GateSession open(GateConnector connector, GateAdapterConfig config, Listener listener)
      throws GateLinkException {
    OpcUaClient client = connector.connect();
    try {
      GateSession session = new GateSession(client, GateDoors.discover(client, config), listener);
      // Before subscribing: a loss from now on is reported (and seen by the adapter's isOpen()).
      client.addSessionActivityListener(session.new Activity());
      session.subscribe(config);
      return session;
    } catch (GateLinkException | RuntimeException e) {
      connector.dispose(client);
      throw e;
    }
  }

  List<GateDoor> doors() {
    return found.doors();
  }

  /** Doors the profile found but that are not watched, and why. */
  List<String> problems() {
    return found.problems();
  }

  /** Whether the session is still usable: not closed, and no loss reported. */
  boolean isOpen() {
    return !done.get();
  }

  /** Closes the session and the connection; the future completes within the timeout. */
  CompletableFuture<Void> close(long timeoutMillis) {
    done.set(true);
    return client
        .disconnectAsync()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .handle((c, e) -> null);
  }

  private void subscribe(GateAdapterConfig config) throws GateLinkException {
    subscription = new OpcUaSubscription(client, (double) config.publishingInterval().toMillis());
    subscription.setSubscriptionListener(new Watch());
    try {
      subscription.create();
    } catch (UaException e) {
      throw GateErrors.describe("the controller (creating the subscription)", e);
    }
    double sampling = config.samplingInterval().toMillis();
    List<OpcUaMonitoredItem> items = new ArrayList<>();
    for (GateDoor door : found.doors()) {
      OpcUaMonitoredItem state = OpcUaMonitoredItem.newDataItem(door.state());
      state.setSamplingInterval(sampling);
      state.setQueueSize(uint(STATE_QUEUE_SIZE));
      state.setDataValueListener(
          (item, value) -> {
            // A bad value says the controller does not know the state: not a move.
            if (value.statusCode() == null || !value.statusCode().isBad()) {
              listener.state(door, value.value().value(), time(value), first(item));
            }
          });
      items.add(state);
      if (door.access() != null) {
        OpcUaMonitoredItem presented = OpcUaMonitoredItem.newDataItem(door.access().credentialId());
        presented.setSamplingInterval(sampling);
        presented.setQueueSize(uint(STATE_QUEUE_SIZE));
        // The same credential presented again changes only the timestamp.
        presented.setFilter(
            new DataChangeFilter(DataChangeTrigger.StatusValueTimestamp, uint(0), 0.0));
        presented.setDataValueListener((item, value) -> presentation(door, item, value));
        items.add(presented);
      }
    }
    GateProfile.Event event = config.profile().event();
    OpcUaMonitoredItem events = null;
    if (event != null) {
      filter = new GateEventFilter(config.profile(), found.namespace());
      events = OpcUaMonitoredItem.newEventItem(found.controller(), filter.filter());
      events.setQueueSize(uint(config.eventQueueSize()));
      events.setEventValueListener((item, values) -> event(values));
      items.add(events);
    }
    subscription.addMonitoredItems(items);
    try {
      subscription.synchronizeMonitoredItems();
    } catch (MonitoredItemSynchronizationException e) {
      throw GateLinkException.refused(
          "the controller refused to watch "
              + e.getCreateResults().stream()
                  .filter(r -> !good(r))
                  .map(r -> r.monitoredItem().getReadValueId().getNodeId() + " (" + status(r) + ")")
                  .collect(Collectors.joining(", ")));
    }
    if (events != null) {
      filter.check(client, events);
    }
  }

  private boolean first(OpcUaMonitoredItem item) {
    return initialSeen.putIfAbsent(item, Boolean.TRUE) == null;
  }

  private void event(Variant[] values) {
    if (done.get() || values == null || values.length < GateEventFilter.STANDARD) {
      return;
    }
    Object source = values[2].value();
    Object type = values[3].value();
    if (NodeIds.EventQueueOverflowEventType.equals(type)) {
      listener.overflow();
      return;
    }
    String[] fields = filter.fields(values);
    if (fields[GateEventFilter.KIND] == null && !filter.type().equals(type)) {
      listener.ignored("an event of type " + type);
      return;
    }
    GateDoor door = byNode.get(source);
    if (door == null && fields[GateEventFilter.DOOR] != null) {
      door = byName.get(fields[GateEventFilter.DOOR]);
    }
    if (door == null) {
      listener.ignored(String.valueOf(source));
      return;
    }
    Object id = values[0].value();
    String eventId = id instanceof ByteString b ? HexFormat.of().formatHex(b.bytesOrEmpty()) : null;
    Object t = values[1].value();
    Instant time = t instanceof DateTime d && d.isValid() ? d.getJavaInstant() : null;
    listener.accessEvent(door, eventId, time, fields);
  }

  private void presentation(GateDoor door, OpcUaMonitoredItem item, DataValue value) {
    if (value.statusCode() != null && value.statusCode().isBad()) {
      return;
    }
    boolean initial = first(item);
    Instant time = time(value);
    if (initial) {
      listener.presentation(door, null, time, true);
      return;
    }
    List<NodeId> wanted = door.access().values();
    List<NodeId> nodes = wanted.stream().filter(Objects::nonNull).toList();
    client
        .readValuesAsync(0, TimestampsToReturn.Source, nodes)
        .whenComplete(
            (read, failure) -> {
              // Gone: the next session compares again. Moved on: a newer presentation overwrote
              // these variables and is reported by its own notification.
              if (failure != null || done.get() || !Objects.equals(time, time(read.get(0)))) {
                return;
              }
              String[] values = new String[wanted.size()];
              for (int i = 0, j = 0; i < values.length; i++) {
                if (wanted.get(i) != null) {
                  Object v = read.get(j++).value().value();
                  values[i] = v == null ? null : v.toString();
                }
              }
              listener.presentation(door, values, time, false);
            });
  }

  private static Instant time(DataValue value) {
    DateTime t = value.sourceTime() != null ? value.sourceTime() : value.serverTime();
    return t != null && t.isValid() ? t.getJavaInstant() : null;
  }

  private static boolean good(MonitoredItemServiceOperationResult r) {
    return r.serviceResult().isGood() && r.operationResult().map(StatusCode::isGood).orElse(false);
  }

  private static String status(MonitoredItemServiceOperationResult r) {
    StatusCode s =
        r.serviceResult().isGood()
            ? r.operationResult().orElse(r.serviceResult())
            : r.serviceResult();
    return GateErrors.name(s.getValue());
  }

  private void lost(String why) {
    if (done.compareAndSet(false, true)) {
      listener.lost(this, why);
    }
  }

  private final class Activity implements SessionActivityListener {
    @Override
    public void onSessionInactive(UaSession session) {
      lost("the session to the controller ended (connection lost or the controller restarted)");
    }
  }

  private final class Watch implements OpcUaSubscription.SubscriptionListener {
    @Override
    public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
      lost("the subscription could not be kept (" + GateErrors.name(status.getValue()) + ")");
    }

    @Override
    public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
      if (status.isBad()) {
        lost("the controller ended the subscription (" + GateErrors.name(status.getValue()) + ")");
      }
    }

    @Override
    public void onWatchdogTimerElapsed(OpcUaSubscription s) {
      lost("no publish from the controller for too long");
    }

    @Override
    public void onNotificationDataLost(OpcUaSubscription s) {
      lost("notifications from the controller were lost");
    }
  }
}
