package org.sharpeyes.sims.viid;

/**
 * Hears what a simulated device goes through. Called on the simulator's thread, in order; a
 * listener that throws is logged and does not stop the run. Every method does nothing by default.
 */
public interface ViidListener {

  /** The platform accepted the registration. */
  default void registered(int registrations) {}

  /** A registration got no answer or a passing refusal (busy); another attempt follows. */
  default void registrationFailed(String reason) {}

  /** A keepalive was answered OK ({@code ok}) or not, with why. */
  default void keepalive(boolean ok, String detail) {}

  /** The platform's verdict on one object. */
  default void answered(Capture capture, ResponseStatus status) {}

  /** An object the platform gave no verdict on (no answer, an HTTP error, an unreadable body). */
  default void unanswered(Capture capture, String reason) {}
}
