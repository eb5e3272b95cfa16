package org.sharpeyes.edge.adapter.viid;

import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;

/**
 * Devices of kind {@code viid}: reads their {@code viid} section and creates {@link ViidAdapter}s.
 */
public final class ViidAdapterFactory implements AdapterFactory {

  @Override
  public DeviceKind kind() {
    return DeviceKind.VIID;
  }

  @Override
  public String sectionHint() {
    return "a GA/T 1400 listener needs viid: { port: 8088, devices: [{ id: <20 digits>,"
        + " passwordEnv: SHARPEYES_VIID_PASSWORD_<id> }] }";
  }

  @Override
  public AdapterSettings readSettings(ConfigTree section) {
    return ViidSectionReader.read(section);
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof ViidAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no viid settings");
    }
    return new ViidAdapter(device, config, context);
  }
}
