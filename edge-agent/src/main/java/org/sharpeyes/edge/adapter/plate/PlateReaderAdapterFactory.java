package org.sharpeyes.edge.adapter.plate;

import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;

/**
 * Devices of kind {@code plate-reader}: reads their {@code plateHttp} section and creates {@link
 * PlateReaderAdapter}s.
 */
public final class PlateReaderAdapterFactory implements AdapterFactory {

  @Override
  public DeviceKind kind() {
    return DeviceKind.PLATE_READER;
  }

  @Override
  public String sectionHint() {
    return "a plate reader needs plateHttp: { port: 8081 }";
  }

  @Override
  public AdapterSettings readSettings(ConfigTree section) {
    return PlateHttpSectionReader.read(section);
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof PlateReaderAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no plateHttp settings");
    }
    return new PlateReaderAdapter(device, config, context);
  }
}
