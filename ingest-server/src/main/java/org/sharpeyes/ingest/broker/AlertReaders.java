package org.sharpeyes.ingest.broker;

/**
 * Accounts that may subscribe to the alert topics of their jurisdiction and to nothing else: the
 * downstream systems of the city ({@code integrator} users). What they read is masked as the
 * integrator view is (docs/mqtt.md, "Alert topics").
 */
@FunctionalInterface
public interface AlertReaders {

  /** Nobody reads alert topics but the server itself. */
  AlertReaders NONE = (user, password) -> new Reader(Verdict.UNKNOWN, null);

  enum Verdict {
    ACCEPTED,
    UNKNOWN,
    WRONG_PASSWORD,
    DISABLED,
    UNAVAILABLE
  }

  /**
   * @param verdict how the login ended
   * @param topicRoot for an accepted one, the alert topic of its jurisdiction, e.g. {@code
   *     sharpeyes/v1/alerts/430700/430702}: it may subscribe to that and below
   */
  record Reader(Verdict verdict, String topicRoot) {}

  /** Checks a login; must not throw. */
  Reader check(String user, char[] password);
}
