package org.sharpeyes.edge.watchlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.vision.embedding.FaceEmbedders;

/**
 * The model groups of an edge's cameras: one per embedder model id in use (the fallback's when the
 * model file is missing), as the first camera of it has it.
 */
public final class ModelGroups {

  private ModelGroups() {}

  /** Empty when the edge has no camera, and then it needs no watchlist. */
  public static List<ModelGroup> of(List<DeviceConfig> devices) {
    Set<String> seen = new LinkedHashSet<>();
    List<ModelGroup> groups = new ArrayList<>();
    for (DeviceConfig d : devices) {
      if (d.settings() instanceof CameraAdapterConfig camera) {
        CameraAdapterConfig.Faces f = camera.faces();
        String modelId = FaceEmbedders.modelId(f.embedderModel(), f.embedderModelId());
        if (seen.add(modelId)) {
          groups.add(new ModelGroup(modelId, f.detectorModel(), f.minScore(), f.embedderModel()));
        }
      }
    }
    return groups;
  }
}
