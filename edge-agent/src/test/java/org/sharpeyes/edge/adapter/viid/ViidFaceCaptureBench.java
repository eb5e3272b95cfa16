package org.sharpeyes.edge.adapter.viid;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;
import org.sharpeyes.vision.model.ModelCache;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * One GA/T 1400 face capture through the edge's own analysis, on one thread: the camera's face
 * picture decoded, the face found (BlazeFace), aligned and embedded (the 512-d ONNX model), and
 * matched 1:N against a watchlist of {@code watchlistSize} templates (the person is on it, so the
 * confirmation runs too). Captures per second is 1000 / the score in ms. Needs {@code
 * deploy/fetch-models.sh --samples}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dorg.bytedeco.javacpp.cachedir=target/javacpp-cache"})
@Threads(1)
public class ViidFaceCaptureBench {

  static final String MODEL = "fr-feature-512";
  static final String CAMERA = "43070200001320000201";

  @Param({"1000", "10000"})
  int watchlistSize;

  private ViidFaceAnalysis analysis;
  private byte[] portrait;
  private int serial;

  @Setup(Level.Trial)
  public void load() throws Exception {
    portrait = SamplePhotos.portrait(6, 0);
    var models = SamplePhotos.dir();
    ViidFaceSettings settings =
        new ViidFaceSettings(
            models.resolve(ModelCache.BLAZE_FACE),
            0.5,
            models.resolve(ModelCache.EMBEDDING),
            MODEL,
            Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65),
            2,
            ViidFaceSettings.DEFAULT_CONFIRM_WITHIN,
            0.75,
            ViidFaceSettings.DEFAULT_COOLDOWN);
    ViidEventMapper mapper =
        new ViidEventMapper(
            "edge-bench", new EventIds(Clock.systemUTC(), new java.security.SecureRandom()));
    FaceMatcher[] holder = new FaceMatcher[1];
    analysis = ViidFaceAnalysis.load(settings, () -> holder[0], mapper, Runnable::run);
    holder[0] = watchlist(watchlistSize);
  }

  /** {@code size} random unit vectors, and the bench portrait's own template among them. */
  private FaceMatcher watchlist(int size) throws Exception {
    List<FaceTemplate> templates = new ArrayList<>(size);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 1; i < size; i++) {
      float[] v = new float[512];
      double norm = 0;
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < v.length; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      templates.add(new FaceTemplate("KP" + i, 0.55, MODEL, v));
    }
    templates.add(new FaceTemplate("KP0001", 0.55, MODEL, ViidFaceAnalysisTest.embed(portrait)));
    return new FaceMatcher(MODEL, 512, templates);
  }

  @Benchmark
  public Object oneCapture() {
    String id = CAMERA + "02" + "20261207120000" + String.format("%05d", ++serial % 100_000);
    ViidObject.Face face =
        new ViidObject.Face(id + "0600001", CAMERA, id, Instant.now(), null, portrait);
    return analysis.analyse(face).toCompletableFuture().join();
  }

  @TearDown(Level.Trial)
  public void close() {
    analysis.close();
  }
}
