package org.sharpeyes.edge.probe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link EdgeProbe} runs.
 *
 * @param deviceId check only this device (the broker is skipped too), or {@code null} for all
 * @param cameraRead how long each camera is read
 * @param checkTimeout the longest one check may take
 * @param totalTimeout the longest the whole probe may take
 * @param environment where credential variables are looked up
 */
public record ProbeOptions(
    String deviceId,
    Duration cameraRead,
    Duration checkTimeout,
    Duration totalTimeout,
    Map<String, String> environment) {

  public static final Duration DEFAULT_CAMERA_READ = Duration.ofSeconds(3);
  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(60);

  public ProbeOptions {
    Objects.requireNonNull(cameraRead, "cameraRead");
    Objects.requireNonNull(checkTimeout, "checkTimeout");
    Objects.requireNonNull(totalTimeout, "totalTimeout");
    environment = Map.copyOf(environment);
  }

  public static ProbeOptions defaults(Map<String, String> environment) {
    return new ProbeOptions(
        null, DEFAULT_CAMERA_READ, DEFAULT_CHECK_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, environment);
  }

  public ProbeOptions withDevice(String id) {
    return new ProbeOptions(id, cameraRead, checkTimeout, totalTimeout, environment);
  }

  public ProbeOptions withCameraRead(Duration read) {
    return new ProbeOptions(deviceId, read, checkTimeout, totalTimeout, environment);
  }
}
