package org.sharpeyes.vision.model;

import java.nio.file.Path;

/**
 * Where {@code deploy/fetch-models.sh} puts the default face models, and the names it gives them:
 * the one place the defaults of the edge's camera section and the server's enrolment check come
 * from. Model files are never part of the repository or a jar.
 */
public final class ModelCache {

  /** {@code ~/.cache/sharpeyes/models}: the script's folder when it is given none. */
  public static final Path DEFAULT_DIR =
      Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "models");

  /** BlazeFace short-range, for {@code BlazeFaceDetector}. */
  public static final String BLAZE_FACE = "blazeface-short-range.tflite";

  /** The 512-d embedding model, for {@code OnnxFaceEmbedder}. */
  public static final String EMBEDDING = "fr-feature-512.onnx";

  private ModelCache() {}
}
