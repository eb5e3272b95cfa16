package org.sharpeyes.edge.adapter.viid;

/**
 * The {@code StatusCode} of a GA/T 1400 {@code ResponseStatusObject} (GA/T 1400.4, response status
 * codes). The {@code StatusString} the edge sends is always a sentence saying what is wrong, not
 * just the code's name; see {@code docs/gat1400.md}.
 */
enum ViidStatusCode {
  OK(0, "OK"),
  OTHER_ERROR(1, "OtherError"),
  DEVICE_BUSY(2, "Device Busy"),
  DEVICE_ERROR(3, "Device Error"),
  INVALID_OPERATION(4, "Invalid Operation"),
  INVALID_XML_FORMAT(5, "Invalid XML Format"),
  INVALID_XML_CONTENT(6, "Invalid XML Content"),
  INVALID_JSON_FORMAT(7, "Invalid JSON Format"),
  INVALID_JSON_CONTENT(8, "Invalid JSON Content"),
  REBOOT(9, "Reboot");

  private final int code;
  private final String title;

  ViidStatusCode(int code, String title) {
    this.code = code;
    this.title = title;
  }

  int code() {
    return code;
  }

  String title() {
    return title;
  }
}
