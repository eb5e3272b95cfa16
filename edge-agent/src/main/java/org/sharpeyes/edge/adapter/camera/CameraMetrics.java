package org.sharpeyes.edge.adapter.camera;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/** The per-camera meters (tag {@code camera}: the device id); see {@code docs/metrics.md}. */
final class CameraMetrics {

  private CameraMetrics() {}

  static void register(
      MeterRegistry meters, String camera, CameraCounters c, DoubleSupplier lastFrameAgeSeconds) {
    counter(
        meters,
        camera,
        c,
        "sharpeyes.edge.camera.frames",
        "decoded",
        CameraCounters::decoded,
        "frames read from the source");
    counter(
        meters,
        camera,
        c,
        "sharpeyes.edge.camera.frames",
        "skipped",
        CameraCounters::skipped,
        "frames dropped above the analysis rate, before conversion");
    counter(
        meters,
        camera,
        c,
        "sharpeyes.edge.camera.frames",
        "analysed",
        CameraCounters::analysed,
        "frames handed to the analysis");
    counter(
        meters,
        camera,
        c,
        "sharpeyes.edge.camera.frames",
        "still",
        CameraCounters::stillFrames,
        "analysed frames the motion gate kept from the detector");
    FunctionCounter.builder("sharpeyes.edge.camera.decode.errors", c, CameraCounters::decodeErrors)
        .description("frames the decoder could not read")
        .tag("camera", camera)
        .register(meters);
    FunctionCounter.builder("sharpeyes.edge.camera.reconnects", c, CameraCounters::reconnects)
        .description("times the source was reopened")
        .tag("camera", camera)
        .register(meters);
    FunctionCounter.builder(
            "sharpeyes.edge.camera.detector.calls", c, CameraCounters::detectorCalls)
        .description("face detector calls")
        .tag("camera", camera)
        .register(meters);
    FunctionCounter.builder(
            "sharpeyes.edge.camera.detector.seconds", c, x -> x.detectorNanos() / 1e9)
        .description("time spent in the face detector")
        .tag("camera", camera)
        .register(meters);
    Gauge.builder(
            "sharpeyes.edge.camera.last.frame.age.seconds",
            lastFrameAgeSeconds,
            DoubleSupplier::getAsDouble)
        .description("seconds since the last frame was read (NaN before the first)")
        .tag("camera", camera)
        .register(meters);
  }

  private static void counter(
      MeterRegistry meters,
      String camera,
      CameraCounters c,
      String name,
      String outcome,
      ToDoubleFunction<CameraCounters> f,
      String description) {
    FunctionCounter.builder(name, c, f)
        .description(description)
        .tag("camera", camera)
        .tag("outcome", outcome)
        .register(meters);
  }
}
