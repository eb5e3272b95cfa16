package org.sharpeyes.edge.adapter;

/** What kind of thing went wrong in an adapter; the tag of {@code sharpeyes.edge.device.faults}. */
public enum FaultKind {
  /** The device sent something malformed or invalid; it was answered with the reason. */
  INPUT_REJECTED("input-rejected", false),
  /**
   * A push came without the credentials the listener asks for, or with wrong ones; answered 401. A
   * misconfigured device, or someone else on the device network.
   */
  AUTH_REFUSED("auth-refused", false),
  /** The event sink refused the event (agent stopping, disk behind or failing); retry told. */
  SINK_REFUSED("sink-refused", false),
  /** The device could not be reached or the link broke; the adapter retries. */
  DEVICE_UNREACHABLE("device-unreachable", true),
  /**
   * The device answered but refused the link as configured (security policy not offered,
   * certificate not trusted, login refused, not the nodes the profile describes): the adapter
   * retries, but someone must fix the config or the device. The connection shows {@code ERROR}.
   */
  LINK_REFUSED("link-refused", true),
  /** The adapter could not start (e.g. port taken); retrying will not help. */
  START_FAILED("start-failed", true),
  /** An unexpected exception in the adapter itself. */
  INTERNAL("internal", false);

  private final String tag;
  private final boolean linkFault;

  FaultKind(String tag, boolean linkFault) {
    this.tag = tag;
    this.linkFault = linkFault;
  }

  /** The metric tag value. */
  public String tag() {
    return tag;
  }

  /** Whether the fault says something about the link to the device (sets the connection state). */
  public boolean linkFault() {
    return linkFault;
  }
}
