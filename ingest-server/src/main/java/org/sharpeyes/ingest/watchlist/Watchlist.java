package org.sharpeyes.ingest.watchlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.config.WatchlistConfig;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchlist of face matching: key persons with enrolment photos. Enrolment checks each photo
 * with the edges' face detector and keeps a crop of the face; every change of the content (persons,
 * risk levels, thresholds, photos) makes a new version, which the {@link WatchlistPublisher} sends
 * to the edges. Thread-safe; blocking (database and image work).
 */
public final class Watchlist {

  private static final Logger log = LoggerFactory.getLogger(Watchlist.class);

  /** What enrolling a photo gave. */
  public sealed interface Enrolment {}

  public record Enrolled(EnrolmentPhoto photo) implements Enrolment {}

  /** The same photo was enrolled before (for this person or another). */
  public record AlreadyEnrolled(EnrolmentPhoto photo) implements Enrolment {}

  public record Refused(String reason) implements Enrolment {}

  public record UnknownPerson(String personId) implements Enrolment {}

  private final ReferenceData reference;
  private final EnrolmentStore store;
  private final FaceCheck check;
  private final WatchlistConfig config;
  private final Clock clock;
  private final Map<String, Counter> enrolments = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private volatile WatchlistManifest current;
  private volatile Runnable onChange = () -> {};

  Watchlist(
      ReferenceData reference,
      EnrolmentStore store,
      FaceCheck check,
      WatchlistConfig config,
      Clock clock,
      MeterRegistry meters)
      throws SQLException {
    this.reference = reference;
    this.store = store;
    this.check = check;
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.current = refreshManifest();
    Gauge.builder("sharpeyes.ingest.watchlist.version", () -> current.version())
        .description("Version of the watchlist published to edges")
        .register(meters);
    Gauge.builder("sharpeyes.ingest.watchlist.persons", () -> current.persons().size())
        .description("Key persons on the watchlist (those with at least one enrolment photo)")
        .register(meters);
  }

  /** Called after every new version, on the thread that made it. */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /** The manifest of the current version. */
  public WatchlistManifest current() {
    return current;
  }

  public String detectorId() {
    return check.detectorId();
  }

  /**
   * Checks and stores one enrolment photo of a key person, and publishes the new version.
   *
   * @param source the imported file's name, or {@code upload}
   */
  public Enrolment enrol(String personId, byte[] photo, String source) throws SQLException {
    Optional<KeyPerson> person = reference.keyPerson(personId);
    if (person.isEmpty()) {
      return counted(new UnknownPerson(personId));
    }
    if (photo.length > config.maxPhotoBytes()) {
      return counted(
          new Refused(
              "the photo has "
                  + photo.length
                  + " bytes, more than watchlist.maxPhotoBytes ("
                  + config.maxPhotoBytes()
                  + ")"));
    }
    if (store.ofPerson(personId).size() >= config.maxPhotosPerPerson()) {
      return counted(
          new Refused(
              personId
                  + " has "
                  + config.maxPhotosPerPerson()
                  + " photos already (watchlist.maxPhotosPerPerson): delete one first"));
    }
    FaceCheck.Result result = check.check(photo);
    if (result instanceof FaceCheck.Refused r) {
      return counted(new Refused(r.reason()));
    }
    FaceCheck.Accepted face = (FaceCheck.Accepted) result;
    EnrolmentPhoto stored =
        new EnrolmentPhoto(
            sha256(face.jpeg()),
            personId,
            source,
            face.score(),
            face.faceWidth(),
            face.jpeg().length,
            clock.instant());
    Optional<EnrolmentPhoto> before = store.add(stored, face.jpeg());
    if (before.isPresent()) {
      return counted(new AlreadyEnrolled(before.get()));
    }
    changed();
    return counted(new Enrolled(stored));
  }

  /** Removes a photo; publishes the new version when there was one. */
  public boolean remove(String personId, String sha256) throws SQLException {
    boolean removed = store.remove(personId, sha256);
    if (removed) {
      changed();
    }
    return removed;
  }

  public List<EnrolmentPhoto> photos(String personId) throws SQLException {
    return store.ofPerson(personId);
  }

  public Optional<EnrolmentPhoto> photo(String sha256) throws SQLException {
    return store.find(sha256);
  }

  public Optional<byte[]> jpeg(String sha256) throws SQLException {
    return store.jpeg(sha256);
  }

  public boolean knows(String personId) {
    return reference.keyPerson(personId).isPresent();
  }

  private void changed() throws SQLException {
    current = refreshManifest();
    onChange.run();
  }

  /** The manifest of the content now; a new version when the content differs from the last. */
  private synchronized WatchlistManifest refreshManifest() throws SQLException {
    List<WatchlistManifest.Person> persons = new ArrayList<>();
    for (Map.Entry<String, List<EnrolmentPhoto>> e : store.all().entrySet()) {
      Optional<KeyPerson> p = reference.keyPerson(e.getKey());
      if (p.isEmpty()) {
        continue; // dropped from the key-person file since; the photos stay until deleted
      }
      String level = p.get().riskLevel().label();
      persons.add(
          new WatchlistManifest.Person(
              e.getKey(),
              level,
              config.thresholds().get(level),
              e.getValue().stream().map(EnrolmentPhoto::sha256).toList()));
    }
    String digest = sha256(describe(persons).getBytes(StandardCharsets.UTF_8));
    EnrolmentStore.Version last = store.latestVersion();
    if (!last.digest().equals(digest)) {
      last = new EnrolmentStore.Version(last.version() + 1, digest, clock.instant());
      store.addVersion(last);
      log.info("watchlist version {}: {} persons", last.version(), persons.size());
    }
    return new WatchlistManifest(last.version(), last.createdAt(), persons);
  }

  private static String describe(List<WatchlistManifest.Person> persons) {
    StringBuilder b = new StringBuilder();
    for (WatchlistManifest.Person p : persons) {
      b.append(p.personId())
          .append('|')
          .append(p.riskLevel())
          .append('|')
          .append(p.threshold())
          .append('|')
          .append(String.join(",", p.photos()))
          .append('\n');
    }
    return b.toString();
  }

  private Enrolment counted(Enrolment e) {
    String result =
        switch (e.getClass().getSimpleName()) {
          case "Enrolled" -> "enrolled";
          case "AlreadyEnrolled" -> "duplicate";
          case "UnknownPerson" -> "unknown-person";
          default -> "refused";
        };
    enrolments
        .computeIfAbsent(
            result,
            r ->
                Counter.builder("sharpeyes.ingest.enrolments")
                    .description("Enrolment photos offered, by result")
                    .tag("result", r)
                    .register(meters))
        .increment();
    return e;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
