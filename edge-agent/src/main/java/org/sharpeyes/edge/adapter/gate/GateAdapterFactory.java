package org.sharpeyes.edge.adapter.gate;

import java.util.SplittableRandom;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;

/**
 * Devices of kind {@code gate} (OPC UA access controllers): reads their {@code gate} section and
 * its device profile, and creates {@link GateAdapter}s, whose credentials come from the context's
 * environment and whose connection attempts run on its blocking executor.
 */
public final class GateAdapterFactory implements AdapterFactory {

  @Override
  public DeviceKind kind() {
    return DeviceKind.GATE;
  }

  @Override
  public String sectionHint() {
    return "a gate needs gate: { endpoint: "
        + GateSectionReader.EXAMPLE_URL
        + ", profile: sharpeyes-gate-sim }";
  }

  @Override
  public AdapterSettings readSettings(ConfigTree section) {
    return GateSectionReader.read(section);
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof GateAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no gate settings");
    }
    return new GateAdapter(device, config, context, new SplittableRandom());
  }
}
