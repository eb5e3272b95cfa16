package org.sharpeyes.schema.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sharpeyes.schema.topic.Topics;

/**
 * Writes and reads {@link WatchlistManifest}s. Reading never throws: a manifest that is not JSON,
 * too large, or breaks a rule is refused with the reason, so that the edge keeps its current
 * watchlist and says why.
 */
public final class WatchlistManifestCodec {

  /** Largest manifest read: about 100 000 persons with one photo each. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  public static final int MAX_PERSONS = 100_000;
  public static final int MAX_PHOTOS_PER_PERSON = 10;
  public static final Set<String> RISK_LEVELS = Set.of("red", "orange", "yellow");
  private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** What reading a manifest gave. */
  public sealed interface Result {}

  public record Read(WatchlistManifest manifest) implements Result {}

  public record Refused(String reason) implements Result {}

  private final ObjectMapper mapper =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(8)
                          .maxStringLength(1024)
                          .build())
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  public byte[] encode(WatchlistManifest manifest) {
    try {
      return mapper.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the watchlist manifest", e);
    }
  }

  public Result decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return new Refused("empty manifest");
    }
    if (bytes.length > MAX_BYTES) {
      return new Refused(
          "manifest of " + bytes.length + " bytes is larger than " + MAX_BYTES + " bytes");
    }
    WatchlistManifest m;
    try {
      m = mapper.readValue(bytes, WatchlistManifest.class);
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Refused("not a watchlist manifest: " + why.lines().findFirst().orElse(why));
    }
    String problem = check(m);
    return problem == null ? new Read(m) : new Refused(problem);
  }

  private static String check(WatchlistManifest m) {
    if (m == null || m.persons() == null) {
      return "persons: missing";
    }
    if (m.version() < 0) {
      return "version: " + m.version() + " is negative";
    }
    if (m.persons().size() > MAX_PERSONS) {
      return "persons: " + m.persons().size() + " is more than " + MAX_PERSONS;
    }
    Set<String> seen = new HashSet<>();
    List<WatchlistManifest.Person> persons = m.persons();
    for (int i = 0; i < persons.size(); i++) {
      String at = "persons[" + i + "]";
      WatchlistManifest.Person p = persons.get(i);
      if (p == null) {
        return at + ": null";
      }
      if (p.personId() == null || !PERSON_ID.matcher(p.personId()).matches()) {
        return at + ".personId: '" + p.personId() + "' — expected 1..64 of A-Z a-z 0-9 . _ -";
      }
      if (!seen.add(p.personId())) {
        return at + ".personId: " + p.personId() + " appears twice";
      }
      if (p.riskLevel() == null || !RISK_LEVELS.contains(p.riskLevel())) {
        return at + ".riskLevel: '" + p.riskLevel() + "' — expected red, orange or yellow";
      }
      if (p.threshold() != null && !(p.threshold() >= 0 && p.threshold() <= 1)) {
        return at + ".threshold: " + p.threshold() + " is not within 0..1";
      }
      if (p.photos().size() > MAX_PHOTOS_PER_PERSON) {
        return at + ".photos: " + p.photos().size() + " is more than " + MAX_PHOTOS_PER_PERSON;
      }
      for (int k = 0; k < p.photos().size(); k++) {
        String sha = p.photos().get(k);
        if (sha == null || !Topics.SHA256.matcher(sha).matches()) {
          return at + ".photos[" + k + "]: '" + sha + "' is not a lower-case SHA-256 digest";
        }
      }
    }
    return null;
  }
}
