package org.sharpeyes.edge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.probe.EdgeProbe;
import org.sharpeyes.edge.probe.ProbeOptions;
import org.sharpeyes.edge.probe.ProbeResult;
import org.sharpeyes.edge.probe.ProbeResult.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edge-agent probe --config FILE [--device ID] [--json]}: checks every configured device and
 * the broker from the cabinet, one line each; see {@code docs/probe.md}.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every configured device and the broker, one line each, with what to fix.",
      "Exit code 0 when every check passed, 1 when one failed, 2 for an invalid config,",
      "3 when nothing failed but some checks could not be made (the agent is not running)."
    })
final class ProbeCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--device",
      paramLabel = "ID",
      description = "Check only this device (the broker is then not checked).")
  String device;

  @Option(names = "--json", description = "Print one JSON document instead of lines.")
  boolean json;

  @Option(
      names = "--camera-seconds",
      paramLabel = "S",
      defaultValue = "3",
      description = "How long each camera is read (default ${DEFAULT-VALUE}).")
  int cameraSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigResult<EdgeAgentConfig> result = options.load();
    if (result instanceof ConfigResult.Failure<EdgeAgentConfig> failure) {
      options.printProblems(err, failure);
      return ExitCodes.INVALID_CONFIG;
    }
    EdgeAgentConfig config = result.orThrow();
    if (device != null && config.device(device).isEmpty()) {
      err.println("no device " + device + " in " + options.config + " — see its devices: list");
      err.flush();
      return ExitCodes.INVALID_CONFIG;
    }
    if (cameraSeconds < 1 || cameraSeconds > 15) {
      err.println("--camera-seconds " + cameraSeconds + ": give 1 to 15");
      err.flush();
      return ExitCodes.INVALID_CONFIG;
    }
    ProbeOptions probeOptions =
        ProbeOptions.defaults(System.getenv())
            .withDevice(device)
            .withCameraRead(Duration.ofSeconds(cameraSeconds));
    List<ProbeResult> results = new EdgeProbe(config, probeOptions).run();
    int code = exitCode(results);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("edgeId", config.edgeId());
      doc.put("ok", code == ExitCodes.OK);
      doc.put("exitCode", code);
      doc.put("results", results);
      try {
        out.println(HttpReplies.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      } catch (JsonProcessingException e) {
        err.println("cannot write the results as JSON: " + e.getOriginalMessage());
        err.flush();
        return ExitCodes.FAILED;
      }
    } else {
      results.forEach(r -> out.println(r.line()));
      out.println(summary(results));
    }
    out.flush();
    return code;
  }

  static int exitCode(List<ProbeResult> results) {
    if (results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
      return ExitCodes.FAILED;
    }
    if (results.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN)) {
      return ExitCodes.PROBE_INCOMPLETE;
    }
    return ExitCodes.OK;
  }

  private static String summary(List<ProbeResult> results) {
    long ok = results.stream().filter(r -> r.outcome() == Outcome.OK).count();
    long failed = results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    long unknown = results.size() - ok - failed;
    return results.size()
        + " checks: "
        + ok
        + " OK, "
        + failed
        + " failed"
        + (unknown == 0 ? "" : ", " + unknown + " not checkable now");
  }
}
