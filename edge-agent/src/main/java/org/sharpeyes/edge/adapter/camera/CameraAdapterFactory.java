package org.sharpeyes.edge.adapter.camera;

import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.face.FaceMatcher;

/** Creates {@link CameraAdapter}s for devices of kind {@code camera}. */
public final class CameraAdapterFactory implements AdapterFactory {

  private final Supplier<FaceMatcher> watchlist;

  /**
   * @param watchlist the edge's current watchlist matcher, shared by its cameras
   */
  public CameraAdapterFactory(Supplier<FaceMatcher> watchlist) {
    this.watchlist = watchlist;
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
    return new CameraAdapter(device, config, context, watchlist);
  }
}
