package org.sharpeyes.edge.adapter.camera;

import java.util.Map;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.vision.embedding.FaceEmbedders;
import org.sharpeyes.vision.matching.FaceMatcher;

/** Creates {@link CameraAdapter}s for devices of kind {@code camera}. */
public final class CameraAdapterFactory implements AdapterFactory {

  /** Where a camera gets its watchlist matcher from. */
  @FunctionalInterface
  public interface Watchlists {
    /**
     * The current matcher for templates of {@code modelId}, with the camera's thresholds by risk
     * level; it follows every new watchlist version.
     */
    Supplier<FaceMatcher> matcher(String modelId, Map<String, Double> thresholds);

    /** No watchlist: cameras report {@code face.captured} only. */
    Watchlists NONE = (modelId, thresholds) -> () -> null;
  }

  private final Watchlists watchlists;

  public CameraAdapterFactory(Watchlists watchlists) {
    this.watchlists = watchlists;
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.CAMERA;
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof CameraAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no camera settings");
    }
    return new CameraAdapter(
        device,
        config,
        context,
        watchlists.matcher(
            FaceEmbedders.modelId(config.faces().embedderModel(), config.faces().embedderModelId()),
            FaceEmbedders.thresholds(config.faces().embedderModel(), config.faces().thresholds())));
  }
}
