package org.sharpeyes.sims.cli;

import org.sharpeyes.schema.id.GbDeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks {@code --device-id} values. */
final class DeviceIds {

  private static final Logger log = LoggerFactory.getLogger(DeviceIds.class);

  private DeviceIds() {}

  /**
   * Parses a plate reader's id; warns (does not fail) when its type code is not 114, since a camera
   * doing plate recognition is legitimate.
   *
   * @throws IllegalArgumentException when it is not 20 digits
   */
  static GbDeviceId plateReader(String value) {
    GbDeviceId id;
    try {
      id = new GbDeviceId(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--device-id: " + e.getMessage() + ", e.g. 43070200001140000001", e);
    }
    if (!GbDeviceId.TYPE_PLATE_READER.equals(id.typeCode())) {
      log.warn(
          "--device-id {} has type code {}; a plate/checkpoint reader is {}",
          id,
          id.typeCode(),
          GbDeviceId.TYPE_PLATE_READER);
    }
    return id;
  }
}
