package org.sharpeyes.edge.adapter.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.detection.FaceDetectors;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.FaceEmbedders;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.MatchConfirmer;

/**
 * A camera: its stream is read and analysed on one thread of its own (never an event loop), and
 * what the analysis finds becomes {@code face.matched} and {@code face.captured} events with the
 * aligned crop as their snapshot. The camera is reached by us, so a camera that is offline is not a
 * start failure: the stream keeps reopening it. A model file that is there but cannot be loaded is;
 * a missing one means the fallback (Haar cascade, LBPH), with a warning.
 */
public final class CameraAdapter implements DeviceAdapter {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final DeviceConfig device;
  private final CameraAdapterConfig config;
  private final AdapterContext context;
  private final Supplier<FaceMatcher> watchlist;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final CameraCounters counters = new CameraCounters();
  private final FaceEventMapper mapper;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private FaceDetector detector;
  private FaceEmbedder embedder;
  private MotionGate gate;
  private CameraStream stream;
  private Thread thread;

  /**
   * @param watchlist the current watchlist matcher; {@code null} or empty while there is none
   */
  public CameraAdapter(
      DeviceConfig device,
      CameraAdapterConfig config,
      AdapterContext context,
      Supplier<FaceMatcher> watchlist) {
    this.device = device;
    this.config = config;
    this.context = context;
    this.watchlist = watchlist;
    this.status = new AdapterStatusTracker(device);
    this.faults = new AdapterFaults(device, status, context.meters(), context.clock());
    this.mapper = new FaceEventMapper(context.edgeId(), device.id(), context.eventIds());
    CameraMetrics.register(context.meters(), device.id(), counters, this::lastFrameAge);
  }

  @Override
  public DeviceConfig device() {
    return device;
  }

  @Override
  public CompletableFuture<Void> start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("adapter for " + device.label() + " already started");
    }
    status.runtime(RuntimeState.STARTING);
    CameraAdapterConfig.Faces faces = config.faces();
    try {
      detector = FaceDetectors.open(faces.detectorModel(), faces.minScore(), 0.05);
      embedder = FaceEmbedders.open(faces.embedderModel(), faces.embedderModelId());
    } catch (RuntimeException e) {
      closeModels();
      faults.report(FaultKind.START_FAILED, e.getMessage(), e);
      status.runtime(RuntimeState.STOPPED);
      return CompletableFuture.failedFuture(e);
    }
    CameraAdapterConfig.Motion motion = config.motion();
    gate =
        motion == null
            ? null
            : new MotionGate(motion.width(), motion.threshold(), motion.minArea());
    FaceAnalysis analysis =
        new FaceAnalysis(
            gate,
            faces.confirmWithin(),
            detector,
            embedder,
            watchlist,
            new MatchConfirmer(
                faces.confirmFrames(),
                faces.confirmOf(),
                faces.confirmWithin(),
                faces.cooldown(),
                10_000),
            faces.capturedPerMinute(),
            new Findings(),
            counters);
    stream =
        new CameraStream(
            new CameraStream.Settings(
                config.source(),
                config.loop(),
                config.analysisFps(),
                config.analysisWidth(),
                config.watchdog()),
            new Backoff(config.reconnect(), new java.util.SplittableRandom(), context.clock()),
            context.clock(),
            analysis,
            new StreamEvents(),
            counters);
    status.endpoint(SourceErrors.safe(config.source()));
    status.connection(ConnectionState.CONNECTING);
    thread = new Thread(stream, "camera-" + device.id());
    thread.setDaemon(true);
    thread.start();
    status.runtime(RuntimeState.STARTED);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    status.runtime(RuntimeState.STOPPING);
    // Waiting for the stream thread blocks (up to the watchdog): not on a shared pool.
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread stopper =
        new Thread(
            () -> {
              if (stream != null) {
                stream.stop();
                try {
                  thread.join(config.watchdog().plus(STOP_GRACE).toMillis());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              if (thread == null || !thread.isAlive()) {
                closeModels(); // only once the stream thread no longer uses them
              }
              status.runtime(RuntimeState.STOPPED);
              done.complete(null);
            },
            "camera-stop-" + device.id());
    stopper.setDaemon(true);
    stopper.start();
    return done;
  }

  @Override
  public AdapterStatus status() {
    return status.snapshot();
  }

  /** What the stream and the analysis did so far. */
  public CameraCounters counters() {
    return counters;
  }

  private double lastFrameAge() {
    Instant last = stream == null ? null : stream.lastFrameAt();
    return last == null
        ? Double.NaN
        : Duration.between(last, context.clock().instant()).toMillis() / 1000.0;
  }

  private void closeModels() {
    if (detector != null) {
      detector.close();
    }
    if (embedder != null) {
      embedder.close();
    }
    if (gate != null) {
      gate.close();
    }
  }

  private void offer(EdgeEvent event, byte[] jpeg) {
    context
        .sink()
        .offer(event, jpeg)
        .whenComplete(
            (result, failure) -> {
              if (failure != null || result instanceof SinkResult.Refused) {
                String why =
                    failure != null
                        ? String.valueOf(failure.getMessage())
                        : ((SinkResult.Refused) result).reason();
                faults.report(
                    FaultKind.SINK_REFUSED, event.type().kind() + " not kept: " + why, failure);
              } else {
                status.eventAccepted(context.clock().instant());
              }
            });
  }

  private final class Findings implements FaceAnalysis.Findings {
    @Override
    public void matched(MatchConfirmer.Confirmed who, String modelId, byte[] cropJpeg, Instant at) {
      offer(mapper.matched(who, modelId, cropJpeg, at), cropJpeg);
    }

    @Override
    public void captured(org.sharpeyes.vision.detection.FaceBox face, byte[] cropJpeg, Instant at) {
      offer(mapper.captured(face, cropJpeg, at), cropJpeg);
    }
  }

  private final class StreamEvents implements CameraStream.Listener {
    @Override
    public void connected(String source) {
      status.contact();
    }

    @Override
    public void failed(String why) {
      faults.report(FaultKind.DEVICE_UNREACHABLE, why, null);
    }
  }
}
