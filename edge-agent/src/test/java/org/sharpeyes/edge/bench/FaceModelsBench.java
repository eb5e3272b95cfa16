package org.sharpeyes.edge.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
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
import org.sharpeyes.edge.adapter.camera.MotionGate;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.CascadeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;

/**
 * The per-frame and per-face costs on one core, side by side on the same 1280×720 frame (a sample
 * group photo, scaled): BlazeFace through this project's detector, and the same model called bare
 * through OpenCV (blob + forward only), so that our overhead (letterbox, decoding, NMS) shows; the
 * Haar cascade fallback; one embedding; the motion gate. Needs {@code deploy/fetch-models.sh
 * --samples}.
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
public class FaceModelsBench {

  /** OpenCV's own thread pool: 1 for the per-core figure, 2 (its default here) for the box. */
  @Param({"1", "2"})
  int openCvThreads;

  private Mat frame;
  private Mat square;
  private BlazeFaceDetector blazeFace;
  private CascadeFaceDetector cascade;
  private OnnxFaceEmbedder embedder;
  private Net bare;
  private FaceBox face;
  private MotionGate gate;

  @Setup(Level.Trial)
  public void load() {
    setNumThreads(openCvThreads);
    Path models = Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "models");
    String env = System.getenv("SHARPEYES_MODELS");
    if (env != null && !env.isBlank()) {
      models = Path.of(env);
    }
    frame = new Mat();
    try (Mat photo = imread(models.resolve("samples/sample6.jpg").toString())) {
      if (photo.empty()) {
        throw new IllegalStateException("run deploy/fetch-models.sh --samples first");
      }
      resize(photo, frame, new Size(1280, 720));
    }
    square = new Mat();
    resize(frame, square, new Size(1280, 1280));
    blazeFace = BlazeFaceDetector.load(models.resolve("blazeface-short-range.tflite"), 0.5);
    cascade = CascadeFaceDetector.frontalFace(0.05);
    embedder = OnnxFaceEmbedder.load(models.resolve("fr-feature-512.onnx"), "fr-feature-512");
    bare = readNetFromTFLite(models.resolve("blazeface-short-range.tflite").toString());
    List<FaceBox> faces = blazeFace.detect(frame);
    face = faces.get(0);
    gate = new MotionGate(160, 25, 0.002);
    gate.check(frame);
  }

  @TearDown(Level.Trial)
  public void close() {
    blazeFace.close();
    cascade.close();
    embedder.close();
    bare.close();
    frame.close();
    square.close();
    gate.close();
  }

  @Benchmark
  public Object blazeFaceDetector() {
    return blazeFace.detect(frame);
  }

  @Benchmark
  public Object blazeFaceBareOpenCv() {
    try (Mat blob =
            blobFromImage(
                square,
                1 / 127.5,
                new Size(128, 128),
                new Scalar(127.5, 127.5, 127.5, 0),
                true,
                false,
                CV_32F);
        MatVector out = new MatVector()) {
      bare.setInput(blob);
      bare.forward(out, bare.getUnconnectedOutLayersNames());
      return out.size();
    }
  }

  @Benchmark
  public Object haarCascade() {
    return cascade.detect(frame);
  }

  @Benchmark
  public Object embedOneFace() {
    return embedder.embed(frame, face);
  }

  @Benchmark
  public Object motionGateStillFrame() {
    return gate.check(frame).moving();
  }
}
