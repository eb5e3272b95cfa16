package org.sharpeyes.vision.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the embedder: the DNN model when its file is there, else the LBPH fallback (no download,
 * much weaker). The model id follows the choice, so templates of the two never meet.
 */
public final class FaceEmbedders {

  private static final Logger LOG = LoggerFactory.getLogger(FaceEmbedders.class);

  private FaceEmbedders() {}

  /** The id the templates of this configuration carry: {@code modelId}, or the fallback's. */
  public static String modelId(Path model, String modelId) {
    return model != null && Files.isReadable(model) ? modelId : LbphFaceEmbedder.MODEL_ID;
  }

  /**
   * The thresholds by risk level for this configuration: {@code configured} (they are tuned for the
   * DNN model), or the fallback's own when the model file is missing.
   */
  public static Map<String, Double> thresholds(Path model, Map<String, Double> configured) {
    return model != null && Files.isReadable(model) ? configured : LbphFaceEmbedder.THRESHOLDS;
  }

  /**
   * @throws IllegalArgumentException when the file is there but OpenCV cannot load it (a broken
   *     file is an error to fix, not a reason to fall back)
   */
  public static FaceEmbedder open(Path model, String modelId) {
    if (model != null && Files.isReadable(model)) {
      return OnnxFaceEmbedder.load(model, modelId);
    }
    LOG.warn(
        "no face embedding model at {}: using OpenCV's LBPH histograms (model id {}; weaker:"
            + " frontal, well-lit faces only); run deploy/fetch-models.sh to get the DNN model",
        model,
        LbphFaceEmbedder.MODEL_ID);
    return new LbphFaceEmbedder();
  }
}
