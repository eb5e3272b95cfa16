package org.sharpeyes.edge.adapter.plate;

import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;

/** Creates {@link PlateReaderAdapter}s for devices of kind {@code plate-reader}. */
public final class PlateReaderAdapterFactory implements AdapterFactory {

  @Override
  public DeviceKind kind() {
    return DeviceKind.PLATE_READER;
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof PlateReaderAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no plateHttp settings");
    }
    return new PlateReaderAdapter(device, config, context);
  }
}
