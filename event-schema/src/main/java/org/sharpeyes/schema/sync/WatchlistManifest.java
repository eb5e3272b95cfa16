package org.sharpeyes.schema.sync;

import java.time.Instant;
import java.util.List;

/**
 * Retained payload of {@code sharpeyes/v1/edge/{edgeId}/sync/watchlist}: who is on the watchlist,
 * at which risk level, and which enrolment photos to compute templates from. Photos are named by
 * their SHA-256 and published once each at {@code sharpeyes/v1/watchlist/photos/{sha256}}, so an
 * edge fetches only the photos it has no template for, and each edge computes templates with its
 * own model. Read and write it with {@link WatchlistManifestCodec}.
 *
 * @param version grows by one with every change of the content; an edge ignores a version lower
 *     than the one it holds
 * @param publishedAt when the server published this version
 * @param persons sorted by person id
 */
public record WatchlistManifest(long version, Instant publishedAt, List<Person> persons) {

  public WatchlistManifest {
    persons = List.copyOf(persons);
  }

  /**
   * One watchlisted person.
   *
   * @param personId the key person's id (e.g. {@code KP0001})
   * @param riskLevel {@code red}, {@code orange} or {@code yellow}; the edge's threshold for the
   *     level applies
   * @param threshold the command centre's lowest similarity for this level, or {@code null}; the
   *     edge uses the higher of it and its own threshold
   * @param photos SHA-256 digests (lower-case hex) of the person's enrolment photos
   */
  public record Person(String personId, String riskLevel, Double threshold, List<String> photos) {
    public Person {
      photos = List.copyOf(photos);
    }
  }

  /** Every photo digest of the manifest, in order, without repeats. */
  public List<String> photoDigests() {
    return persons.stream().flatMap(p -> p.photos().stream()).distinct().toList();
  }
}
