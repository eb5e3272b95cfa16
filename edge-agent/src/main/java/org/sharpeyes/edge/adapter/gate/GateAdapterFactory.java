package org.sharpeyes.edge.adapter.gate;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;

/** Creates {@link GateAdapter}s for devices of kind {@code gate}. */
public final class GateAdapterFactory implements AdapterFactory {

  private final Map<String, String> environment;
  private final Executor blocking;

  /**
   * Adapters whose blocking connection work runs on Milo's shared executor (a cached pool, the one
   * Milo's own {@code …Async} methods block on).
   *
   * @param environment where credential variables ({@code usernameEnv}…) are looked up
   */
  public GateAdapterFactory(Map<String, String> environment) {
    this(environment, Stack.sharedExecutor());
  }

  /**
   * @param blocking runs connection attempts (connect, browse, subscribe), which wait on the
   *     network; never the adapters' scheduler
   */
  public GateAdapterFactory(Map<String, String> environment, Executor blocking) {
    this.environment = Map.copyOf(environment);
    this.blocking = blocking;
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.GATE;
  }

  @Override
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    if (!(device.settings() instanceof GateAdapterConfig config)) {
      throw new IllegalArgumentException("device " + device.label() + " has no gate settings");
    }
    return new GateAdapter(device, config, context, environment, blocking, new SplittableRandom());
  }
}
