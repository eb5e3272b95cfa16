package org.sharpeyes.edge.adapter.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.FaceModels;
import org.sharpeyes.runtime.Backoff;

/**
 * Settings of a camera (the {@code camera} section of a device); see {@code docs/config.md}.
 *
 * @param source {@code rtsp://…}, {@code http(s)://…} (MJPEG or MPEG-TS) or a file path
 * @param loop for a file: play it again from the start at its end
 * @param analysisFps frames analysed per second at most; the rest are skipped before conversion
 * @param analysisWidth frames wider than this are scaled down for analysis; 0 keeps them
 * @param watchdog a source that sends no frame for this long is reopened
 * @param reconnect backoff between attempts to open the source
 * @param motion the motion gate, or {@code null} to analyse every frame
 * @param faces face detection, embedding and matching
 */
public record CameraAdapterConfig(
    String source,
    boolean loop,
    double analysisFps,
    int analysisWidth,
    Duration watchdog,
    Backoff.Bounds reconnect,
    Motion motion,
    Faces faces)
    implements AdapterSettings {

  @Override
  public Optional<FaceModels> faceModels() {
    return Optional.of(
        new FaceModels(
            faces.detectorModel(),
            faces.minScore(),
            faces.embedderModel(),
            faces.embedderModelId()));
  }

  public static final double DEFAULT_ANALYSIS_FPS = 5;
  public static final int DEFAULT_ANALYSIS_WIDTH = 960;
  public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(10);

  public CameraAdapterConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(watchdog, "watchdog");
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(faces, "faces");
    if (!(analysisFps > 0 && analysisFps <= 60)) {
      throw new IllegalArgumentException("analysisFps must be above 0 and at most 60");
    }
    if (analysisWidth < 0) {
      throw new IllegalArgumentException("analysisWidth must be 0 or more");
    }
  }

  /**
   * The motion gate.
   *
   * @param width width of the grey copy compared
   * @param threshold grey levels a pixel must change by
   * @param minArea the smallest moving region, as a fraction of the frame
   */
  public record Motion(int width, int threshold, double minArea) {
    public static final Motion DEFAULTS = new Motion(160, 25, 0.002);
  }

  /**
   * Faces.
   *
   * @param detectorModel BlazeFace {@code .tflite}; when the file is missing the Haar cascade is
   *     used
   * @param minScore detector score threshold
   * @param embedderModel the ONNX embedding model
   * @param embedderModelId recorded with templates and events
   * @param thresholds similarity thresholds by key-person risk level ({@code red}, {@code orange},
   *     {@code yellow}); applied to the watchlist when it is synced
   * @param confirmFrames k: frames that must agree …
   * @param confirmOf … of the last n analysed frames …
   * @param confirmWithin … all within this time
   * @param cooldown one {@code face.matched} per person per camera per cooldown
   * @param capturedPerMinute {@code face.captured} events a minute at most; 0 turns them off
   */
  public record Faces(
      Path detectorModel,
      double minScore,
      Path embedderModel,
      String embedderModelId,
      Map<String, Double> thresholds,
      int confirmFrames,
      int confirmOf,
      Duration confirmWithin,
      Duration cooldown,
      int capturedPerMinute) {

    public Faces {
      thresholds = Map.copyOf(thresholds);
      if (confirmFrames < 1 || confirmOf < confirmFrames) {
        throw new IllegalArgumentException("need 1 <= confirm.frames <= confirm.of");
      }
    }
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.CAMERA;
  }

  @Override
  public OptionalInt listenPort() {
    return OptionalInt.empty();
  }

  @Override
  public AdapterSettings withListenPort(int port) {
    return this;
  }
}
