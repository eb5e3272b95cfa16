package org.sharpeyes.edge.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.adapter.camera.CameraProbe;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig;
import org.sharpeyes.edge.adapter.gate.GateProbe;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.edge.probe.ProbeResult.Outcome;

/**
 * One check per device kind. Cameras and gates are reached from here; push devices (plate readers,
 * GA/T 1400) reach the agent, so for them the probe prints the URL to configure in the device and
 * what the running agent has seen of it ({@link AgentStatusClient}).
 */
final class DeviceChecks {

  private final ProbeOptions options;
  private final String edgeId;
  private final Supplier<AgentStatusClient.Answer> agent;

  DeviceChecks(ProbeOptions options, String edgeId, Supplier<AgentStatusClient.Answer> agent) {
    this.options = options;
    this.edgeId = edgeId;
    this.agent = agent;
  }

  ProbeResult check(DeviceConfig device) {
    String target = device.kind().label() + " " + device.label();
    if (device.settings() instanceof CameraAdapterConfig camera) {
      return camera(target, camera);
    }
    if (device.settings() instanceof GateAdapterConfig gate) {
      return gate(target, gate);
    }
    if (device.settings() instanceof PlateReaderAdapterConfig plate) {
      return push(
          target, device, "http://" + host(plate.host()) + ":" + plate.port() + plate.path());
    }
    int port = device.settings().listenPort().orElse(0);
    return push(target, device, "http://" + host(device.settings().listenHost()) + ":" + port);
  }

  private ProbeResult camera(String target, CameraAdapterConfig camera) {
    Duration open = min(camera.watchdog(), options.checkTimeout().dividedBy(2));
    CameraProbe.Result r = CameraProbe.probe(camera.source(), options.cameraRead(), open);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("codec", r.codec());
    facts.put("width", r.width());
    facts.put("height", r.height());
    facts.put("frames", r.frames());
    facts.put("fps", round(r.fps()));
    facts.put("nominalFps", round(r.nominalFps()));
    facts.put("decodeMsPerFrame", round(r.decodeMsPerFrame()));
    facts.put("analysisFps", camera.analysisFps());
    if (!r.ok()) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          r.error(),
          r.error().contains("?") ? null : "is the camera on, and is camera.source right?",
          facts);
    }
    String summary = r.summary();
    if (r.fps() < camera.analysisFps()) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          summary + ", below analysisFps " + camera.analysisFps(),
          "raise the camera's frame rate, or lower camera.analysisFps",
          facts);
    }
    return new ProbeResult(target, Outcome.OK, summary, null, facts);
  }

  private ProbeResult gate(String target, GateAdapterConfig gate) {
    GateProbe.Result r = GateProbe.probe(gate, edgeId, options.environment());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("endpoint", gate.describeEndpoint());
    facts.put("doorsFound", r.doors());
    facts.put("problems", r.problems());
    if (!r.ok()) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          "cannot use " + gate.describeEndpoint() + ": " + r.error(),
          "is the controller on, and are gate.endpoint, the security settings and the login right?",
          facts);
    }
    String summary =
        "connected to "
            + gate.describeEndpoint()
            + ", "
            + r.doors().size()
            + " doors found ("
            + String.join(", ", r.doors())
            + ")";
    if (!r.problems().isEmpty()) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          summary + "; " + String.join("; ", r.problems()),
          "check gate.doors against the controller's door names",
          facts);
    }
    return new ProbeResult(target, Outcome.OK, summary, null, facts);
  }

  /** A device that pushes to the agent: the URL to configure, and what the agent saw. */
  private ProbeResult push(String target, DeviceConfig device, String url) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("configureInDevice", url);
    AgentStatusClient.Answer answer = agent.get();
    facts.put("agentStatus", answer.url());
    if (!answer.running()) {
      facts.put("agentRunning", false);
      return new ProbeResult(
          target,
          Outcome.UNKNOWN,
          "the agent is not running here (" + answer.error() + "), so its pushes cannot be seen",
          "configure the device to send to " + url + ", start the agent, and probe again",
          facts);
    }
    facts.put("agentRunning", true);
    JsonNode d = answer.device(device.id());
    if (d == null) {
      return new ProbeResult(
          target,
          Outcome.UNKNOWN,
          "the running agent does not serve this device",
          "restart the agent with this config",
          facts);
    }
    String connection = d.path("connectionState").asText();
    String lastContact = text(d, "lastContactAt");
    String lastEvent = text(d, "lastEventAt");
    facts.put("connectionState", connection);
    facts.put("lastContactAt", lastContact);
    facts.put("lastEventAt", lastEvent);
    Map<String, Object> details = new LinkedHashMap<>();
    d.path("details")
        .fields()
        .forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
    facts.put("details", details);
    String lastError = text(d, "lastError");
    String seen = lastEvent != null ? "last event " + lastEvent : "no event yet";
    if (lastContact != null) {
      seen = "last contact " + lastContact + ", " + seen;
    }
    String detailWords = detailWords(details);
    if (connection.equals("ERROR")) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          "the agent cannot serve it: " + lastError,
          "see the agent's log",
          facts);
    }
    if (!connection.equals("CONNECTED") && lastEvent == null) {
      return new ProbeResult(
          target,
          Outcome.UNKNOWN,
          "nothing received since the agent started"
              + (lastError == null ? "" : " (" + lastError + ")")
              + detailWords,
          "configure the device to send to " + url,
          facts);
    }
    if (!connection.equals("CONNECTED")) {
      return new ProbeResult(
          target,
          Outcome.FAILED,
          connection.toLowerCase(java.util.Locale.ROOT)
              + (lastError == null ? "" : ": " + lastError)
              + "; "
              + seen
              + detailWords,
          "is the device on, and does it still send to " + url + "?",
          facts);
    }
    return new ProbeResult(
        target, Outcome.OK, "sends to " + url + "; " + seen + detailWords, null, facts);
  }

  private static String detailWords(Map<String, Object> details) {
    if (details.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" [");
    details.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append('=').append(v));
    return b.append(']').toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The address a device should send to: the listen host, or this box's LAN address. */
  static String host(String listenHost) {
    if (!AgentStatusClient.wildcard(listenHost)) {
      return listenHost;
    }
    try {
      List<NetworkInterface> nics = Collections.list(NetworkInterface.getNetworkInterfaces());
      for (NetworkInterface nic : nics) {
        if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to the placeholder
    }
    return "<this box's address>";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
