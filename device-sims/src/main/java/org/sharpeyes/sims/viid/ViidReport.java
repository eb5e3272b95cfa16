package org.sharpeyes.sims.viid;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sharpeyes.sims.load.LatencySummary;

/**
 * What a simulated GA/T 1400 device did.
 *
 * @param sent objects posted (whatever came back)
 * @param ok objects the platform answered with {@code StatusCode} 0
 * @param refusedByCode objects answered with another status code, by code
 * @param reasonByCode the first {@code StatusString} seen for each refusing code
 * @param unansweredByReason objects without a verdict: no answer, HTTP error, unreadable body
 * @param requests object requests (batches) sent
 * @param registrationRefusal why the platform refused the device (wrong password, unknown device),
 *     or {@code null} when it did not
 * @param latency object requests' round trips
 * @param elapsed from the start to the end of sending
 */
public record ViidReport(
    URI url,
    String deviceId,
    long sent,
    long hotSent,
    long misreadSent,
    long ok,
    Map<Integer, Long> refusedByCode,
    Map<Integer, String> reasonByCode,
    Map<String, Long> unansweredByReason,
    long requests,
    long registrations,
    long registrationFailures,
    long keepalivesOk,
    long keepalivesFailed,
    long pictureFailures,
    String registrationRefusal,
    LatencySummary latency,
    Duration elapsed) {

  public ViidReport {
    refusedByCode = new TreeMap<>(refusedByCode);
    reasonByCode = new TreeMap<>(reasonByCode);
    unansweredByReason = new TreeMap<>(unansweredByReason);
  }

  public long refused() {
    return refusedByCode.values().stream().mapToLong(Long::longValue).sum();
  }

  public long unanswered() {
    return unansweredByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long refused(int statusCode) {
    return refusedByCode.getOrDefault(statusCode, 0L);
  }

  public boolean registrationRefused() {
    return registrationRefusal != null;
  }

  /** A few lines for a terminal. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "GA/T 1400 device %s to %s%n", deviceId, url));
    if (registrationRefusal != null) {
      out.append(String.format(Locale.ROOT, "  REFUSED   %s%n", registrationRefusal));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  sent      %d objects in %d requests (hotlisted %d, misread %d)%n",
            sent,
            requests,
            hotSent,
            misreadSent));
    out.append(String.format(Locale.ROOT, "  ok        %d%n", ok));
    out.append(String.format(Locale.ROOT, "  refused   %d%n", refused()));
    refusedByCode.forEach(
        (code, n) ->
            out.append(
                String.format(
                    Locale.ROOT, "    code %d ×%d: %s%n", code, n, reasonByCode.get(code))));
    out.append(String.format(Locale.ROOT, "  no verdict %d%n", unanswered()));
    unansweredByReason.forEach(
        (reason, n) -> out.append(String.format(Locale.ROOT, "    %s ×%d%n", reason, n)));
    out.append(
        String.format(
            Locale.ROOT,
            "  registered %d times (%d failed attempts); keepalives %d ok, %d failed%n",
            registrations,
            registrationFailures,
            keepalivesOk,
            keepalivesFailed));
    out.append(String.format(Locale.ROOT, "  latency   %s%n", latency.describe()));
    out.append(String.format(Locale.ROOT, "  elapsed   %.1f s%n", elapsed.toMillis() / 1000.0));
    if (pictureFailures > 0) {
      out.append(String.format(Locale.ROOT, "  without pictures  %d%n", pictureFailures));
    }
    return out.toString();
  }
}
