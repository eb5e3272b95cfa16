package org.sharpeyes.edge.watchlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;

/** The model groups of an edge's cameras: one per embedder model id, as the first camera has it. */
public final class ModelGroups {

  private ModelGroups() {}

  /** Empty when the edge has no camera, and then it needs no watchlist. */
  public static List<ModelGroup> of(List<DeviceConfig> devices) {
    Set<String> seen = new LinkedHashSet<>();
    List<ModelGroup> groups = new ArrayList<>();
    for (DeviceConfig d : devices) {
      if (d.settings() instanceof CameraAdapterConfig camera
          && seen.add(camera.faces().embedderModelId())) {
        CameraAdapterConfig.Faces f = camera.faces();
        groups.add(
            new ModelGroup(
                f.embedderModelId(), f.detectorModel(), f.minScore(), f.embedderModel()));
      }
    }
    return groups;
  }
}
