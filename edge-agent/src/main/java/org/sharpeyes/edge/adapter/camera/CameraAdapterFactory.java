package org.sharpeyes.edge.adapter.camera;

import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.vision.embedding.FaceEmbedders;

/**
 * Devices of kind {@code camera}: reads their {@code camera} section and creates {@link
 * CameraAdapter}s, each matching faces against the context's watchlist of its embedder's model.
 */
public final class CameraAdapterFactory implements AdapterFactory {

  @Override
  public DeviceKind kind() {
    return DeviceKind.CAMERA;
  }

  @Override
  public String sectionHint() {
    return "a camera needs camera: { source: rtsp://… }";
  }

  @Override
  public AdapterSettings readSettings(ConfigTree section) {
    return CameraSectionReader.read(section);
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof CameraAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no camera settings");
    }
    CameraAdapterConfig.Faces faces = config.faces();
    return new CameraAdapter(
        device,
        config,
        context,
        context
            .faceWatchlist()
            .matcher(
                FaceEmbedders.modelId(faces.embedderModel(), faces.embedderModelId()),
                FaceEmbedders.thresholds(faces.embedderModel(), faces.thresholds())));
  }
}
