package org.sharpeyes.edge.watchlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.FaceModels;
import org.sharpeyes.vision.embedding.FaceEmbedders;

/**
 * The model groups of an edge's face-matching devices (cameras, GA/T 1400 listeners with face
 * analysis): one per embedder model id in use (the fallback's when the model file is missing), as
 * the first device of it has it.
 */
public final class ModelGroups {

  private ModelGroups() {}

  /** Empty when no device of the edge matches faces, and then it needs no watchlist. */
  public static List<ModelGroup> of(List<DeviceConfig> devices) {
    Set<String> seen = new LinkedHashSet<>();
    List<ModelGroup> groups = new ArrayList<>();
    for (DeviceConfig d : devices) {
      for (FaceModels f : d.settings().faceModels().stream().toList()) {
        String modelId = FaceEmbedders.modelId(f.embedderModel(), f.embedderModelId());
        if (seen.add(modelId)) {
          groups.add(new ModelGroup(modelId, f.detectorModel(), f.minScore(), f.embedderModel()));
        }
      }
    }
    return groups;
  }
}
