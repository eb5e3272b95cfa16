package org.sharpeyes.edge.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.camera.CameraAdapterFactory;
import org.sharpeyes.edge.adapter.gate.GateAdapterFactory;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterFactory;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.testing.RecordingSink;

/** The one registry of device kinds: what it has, and how it refuses what it has not. */
class BuiltInAdaptersTest {

  static final String NOT_SUPPORTED =
      "'viid' is not supported yet — this version supports: plate-reader, camera, gate";

  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();

  @AfterEach
  void release() {
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  @Test
  void theAgentShipsOneAdapterForEachOfPlateReadersCamerasGatesAndGaT1400Devices() {
    assertThat(BuiltInAdapters.CATALOG.factories())
        .extracting(AdapterFactory::kind)
        .containsExactly(
            DeviceKind.PLATE_READER, DeviceKind.CAMERA, DeviceKind.GATE, DeviceKind.VIID);
  }

  /** Every kind has an adapter now; a catalog without one shows how a missing kind is refused. */
  private static final AdapterCatalog WITHOUT_VIID =
      AdapterCatalog.of(
          new PlateReaderAdapterFactory(), new CameraAdapterFactory(), new GateAdapterFactory());

  @Test
  void aCatalogRefusesAKindWithoutAnAdapterInTheWordsTheConfigHasAlwaysUsed() {
    assertThat(WITHOUT_VIID.factory(DeviceKind.VIID)).isEmpty();
    assertThat(WITHOUT_VIID.notSupported(DeviceKind.VIID)).isEqualTo(NOT_SUPPORTED);
  }

  @Test
  void aGaT1400DeviceWithoutItsViidSectionIsToldWhatToAdd() {
    String yaml =
        """
        edgeId: edge-1
        broker: { url: tcp://127.0.0.1:1883 }
        devices:
          - { id: "43070200001320000102", kind: viid }
        """;

    ConfigResult<EdgeAgentConfig> loaded = EdgeAgentConfigLoader.parse(yaml);

    assertThat(loaded.problems())
        .extracting(Object::toString)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("devices[0]")
        .contains("viid");
  }

  @Test
  void aDeviceOfAKindWithoutAnAdapterIsRefusedByTheRegistryNotCreated() {
    DeviceConfig viid = new DeviceConfig("43070200001320000102", "卡口平台", null, new ViidSettings());
    AdapterContext context =
        AdapterContext.builder("edge-1", new RecordingSink())
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .build();

    assertThatThrownBy(() -> WITHOUT_VIID.create(viid, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device 43070200001320000102 (卡口平台): no adapter for kind viid in this version");
  }

  /** What a GA/T 1400 device's settings would be, before its adapter exists. */
  private record ViidSettings() implements AdapterSettings {
    @Override
    public DeviceKind kind() {
      return DeviceKind.VIID;
    }

    @Override
    public OptionalInt listenPort() {
      return OptionalInt.empty();
    }

    @Override
    public AdapterSettings withListenPort(int port) {
      return this;
    }
  }
}
