package org.sharpeyes.sims.cli;

import org.sharpeyes.schema.id.GbDeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks {@code --device-id} values. */
final class DeviceIds {

  private static final Logger log = LoggerFactory.getLogger(DeviceIds.class);

  private DeviceIds() {}

  /**
   * Parses a plate reader's id; warns (does not fail) when its type code is not a camera's (131 or
   * 132, GB/T 28181 Appendix D): a checkpoint reader is an IP camera that reads plates.
   *
   * @throws IllegalArgumentException when it is not 20 digits
   */
  static GbDeviceId plateReader(String value) {
    GbDeviceId id;
    try {
      id = new GbDeviceId(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--device-id: " + e.getMessage() + ", e.g. 43070200001320000101", e);
    }
    if (!GbDeviceId.TYPE_IPC.equals(id.typeCode())
        && !GbDeviceId.TYPE_CAMERA.equals(id.typeCode())) {
      log.warn(
          "--device-id {} has type code {}; a checkpoint camera is {} (IP camera) or {} (camera)",
          id,
          id.typeCode(),
          GbDeviceId.TYPE_IPC,
          GbDeviceId.TYPE_CAMERA);
    }
    return id;
  }
}
