package org.sharpeyes.edge.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.edge.testing.RecordingSink;

class AdapterLifecycleTest {

  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeviceConfig device =
      new DeviceConfig("43070200001320000101", "火车站卡口", null, new NoSettings());
  private final AdapterLifecycle lifecycle =
      new AdapterLifecycle(
          device,
          AdapterContext.builder("edge-1", new RecordingSink())
              .meters(meters)
              .io(io)
              .scheduler(scheduler)
              .blocking(blocking)
              .build());

  @AfterEach
  void stop() {
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  @Test
  void anAdapterStartsOnceAndASecondStartIsRefusedInWords() {
    lifecycle.starting();
    lifecycle.started();

    assertThat(lifecycle.status().snapshot().runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThatThrownBy(lifecycle::starting)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("adapter for 43070200001320000101 (火车站卡口) already started");
  }

  @Test
  void onlyTheFirstStopStopsAndWorkUnderWaySeesIt() {
    lifecycle.starting();
    lifecycle.started();

    assertThat(lifecycle.stopping()).isTrue();
    assertThat(lifecycle.isStopping()).isTrue();
    assertThat(lifecycle.status().snapshot().runtimeState()).isEqualTo(RuntimeState.STOPPING);
    assertThat(lifecycle.stopping()).isFalse();

    lifecycle.stopped();
    assertThat(lifecycle.status().snapshot().runtimeState()).isEqualTo(RuntimeState.STOPPED);
  }

  @Test
  void aFailedStartIsReportedOnceInTheWordsOfItsCauseAndLeavesTheAdapterStopped() {
    lifecycle.starting();

    IllegalStateException failure =
        lifecycle.startFailed(
            new CompletionException(new IllegalArgumentException("model file /m/x.onnx: empty")));

    assertThat(failure).hasMessage("model file /m/x.onnx: empty");
    AdapterStatus status = lifecycle.status().snapshot();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STOPPED);
    assertThat(status.lastError()).contains("model file /m/x.onnx: empty");
    assertThat(
            meters
                .find(EdgeMetrics.DEVICE_FAULTS)
                .tag("kind", FaultKind.START_FAILED.tag())
                .counter()
                .count())
        .isEqualTo(1);
  }

  private record NoSettings() implements AdapterSettings {
    @Override
    public DeviceKind kind() {
      return DeviceKind.PLATE_READER;
    }

    @Override
    public java.util.OptionalInt listenPort() {
      return java.util.OptionalInt.empty();
    }

    @Override
    public AdapterSettings withListenPort(int port) {
      return this;
    }
  }
}
