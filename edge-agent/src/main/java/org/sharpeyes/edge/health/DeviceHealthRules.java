package org.sharpeyes.edge.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.schema.event.DeviceStatus.Availability;

/**
 * Turns an adapter's status into the availability of its device (and of the child devices it
 * reports), without memory: the {@link DeviceHealthMonitor} adds the hold time. Stateless,
 * thread-safe.
 *
 * <ul>
 *   <li>an adapter that is not running (stopped, failed to start) → offline;
 *   <li>camera: stream not {@code CONNECTED} → offline; its measured {@code fps} detail below
 *       {@code analysisFps × cameraFpsFactor} → degraded with the fps;
 *   <li>plate reader: nothing pushed (no contact, no event) for its {@code plateReaderSilence} →
 *       offline "silent for 12m"; a listener in {@code ERROR} (port taken) → offline;
 *   <li>gate, GA/T 1400 and any other kind: connection not {@code CONNECTED} → offline;
 *   <li>child devices: every detail named {@code <20-digit id>.online} ({@code true}/{@code false})
 *       is a device of its own, online or offline by that value.
 * </ul>
 */
public final class DeviceHealthRules {

  /** A detail naming a child device's availability: {@code 34020000001320000001.online}. */
  static final Pattern CHILD_ONLINE = Pattern.compile("(\\d{20})\\.online");

  private final HealthConfig config;

  public DeviceHealthRules(HealthConfig config) {
    this.config = config;
  }

  /**
   * @param status the adapter's status now
   * @param settings the device's configured settings (a camera's analysis rate)
   * @param now the monitor's clock
   * @param watchedSince when the monitor started: a plate reader that never pushed is silent since
   */
  public List<Observation> observe(
      AdapterStatus status, AdapterSettings settings, Instant now, Instant watchedSince) {
    List<Observation> out = new ArrayList<>();
    out.add(device(status, settings, now, watchedSince));
    children(status, out);
    return out;
  }

  private Observation device(
      AdapterStatus s, AdapterSettings settings, Instant now, Instant watchedSince) {
    String id = s.deviceId();
    Double fps = decimal(s.details().get("fps"));
    if (s.runtimeState() != RuntimeState.STARTED) {
      return offline(id, "adapter " + s.runtimeState().name().toLowerCase(Locale.ROOT), s);
    }
    switch (s.kind()) {
      case PLATE_READER -> {
        if (s.connectionState() == ConnectionState.ERROR) {
          return offline(id, "listener failed", s);
        }
        Instant last = latest(s.lastContactAt(), s.lastEventAt());
        Instant since = last == null ? watchedSince : last;
        Duration silent = Duration.between(since, now);
        if (silent.compareTo(config.plateReaderSilence(id)) > 0) {
          return new Observation(
              id,
              Availability.OFFLINE,
              "silent for " + words(silent) + (last == null ? " (nothing pushed since start)" : ""),
              null);
        }
        return new Observation(id, Availability.ONLINE, null, null);
      }
      case CAMERA -> {
        if (s.connectionState() != ConnectionState.CONNECTED) {
          return offline(id, "stream lost", s);
        }
        if (fps != null && settings instanceof CameraAdapterConfig camera) {
          double floor = camera.analysisFps() * config.cameraFpsFactor();
          if (fps < floor) {
            return new Observation(
                id,
                Availability.DEGRADED,
                String.format(
                    Locale.ROOT,
                    "analysing %.1f fps, below %.1f (%.2f × analysisFps %s)",
                    fps,
                    floor,
                    config.cameraFpsFactor(),
                    trim(camera.analysisFps())),
                fps);
          }
        }
        return new Observation(id, Availability.ONLINE, null, fps);
      }
      case GATE -> {
        if (s.connectionState() != ConnectionState.CONNECTED) {
          return offline(id, "OPC UA session down", s);
        }
        return new Observation(id, Availability.ONLINE, null, null);
      }
      default -> {
        if (s.connectionState() != ConnectionState.CONNECTED) {
          return offline(id, "link " + s.connectionState().name().toLowerCase(Locale.ROOT), s);
        }
        return new Observation(id, Availability.ONLINE, null, null);
      }
    }
  }

  private static void children(AdapterStatus s, List<Observation> out) {
    for (Map.Entry<String, String> detail : s.details().entrySet()) {
      Matcher m = CHILD_ONLINE.matcher(detail.getKey());
      if (!m.matches() || m.group(1).equals(s.deviceId())) {
        continue;
      }
      String child = m.group(1);
      String value = detail.getValue().trim().toLowerCase(Locale.ROOT);
      if (value.equals("true")) {
        out.add(new Observation(child, Availability.ONLINE, null, null));
      } else if (value.equals("false")) {
        String keepalive = s.details().get(child + ".lastKeepaliveAt");
        out.add(
            new Observation(
                child,
                Availability.OFFLINE,
                keepalive == null ? "reported offline" : "no keepalive since " + keepalive,
                null));
      }
      // any other value: not a statement about availability; the child is left as it was
    }
  }

  private static Observation offline(String id, String what, AdapterStatus s) {
    String reason = s.lastError() == null ? what : what + ": " + s.lastError();
    return new Observation(id, Availability.OFFLINE, reason, null);
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Double decimal(String text) {
    if (text == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) && v >= 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** "12m", "1h5m", "40s": whole units, as an installer reads them. */
  static String words(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + "m";
    }
    return (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
  }
}
