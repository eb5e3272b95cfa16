package org.sharpeyes.vision.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.bytedeco.opencv.opencv_dnn.Net;

/** Loads a model file into OpenCV's DNN module, saying in words what is wrong when it cannot. */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * @param what what the model is, for messages (e.g. "face detector")
   * @param reader OpenCV's reader for the file's format (e.g. {@code readNetFromTFLite})
   * @throws IllegalArgumentException when the file is missing or OpenCV cannot load it
   */
  public static Net load(Path model, String what, Function<String, Net> reader) {
    if (!Files.isReadable(model)) {
      throw new IllegalArgumentException(
          what + " model " + model + " not found: run deploy/fetch-models.sh");
    }
    Net net;
    try {
      net = reader.apply(model.toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "OpenCV cannot load the " + what + " model " + model + ": " + e.getMessage(), e);
    }
    if (net == null || net.empty()) {
      throw new IllegalArgumentException("OpenCV loaded nothing from " + model);
    }
    return net;
  }
}
