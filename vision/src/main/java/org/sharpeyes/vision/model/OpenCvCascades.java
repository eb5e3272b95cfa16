package org.sharpeyes.vision.model;

import java.io.File;
import java.io.IOException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The cascade classifiers shipped inside OpenCV's own linux-x86_64 jar (its {@code
 * share/opencv4/haarcascades} and {@code lbpcascades}), so a cascade detector needs no model file.
 * Each is unpacked into JavaCPP's cache folder ({@code -Dorg.bytedeco.javacpp.cachedir}) and read
 * by OpenCV; a cascade that is not there or does not load is said so in words.
 */
public final class OpenCvCascades {

  /** Frontal faces, the variant with the fewest false faces of OpenCV's Haar face cascades. */
  public static final String FRONTAL_FACE = "haarcascades/haarcascade_frontalface_alt2.xml";

  /** Eyes, open, in a roughly frontal face. */
  public static final String EYE = "haarcascades/haarcascade_eye.xml";

  static final String SHARE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";

  private OpenCvCascades() {}

  /**
   * Loads one cascade; the caller closes it. Not thread-safe to use (one per detecting thread),
   * safe to call from any thread.
   *
   * @param name its path under OpenCV's {@code share/opencv4}, e.g. {@link #FRONTAL_FACE} or {@code
   *     lbpcascades/lbpcascade_frontalface_improved.xml}
   * @throws IllegalStateException when OpenCV's jar lacks it or OpenCV cannot read it
   */
  public static CascadeClassifier load(String name) {
    Loader.load(opencv_objdetect.class);
    File xml;
    try {
      xml = Loader.cacheResource(OpenCvCascades.class, SHARE + name);
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack OpenCV's cascade " + name, e);
    }
    if (xml == null) {
      throw new IllegalStateException("the OpenCV jar has no cascade " + SHARE + name);
    }
    CascadeClassifier cascade = new CascadeClassifier(xml.getAbsolutePath());
    if (cascade.empty()) {
      cascade.close();
      throw new IllegalStateException("OpenCV cannot read its cascade " + xml);
    }
    return cascade;
  }
}
