package org.sharpeyes.ingest.auth;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;

/**
 * Puts every read of personal data on the audit record (留痕) before it is answered: a key person's
 * card ({@code person.read}), an enrolment photo ({@code photo.read}), a face snapshot ({@code
 * snapshot.read}). Blocking (the trail writes to the store): call it inside the route's {@code
 * BlockingDispatch} work, so that a failed write fails the read (503) instead of answering it.
 */
public final class PersonalReads {

  public static final String PERSON = "person.read";
  public static final String PHOTO = "photo.read";
  public static final String SNAPSHOT = "snapshot.read";

  /** A photo enrolled on the watchlist: reference data changed (subject {@code KP0001/sha256}). */
  public static final String PHOTO_ADD = "photo.add";

  /** An enrolment photo removed from the watchlist. */
  public static final String PHOTO_DELETE = "photo.delete";

  private final AuditTrail trail;
  private final Clock clock;

  public PersonalReads(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * Records that {@code caller} read {@code subject}; throws what the trail throws.
   *
   * @param from the caller's address ({@link #from})
   */
  public void record(Principal caller, String from, String action, String subject) {
    trail.record(
        new AuditEntry(
            clock.instant(),
            caller.name(),
            from,
            action,
            subject,
            "ok",
            caller.role().label() + ", " + PersonalData.View.of(caller).name().toLowerCase()));
  }

  /**
   * Records a change {@code caller} made to personal reference data (an enrolment photo), with how
   * it ended; throws what the trail throws.
   *
   * @param outcome {@code ok} or {@code refused}
   * @param detail why it was refused, or what was changed
   */
  public void recordChange(
      Principal caller, String from, String action, String subject, String outcome, String detail) {
    trail.record(
        new AuditEntry(clock.instant(), caller.name(), from, action, subject, outcome, detail));
  }

  /** The caller's address as the audit record writes it; read on the event loop. */
  public static String from(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "-" : remote.hostAddress();
  }
}
