package org.sharpeyes.edge.watchlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;

/**
 * The watchlist the cameras match against: a manifest and the templates this edge computed for its
 * photos, by model. Immutable.
 *
 * @param templates model id → photo digest → template
 */
record AppliedWatchlist(
    WatchlistManifest manifest, Instant appliedAt, Map<String, Map<String, float[]>> templates) {

  static final AppliedWatchlist EMPTY =
      new AppliedWatchlist(new WatchlistManifest(0, Instant.EPOCH, List.of()), null, Map.of());

  long version() {
    return manifest.version();
  }

  int templateCount(String modelId) {
    return templates.getOrDefault(modelId, Map.of()).size();
  }

  /** Persons none of whose photos gave a template of {@code modelId}: cameras cannot name them. */
  List<String> personsWithoutTemplate(String modelId) {
    Map<String, float[]> byPhoto = templates.getOrDefault(modelId, Map.of());
    return manifest.persons().stream()
        .filter(p -> p.photos().stream().noneMatch(byPhoto::containsKey))
        .map(WatchlistManifest.Person::personId)
        .toList();
  }

  /**
   * A matcher over the templates of {@code modelId}. A person's threshold is the higher of the
   * camera's threshold for the person's risk level and the command centre's, if it gave one.
   *
   * @param thresholds by risk level; a level missing from it takes the highest given
   */
  FaceMatcher matcher(String modelId, Map<String, Double> thresholds) {
    double strictest =
        thresholds.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Map<String, float[]> byPhoto = templates.getOrDefault(modelId, Map.of());
    int dimension = byPhoto.values().stream().mapToInt(v -> v.length).findFirst().orElse(0);
    List<FaceTemplate> list = new ArrayList<>();
    for (WatchlistManifest.Person p : manifest.persons()) {
      double bar = thresholds.getOrDefault(p.riskLevel(), strictest);
      if (p.threshold() != null) {
        bar = Math.max(bar, p.threshold());
      }
      for (String photo : p.photos()) {
        float[] v = byPhoto.get(photo);
        if (v != null && v.length == dimension) {
          list.add(new FaceTemplate(p.personId(), bar, modelId, v));
        }
      }
    }
    return new FaceMatcher(modelId, dimension, list);
  }
}
