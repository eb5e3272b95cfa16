package org.sharpeyes.it.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.camera.CameraAdapter;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * The camera path's end-to-end figures, side by side in one run on the same 720p H.264 files (see
 * docs/performance.md, "Camera path"): decode frames per second on one core, JavaCV against
 * Debian's {@code ffmpeg -threads 1 -benchmark}; the share of detector calls the motion gate saves
 * on a mostly static street; and how many 720p cameras at 5 analysis fps one process sustains.
 *
 * <p>Run: {@code ./mvnw -B -q -pl integration-tests test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test "-Dexec.args=-Dorg.bytedeco.javacpp.cachedir=target/javacpp-cache -cp
 * %classpath org.sharpeyes.it.bench.CameraBench"} (needs deploy/fetch-models.sh --samples, and
 * ffmpeg for the comparison).
 */
public final class CameraBench {

  private static final int W = 1280;
  private static final int H = 720;
  private static final double FPS = 25;
  private static final Pattern BENCH = Pattern.compile("utime=([0-9.]+)s.*rtime=([0-9.]+)s");
  private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");
  private static final org.sharpeyes.vision.matching.FaceMatcher WATCHLIST = randomWatchlist(1000);

  private CameraBench() {}

  private static org.sharpeyes.vision.matching.FaceMatcher randomWatchlist(int size) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    List<org.sharpeyes.vision.matching.FaceTemplate> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      float[] v = new float[512];
      double norm = 0;
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) (r.nextDouble() - 0.5);
        norm += v[k] * v[k];
      }
      for (int k = 0; k < v.length; k++) {
        v[k] /= (float) Math.sqrt(norm);
      }
      list.add(new org.sharpeyes.vision.matching.FaceTemplate("p-" + i, 0.99, "fr-feature-512", v));
    }
    return new org.sharpeyes.vision.matching.FaceMatcher("fr-feature-512", 512, list);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("camera-bench");
    Path portrait = SamplePhotos.portraitFile(6, 1, dir.resolve("walker.jpg"));
    Path other = SamplePhotos.portraitFile(3, 0, dir.resolve("other.jpg"));
    Path quiet = quietStreet(dir.resolve("quiet-street-720p.ts"), portrait, 60);
    Path busy = busyStreet(dir.resolve("busy-street-720p.ts"), portrait, other, 30);
    System.out.printf(
        "files: %s (%d kB), %s (%d kB)%n",
        quiet, Files.size(quiet) / 1024, busy, Files.size(busy) / 1024);

    System.out.println("\n== decode, one thread, 1280x720 H.264 (" + busy.getFileName() + ")");
    for (int round = 1; round <= 3; round++) {
      double yuv = javacv(busy, false);
      double bgr = javacv(busy, true);
      String ff = ffmpeg(busy);
      System.out.printf(
          "round %d: JavaCV decode %.0f fps | JavaCV decode+BGR Mat %.0f fps | %s%n",
          round, yuv, bgr, ff);
    }

    System.out.println(
        "\n== motion gate on a quiet street (a person in view 12 s of 60), 5 analysis fps");
    motionGate(quiet);

    System.out.println(
        "\n== cameras per process: busy street (traffic always moving, so a detector call every analysed frame), 25 fps source, 5 analysis fps");
    int cores = Runtime.getRuntime().availableProcessors();
    for (int n : new int[] {1, 2, 4, 8, 12, 16, 20, 24, 32}) {
      boolean kept = cameras(busy, n, cores);
      if (!kept) {
        break;
      }
    }
  }

  /** A still street with parked traffic; one person crosses at 5–11 s and 35–41 s. */
  private static Path quietStreet(Path file, Path portrait, int seconds) throws Exception {
    try (Scene street = new Scene(W, H, List.of(), 3);
        Mat background = new Mat();
        Mat frame = new Mat();
        Mat person = imread(portrait.toString());
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        FFmpegFrameRecorder recorder = recorder(file)) {
      street.render(Duration.ofSeconds(7), background);
      int h = H / 2;
      int w = person.cols() * h / person.rows();
      try (Mat scaled = new Mat()) {
        resize(person, scaled, new Size(w, h));
        for (int n = 0; n < seconds * FPS; n++) {
          double t = n / FPS;
          background.copyTo(frame);
          double within = t % 30 - 5;
          if (within >= 0 && within < 6) {
            int x = (int) (W * (0.1 + 0.5 * within / 6));
            try (Mat target = frame.apply(new Rect(x, H / 6, w, h))) {
              scaled.copyTo(target);
            }
          }
          recorder.record(converter.convert(frame));
        }
      }
      recorder.stop();
    }
    return file;
  }

  /**
   * The camera simulator's scene (drifting traffic, two people crossing in turn) with sensor noise
   * added, so that it costs to decode about what camera footage costs rather than a cartoon.
   */
  private static Path busyStreet(Path file, Path a, Path b, int seconds) throws Exception {
    try (Scene scene =
            new Scene(
                W,
                H,
                List.of(
                    new Walker(a, "a", Duration.ZERO, Duration.ofSeconds(15), 0.0, 0.6, 0.15, 0.5),
                    new Walker(
                        b,
                        "b",
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15),
                        0.7,
                        0.1,
                        0.2,
                        0.5)),
                5);
        Mat frame = new Mat();
        Mat noise = new Mat(H, W, opencv_core.CV_8SC3);
        Mat mean = new Mat(1, 1, opencv_core.CV_64F, new Scalar(0));
        Mat sigma = new Mat(1, 1, opencv_core.CV_64F, new Scalar(6));
        Mat noMask = new Mat();
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        FFmpegFrameRecorder recorder = recorder(file)) {
      for (int n = 0; n < seconds * FPS; n++) {
        scene.render(Scene.timeOfFrame(n, FPS, Duration.ofSeconds(seconds)), frame);
        opencv_core.randn(noise, mean, sigma);
        opencv_core.add(frame, noise, frame, noMask, frame.type());
        recorder.record(converter.convert(frame));
      }
      recorder.stop();
    }
    return file;
  }

  private static FFmpegFrameRecorder recorder(Path file) throws Exception {
    FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), W, H, 0);
    r.setFormat("mpegts");
    r.setVideoCodecName("libopenh264");
    r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    r.setFrameRate(FPS);
    r.setVideoBitrate(2_000_000);
    r.setGopSize(50);
    r.start();
    return r;
  }

  /** Frames per second decoding the whole file on one thread, to YUV or on to a BGR Mat. */
  private static double javacv(Path file, boolean toMat) throws Exception {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      g.setVideoOption("threads", "1");
      if (!toMat) {
        g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P); // the decoder's own format: no conversion
      }
      g.start();
      long frames = 0;
      long start = System.nanoTime();
      Frame f;
      while ((f = g.grabImage()) != null) {
        if (toMat) {
          Mat m = converter.convert(f);
          if (m.cols() != W) {
            throw new IllegalStateException("frame of " + m.cols());
          }
        }
        frames++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      g.stop();
      return frames / seconds;
    }
  }

  /** {@code ffmpeg -threads 1 -benchmark -i FILE -f null -}: fps by CPU time and by wall time. */
  private static String ffmpeg(Path file) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "ffmpeg",
                  "-hide_banner",
                  "-threads",
                  "1",
                  "-benchmark",
                  "-i",
                  file.toString(),
                  "-f",
                  "null",
                  "-")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return "ffmpeg not installed (apt-get install ffmpeg)";
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher b = BENCH.matcher(out);
    Matcher f = FRAMES.matcher(out);
    long frames = -1;
    while (f.find()) {
      frames = Long.parseLong(f.group(1));
    }
    if (!b.find() || frames < 0) {
      return "ffmpeg output not understood: " + out.lines().reduce((x, y) -> y).orElse("");
    }
    double utime = Double.parseDouble(b.group(1));
    double rtime = Double.parseDouble(b.group(2));
    return String.format(
        "ffmpeg -threads 1: %.0f fps (CPU time), %.0f fps (wall)", frames / utime, frames / rtime);
  }

  private static void motionGate(Path file) throws Exception {
    Rig rig = new Rig();
    try {
      CameraAdapter camera = rig.camera("43070200001310000001", file, false);
      camera.start().get(30, TimeUnit.SECONDS);
      while (!"end of file".equals(camera.status().lastError())) {
        TimeUnit.MILLISECONDS.sleep(500); // a benchmark harness, not a test: polls a 60 s file
      }
      var c = camera.counters();
      System.out.printf(
          "analysed %d, still (no detector call) %d, detector calls %d: the gate saved %.0f %% of detector calls%n",
          c.analysed(), c.stillFrames(), c.detectorCalls(), 100.0 * c.stillFrames() / c.analysed());
      camera.stop().get(30, TimeUnit.SECONDS);
    } finally {
      rig.close();
    }
  }

  /** N cameras on the looping file for 30 s after 10 s warm-up; whether every one kept up. */
  private static boolean cameras(Path file, int n, int cores) throws Exception {
    Rig rig = new Rig();
    List<CameraAdapter> cams = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        CameraAdapter c = rig.camera(String.format("430702000013100%05d", i + 1), file, true);
        c.start().get(30, TimeUnit.SECONDS);
        cams.add(c);
      }
      TimeUnit.SECONDS.sleep(10);
      long[] decoded = new long[n];
      long[] analysed = new long[n];
      long[] detector = new long[n];
      for (int i = 0; i < n; i++) {
        decoded[i] = cams.get(i).counters().decoded();
        analysed[i] = cams.get(i).counters().analysed();
        detector[i] = cams.get(i).counters().detectorCalls();
      }
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      TimeUnit.SECONDS.sleep(30);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
      double minDecoded = Double.MAX_VALUE;
      double minAnalysed = Double.MAX_VALUE;
      double detectorRate = 0;
      for (int i = 0; i < n; i++) {
        var c = cams.get(i).counters();
        minDecoded = Math.min(minDecoded, (c.decoded() - decoded[i]) / wall);
        minAnalysed = Math.min(minAnalysed, (c.analysed() - analysed[i]) / wall);
        detectorRate += (c.detectorCalls() - detector[i]) / wall;
      }
      boolean kept = minDecoded >= 0.95 * FPS && minAnalysed >= 0.95 * 5;
      System.out.printf(
          "%2d cameras: slowest decodes %.1f fps and analyses %.1f fps, %.0f detector calls/s in all, CPU %.2f of %d cores -> %s%n",
          n, minDecoded, minAnalysed, detectorRate, cpu, cores, kept ? "kept up" : "FELL BEHIND");
      return kept;
    } finally {
      for (CameraAdapter c : cams) {
        c.stop().get(30, TimeUnit.SECONDS);
      }
      rig.close();
    }
  }

  /** What the adapters need around them, with a sink that keeps nothing. */
  private static final class Rig implements AutoCloseable {
    final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newCachedThreadPool();
    final AdapterContext context =
        AdapterContext.builder(
                "edge-bench",
                (event, jpeg) -> CompletableFuture.completedFuture(new SinkResult.Accepted(0)))
            .eventIds(EventIds.system())
            .meters(new SimpleMeterRegistry())
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .build();

    /** A camera on {@code file}; its watchlist of 1000 makes every face found cost an embedding. */
    CameraAdapter camera(String id, Path file, boolean loop) {
      Path models = SamplePhotos.dir();
      CameraAdapterConfig config =
          new CameraAdapterConfig(
              file.toString(),
              loop,
              5,
              0,
              Duration.ofSeconds(10),
              new Backoff.Bounds(Duration.ofMillis(100), Duration.ofSeconds(1)),
              CameraAdapterConfig.Motion.DEFAULTS,
              new CameraAdapterConfig.Faces(
                  models.resolve("blazeface-short-range.tflite"),
                  0.5,
                  models.resolve("fr-feature-512.onnx"),
                  "fr-feature-512",
                  Map.of("red", 0.55, "orange", 0.6, "yellow", 0.65),
                  3,
                  5,
                  Duration.ofSeconds(2),
                  Duration.ofMinutes(1),
                  6));
      return new CameraAdapter(
          new DeviceConfig(id, "bench", null, config), config, context, () -> WATCHLIST);
    }

    @Override
    public void close() {
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      scheduler.shutdownNow();
      blocking.shutdownNow();
    }
  }
}
