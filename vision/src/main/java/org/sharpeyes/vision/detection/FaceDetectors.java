package org.sharpeyes.vision.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the detector: BlazeFace when its model file is there, else the Haar cascade. */
public final class FaceDetectors {

  private static final Logger LOG = LoggerFactory.getLogger(FaceDetectors.class);

  private FaceDetectors() {}

  /**
   * @param blazeFaceModel the BlazeFace {@code .tflite}, or {@code null} for none
   * @param minScore BlazeFace's score threshold
   * @param minFaceFraction the cascade's smallest face, as a fraction of the frame's shorter side
   */
  public static FaceDetector open(Path blazeFaceModel, double minScore, double minFaceFraction) {
    if (blazeFaceModel != null && Files.isReadable(blazeFaceModel)) {
      return BlazeFaceDetector.load(blazeFaceModel, minScore);
    }
    LOG.warn(
        "no face detector model at {}: using OpenCV's Haar cascade (slower, frontal faces only,"
            + " no keypoints for alignment); run deploy/fetch-models.sh to get BlazeFace",
        blazeFaceModel);
    return CascadeFaceDetector.frontalFace(minFaceFraction);
  }
}
