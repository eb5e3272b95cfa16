package org.sharpeyes.edge.adapter.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterLifecycle;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.MatchConfirmer;

/**
 * A camera: its stream is read and analysed by one task on the context's blocking executor (never
 * an event loop), and what the analysis finds becomes {@code face.matched} and {@code
 * face.captured} events with the aligned crop as their snapshot.
 *
 * <p>{@link #start()} loads the face models on the blocking executor and completes once they are
 * loaded and the stream's task is running. The camera is reached by us, so a camera that is offline
 * is not a start failure: the stream keeps reopening it. A model file that is there but cannot be
 * loaded is, in words that name the file; a missing one means the fallback (Haar cascade, LBPH),
 * with a warning. {@link #stop()} ends the stream's task (within the watchdog time) and only then
 * closes the models.
 */
public final class CameraAdapter implements DeviceAdapter {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** How often the measured analysis rate is published as the status detail {@code fps}. */
  static final Duration FPS_WINDOW = Duration.ofSeconds(5);

  private final DeviceConfig device;
  private final CameraAdapterConfig config;
  private final AdapterContext context;
  private final Supplier<FaceMatcher> watchlist;
  private final AdapterLifecycle lifecycle;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final EventOffers offers;
  private final CameraCounters counters = new CameraCounters();
  private final FaceEventMapper mapper;
  private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
  private CameraModels models; // guarded by this; closed once the stream's task has ended
  private volatile CameraStream stream;
  private CompletableFuture<Void> streaming; // guarded by this; completes when the task ends
  private ScheduledFuture<?> fpsTimer; // guarded by this
  private long fpsAnalysed; // on the scheduler only (set before its timer starts)
  private Instant fpsSince; // on the scheduler only (set before its timer starts)

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
    this.lifecycle = new AdapterLifecycle(device, context);
    this.status = lifecycle.status();
    this.faults = lifecycle.faults();
    this.offers = context.offers(status, faults, "camera");
    this.mapper = new FaceEventMapper(context.edgeId(), device.id(), context.eventIds());
    CameraMetrics.register(context.meters(), device.id(), counters, this::lastFrameAge);
  }

  @Override
  public DeviceConfig device() {
    return device;
  }

  @Override
  public synchronized CompletableFuture<Void> start() {
    lifecycle.starting();
    status.endpoint(SourceErrors.safe(config.source()));
    CompletableFuture<Void> run;
    try {
      run =
          CompletableFuture.supplyAsync(() -> CameraModels.load(config), context.blocking())
              .thenAccept(this::run);
    } catch (RejectedExecutionException e) {
      run = CompletableFuture.failedFuture(new IllegalStateException("the agent is stopping", e));
    }
    starting =
        run.handle(
            (v, failure) -> {
              if (failure != null) {
                throw new CompletionException(lifecycle.startFailed(failure));
              }
              return null;
            });
    return starting;
  }

  /** On the blocking executor, with the models loaded: starts the stream's task. */
  private synchronized void run(CameraModels loaded) {
    if (lifecycle.isStopping()) {
      loaded.close(); // stopped while loading: nothing to run
      return;
    }
    CameraAdapterConfig.Faces faces = config.faces();
    FaceAnalysis analysis =
        new FaceAnalysis(
            loaded.motion(),
            faces.confirmWithin(),
            loaded.detector(),
            loaded.embedder(),
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
    CameraStream s =
        new CameraStream(
            new CameraStream.Settings(
                config.source(),
                config.loop(),
                config.analysisFps(),
                config.analysisWidth(),
                config.watchdog()),
            new Backoff(config.reconnect(), new SplittableRandom(), context.clock()),
            context.clock(),
            analysis,
            new StreamEvents(),
            counters);
    models = loaded;
    try {
      streaming = CompletableFuture.runAsync(s, context.blocking());
    } catch (RejectedExecutionException e) {
      closeModels();
      throw new IllegalStateException("the agent is stopping", e);
    }
    streaming.whenComplete(
        (v, e) -> {
          if (e != null && !lifecycle.isStopping()) {
            faults.report(FaultKind.INTERNAL, "the camera's stream ended: " + e.getMessage(), e);
          }
        });
    stream = s;
    status.connection(ConnectionState.CONNECTING);
    long window = FPS_WINDOW.toMillis();
    fpsSince = context.clock().instant(); // before the timer starts: it reads these first
    fpsTimer =
        context
            .scheduler()
            .scheduleAtFixedRate(this::measureFps, window, window, TimeUnit.MILLISECONDS);
    lifecycle.started();
  }

  /**
   * On the scheduler: publishes the frames analysed per second over the last window as the status
   * detail {@code fps} (what the health monitor compares with {@code analysisFps}); none while the
   * stream is not delivering.
   */
  private void measureFps() {
    CameraStream s = stream;
    Instant now = context.clock().instant();
    long analysed = counters.analysed();
    if (s == null || s.state() != ConnectionState.CONNECTED) {
      status.detail("fps", null);
    } else if (fpsSince != null && now.isAfter(fpsSince)) {
      double seconds = Duration.between(fpsSince, now).toMillis() / 1000.0;
      double fps = (analysed - fpsAnalysed) / seconds;
      status.detail("fps", String.format(java.util.Locale.ROOT, "%.1f", fps));
    }
    fpsAnalysed = analysed;
    fpsSince = now;
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (!lifecycle.stopping()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> start;
    synchronized (this) {
      start = starting;
    }
    // A start still loading models finishes first; run() then sees the stop and closes them.
    return start
        .handle((v, e) -> null)
        .thenCompose(v -> endStream())
        .whenComplete((v, e) -> lifecycle.stopped());
  }

  private CompletableFuture<Void> endStream() {
    CameraStream s = stream;
    CompletableFuture<Void> ended;
    synchronized (this) {
      ended = streaming;
      if (fpsTimer != null) {
        fpsTimer.cancel(false);
      }
    }
    if (s == null || ended == null) {
      return CompletableFuture.completedFuture(null);
    }
    s.stop();
    return ended
        .handle((v, e) -> true)
        .completeOnTimeout(
            false, config.watchdog().plus(STOP_GRACE).toMillis(), TimeUnit.MILLISECONDS)
        .thenAccept(
            over -> {
              if (over) {
                closeModels(); // only once the stream's task no longer uses them
              }
            });
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
    CameraStream s = stream;
    Instant last = s == null ? null : s.lastFrameAt();
    return last == null
        ? Double.NaN
        : Duration.between(last, context.clock().instant()).toMillis() / 1000.0;
  }

  private synchronized void closeModels() {
    if (models != null) {
      models.close();
      models = null;
    }
  }

  private final class Findings implements FaceAnalysis.Findings {
    @Override
    public void matched(MatchConfirmer.Confirmed who, String modelId, byte[] cropJpeg, Instant at) {
      offers.offer(mapper.matched(who, modelId, cropJpeg, at), cropJpeg);
    }

    @Override
    public void captured(FaceBox face, byte[] cropJpeg, Instant at) {
      offers.offer(mapper.captured(face, cropJpeg, at), cropJpeg);
    }
  }

  private final class StreamEvents implements CameraStream.Listener {
    @Override
    public void connected(String source) {
      status.contact(context.clock().instant());
    }

    @Override
    public void failed(String why) {
      faults.report(FaultKind.DEVICE_UNREACHABLE, why, null);
    }
  }
}
