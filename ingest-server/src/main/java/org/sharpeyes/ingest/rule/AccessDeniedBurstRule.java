package org.sharpeyes.ingest.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * {@value #ID}: at least {@code count} denied attempts at one door, or with one credential, within
 * {@code within} (by the events' times) raise an alert (high). The door's burst is the subject
 * first; a credential's burst spread over several doors is about the key person holding it, else
 * about the credential. Further denials while the alert is open fold into it. Windows are kept for
 * at most {@code maxKeys} doors and credentials (the least recently used are forgotten).
 */
public final class AccessDeniedBurstRule implements CorrelationRule {

  public static final String ID = "access-denied-burst";

  private final int count;
  private final Duration within;
  private final Windows byDoor;
  private final Windows byCredential;

  public AccessDeniedBurstRule(int count, Duration within, int maxKeys) {
    this.count = count;
    this.within = within;
    this.byDoor = new Windows(maxKeys);
    this.byCredential = new Windows(maxKeys);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public synchronized Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof DoorAccess a) || a.result() != DoorAccess.Result.DENIED) {
      return Optional.empty();
    }
    int atDoor = byDoor.add(a.doorId(), event.time(), within);
    int withCredential =
        a.credentialId() == null ? 0 : byCredential.add(a.credentialId(), event.time(), within);
    String door = Doors.label(context.reference(), a.doorId());
    if (atDoor >= count) {
      return Optional.of(
          new AlertCandidate(
              ID,
              Severity.HIGH,
              SubjectType.DOOR,
              a.doorId(),
              door,
              context
                  .reference()
                  .keyPersonByCredential(a.credentialId())
                  .map(KeyPerson::id)
                  .orElse(null),
              null,
              atDoor + " denied attempts within " + within.toSeconds() + " s at " + door));
    }
    if (withCredential >= count) {
      Optional<KeyPerson> holder = context.reference().keyPersonByCredential(a.credentialId());
      String reason =
          withCredential
              + " denied attempts within "
              + within.toSeconds()
              + " s with credential "
              + a.credentialId()
              + ", last at "
              + door;
      return Optional.of(
          holder
              .map(p -> AlertCandidate.aboutPerson(ID, Severity.HIGH, p, reason))
              .orElseGet(
                  () ->
                      new AlertCandidate(
                          ID,
                          Severity.HIGH,
                          SubjectType.CREDENTIAL,
                          a.credentialId(),
                          "credential " + a.credentialId(),
                          null,
                          null,
                          reason)));
    }
    return Optional.empty();
  }

  /** Sliding windows of event times by key, least recently used forgotten past the bound. */
  private static final class Windows {
    private final Map<String, Deque<Instant>> windows;

    Windows(int maxKeys) {
      this.windows =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
              return size() > maxKeys;
            }
          };
    }

    /** Adds {@code at}; how many times of the key are within {@code within} of it. */
    int add(String key, Instant at, Duration within) {
      Deque<Instant> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
      w.addLast(at);
      Instant from = at.minus(within);
      w.removeIf(t -> t.isBefore(from) || t.isAfter(at));
      return w.size();
    }
  }
}
