package org.sharpeyes.sims.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.sims.gate.AccessEvent;
import org.sharpeyes.sims.gate.CredentialList;
import org.sharpeyes.sims.gate.DoorState;
import org.sharpeyes.sims.gate.GateScriptFile;
import org.sharpeyes.sims.gate.GateSecurity;
import org.sharpeyes.sims.gate.GateSimulator;
import org.sharpeyes.sims.gate.GateSimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code device-sims gate}: an access controller with N doors, served over OPC UA. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
      "Serves an access controller with N doors over OPC UA (Eclipse Milo): each door's state and"
          + " last credential as variables, and an AccessEventType event for every credential"
          + " presented and every door move.",
      "Credentials are presented at --rate from --credentials (or a built-in list), with doors"
          + " now and then forced or held open; or everything follows --script.",
      "Prints the endpoint URL(s) and runs until Ctrl-C. See docs/device-sims.md."
    })
final class GateCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(GateCommand.class);

  /** The key store's password, when set; otherwise the simulator's documented default. */
  static final String PKI_PASSWORD_ENV = "DEVICE_SIMS_PKI_PASSWORD";

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to bind; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "4840",
      description = "Port; 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      defaultValue = GateSimulatorOptions.DEFAULT_PATH,
      description = "Endpoint path (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--doors",
      paramLabel = "N",
      defaultValue = "2",
      description = "Doors, 1..99 (default: ${DEFAULT-VALUE}).")
  int doors;

  @Option(
      names = "--first-device-id",
      paramLabel = "ID",
      defaultValue = "43070200001340000001",
      description =
          "Door 1's 20-digit GB/T 28181 id (type code 121); door k gets the serial + k-1"
              + " (default: ${DEFAULT-VALUE}).")
  String firstDeviceId;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "0.5",
      description =
          "Credential presentations per second, 0..1000; 0 for none (default:"
              + " ${DEFAULT-VALUE}). Ignored with --script.")
  double rate;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "Seed of the generated traffic; the same seed gives the same doors, credentials"
              + " and results (default: random, logged).")
  Long seed;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "CSV 'id,type,result' (e.g. CARD-000147,card,denied:expired); default: a"
              + " built-in list of 150.")
  Path credentials;

  @Option(
      names = "--forced-share",
      paramLabel = "SHARE",
      defaultValue = "0.02",
      description =
          "Share of traffic slots that are a door forced open, 0..1 (default:"
              + " ${DEFAULT-VALUE}).")
  double forcedShare;

  @Option(
      names = "--held-share",
      paramLabel = "SHARE",
      defaultValue = "0.05",
      description = "Share of granted openings left held open, 0..1 (default: ${DEFAULT-VALUE}).")
  double heldShare;

  @Option(
      names = "--unknown-share",
      paramLabel = "SHARE",
      defaultValue = "0.1",
      description =
          "Share of presentations with a card the controller does not know, 0..1"
              + " (default: ${DEFAULT-VALUE}).")
  double unknownShare;

  @Option(
      names = "--script",
      paramLabel = "FILE",
      description =
          "A YAML timeline of presentations and door moves, instead of generated" + " traffic.")
  Path script;

  @Option(
      names = "--security",
      paramLabel = "MODE",
      defaultValue = "all",
      description =
          "Endpoints: none, sign, sign-encrypt (Basic256Sha256) or all (default:"
              + " ${DEFAULT-VALUE}).")
  String security;

  @Option(
      names = "--pki-dir",
      paramLabel = "DIR",
      description =
          "Where the server certificate is made and kept, and client certificates are"
              + " trusted (trusted/certs) or rejected (rejected) (default:"
              + " ~/.cache/sharpeyes/device-sims/gate-pki).")
  Path pkiDir;

  @Option(
      names = "--trust-all-clients",
      description = "Accept every client certificate (tests and demos only).")
  boolean trustAllClients;

  @Option(
      names = "--anonymous",
      paramLabel = "true|false",
      arity = "1",
      defaultValue = "true",
      description = "Whether anonymous clients may log in (default: ${DEFAULT-VALUE}).")
  boolean anonymous;

  @Option(
      names = "--user",
      paramLabel = "NAME:PASSWORD",
      description = "A user who may log in; repeat for more.")
  List<String> users = new ArrayList<>();

  @Option(
      names = "--users",
      paramLabel = "FILE",
      description = "Users, one NAME:PASSWORD a line ('#' comments).")
  Path usersFile;

  /** Released by Ctrl-C (or a test) to stop serving. */
  final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    GateSimulatorOptions options = options();
    GateSimulator simulator = GateSimulator.create(options);
    simulator.addListener(GateCommand::logEvent);
    Thread hook = NamedThreads.daemon("gate-sim-shutdown").newThread(stopped::countDown);
    Runtime.getRuntime().addShutdownHook(hook);
    try (simulator) {
      simulator.start();
      PrintWriter out = spec.commandLine().getOut();
      for (GateSecurity.Endpoint e : options.security().endpoints()) {
        out.printf("%s  %s %s%n", simulator.endpointUrl(), e.policy().name(), e.mode().name());
      }
      out.flush();
      log.info(
          "{} door(s) {}..{}; server certificate {}; Ctrl-C stops",
          options.doors(),
          options.deviceIds().get(0),
          options.deviceIds().get(options.doors() - 1),
          options.pkiDir().resolve("own/gate-server.der"));
      stopped.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is what released us.
      }
    }
    return 0;
  }

  private GateSimulatorOptions options() {
    GateSimulatorOptions.Builder b = GateSimulatorOptions.builder();
    try {
      GbDeviceId first =
          GbDeviceId.parse(firstDeviceId)
              .orElseThrow(
                  () ->
                      bad(
                          "--first-device-id must be 20 digits, e.g. 43070200001340000001, was "
                              + firstDeviceId));
      if (!GbDeviceId.TYPE_ALARM_INPUT.equals(first.typeCode())) {
        log.warn(
            "--first-device-id {} has type code {}; a door (alarm input device) is {}",
            first,
            first.typeCode(),
            GbDeviceId.TYPE_ALARM_INPUT);
      }
      b.host(host)
          .port(port)
          .path(path)
          .doors(doors)
          .firstDeviceId(first)
          .rate(rate)
          .forcedShare(forcedShare)
          .heldShare(heldShare)
          .unknownShare(unknownShare)
          .security(
              GateSecurity.parse(security)
                  .orElseThrow(
                      () ->
                          bad(
                              "--security must be one of "
                                  + GateSecurity.names()
                                  + ", was "
                                  + security)))
          .trustAllClients(trustAllClients)
          .anonymous(anonymous);
      if (seed != null) {
        b.seed(seed);
      }
      if (pkiDir != null) {
        b.pkiDir(pkiDir);
      }
      String keyStorePassword = System.getenv(PKI_PASSWORD_ENV);
      if (keyStorePassword != null && !keyStorePassword.isEmpty()) {
        b.keyStorePassword(keyStorePassword);
      }
      for (String user : users) {
        addUser(b, user, "--user");
      }
      if (usersFile != null) {
        readUsers(b, usersFile);
      }
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    CredentialList list =
        credentials != null ? CredentialList.read(credentials) : CredentialList.builtIn();
    b.credentials(list);
    if (script != null) {
      b.script(GateScriptFile.read(script, doors, list));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static void addUser(GateSimulatorOptions.Builder b, String entry, String where) {
    int colon = entry.indexOf(':');
    if (colon <= 0 || colon == entry.length() - 1) {
      throw new IllegalArgumentException(where + ": expected NAME:PASSWORD");
    }
    b.user(entry.substring(0, colon), entry.substring(colon + 1));
  }

  private static void readUsers(GateSimulatorOptions.Builder b, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--users: cannot read " + file + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        addUser(b, line, file + ":" + (i + 1));
      }
    }
  }

  /** Denials and doors forced or held open at INFO (what a guard would look at), the rest DEBUG. */
  private static void logEvent(AccessEvent e) {
    boolean notable =
        e.kind() == AccessEvent.Kind.CREDENTIAL
            ? !e.decision().granted()
            : e.state() == DoorState.FORCED || e.state() == DoorState.HELD_OPEN;
    if (notable) {
      log.info("{} {}", e.deviceId(), e.describe());
    } else {
      log.debug("{} {}", e.deviceId(), e.describe());
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
