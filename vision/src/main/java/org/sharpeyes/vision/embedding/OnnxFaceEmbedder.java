package org.sharpeyes.vision.embedding;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.sharpeyes.vision.crop.FaceAligner;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.model.ModelFiles;

/**
 * A 512-d ArcFace-style embedding model in ONNX through OpenCV's DNN module (by default {@code
 * fr_feature.onnx} of the npm package {@code faceplugin-face-recognition-js}): a 112×112 aligned
 * crop, RGB scaled to [-1, 1], gives 512 floats, which are L2-normalised here.
 */
public final class OnnxFaceEmbedder implements FaceEmbedder {

  public static final String DEFAULT_MODEL_ID = "fr-feature-512";
  static final int INPUT_SIZE = 112;

  private final Net net;
  private final String modelId;
  private final FaceAligner aligner = new FaceAligner(INPUT_SIZE);
  private final Size inputSize = new Size(INPUT_SIZE, INPUT_SIZE);
  private final Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);

  private OnnxFaceEmbedder(Net net, String modelId) {
    this.net = net;
    this.modelId = modelId;
  }

  /**
   * @param modelId recorded with every template (e.g. {@link #DEFAULT_MODEL_ID}); change it when
   *     the file changes, so that old templates are recomputed, not compared
   * @throws IllegalArgumentException when the file is missing or OpenCV cannot load it
   */
  public static OnnxFaceEmbedder load(Path model, String modelId) {
    Net net = ModelFiles.load(model, "face embedding", path -> readNetFromONNX(path));
    return new OnnxFaceEmbedder(net, modelId);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public Mat crop(Mat bgr, FaceBox face) {
    return aligner.crop(bgr, face);
  }

  @Override
  public float[] embed(Mat bgr, FaceBox face) {
    try (Mat aligned = aligner.crop(bgr, face);
        Mat blob = blobFromImage(aligned, 1 / 127.5, inputSize, mean, true, false, CV_32F)) {
      net.setInput(blob);
      try (Mat out = net.forward()) {
        float[] template = new float[(int) out.total()];
        FloatBuffer values = out.createBuffer();
        values.get(template);
        return normalise(template);
      }
    }
  }

  static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
    return v;
  }

  @Override
  public void close() {
    net.close();
    inputSize.close();
    mean.close();
  }
}
