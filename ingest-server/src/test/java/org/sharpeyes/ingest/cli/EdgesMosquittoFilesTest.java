package org.sharpeyes.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.testing.MosquittoProcess;
import picocli.CommandLine;

/**
 * {@code ingest-server edges …} with {@code broker.mosquittoFiles} set: each change leaves files
 * that a real Mosquitto (started here) reads.
 */
class EdgesMosquittoFilesTest {

  private static final Map<String, String> ENV =
      Map.of("MQ_USER", "ingest", "MQ_PASSWORD", "server-pass-1");

  @TempDir Path dir;
  private Path config;
  private Path passwords;
  private Path acl;
  private int port;
  private MosquittoProcess mosquitto;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void writeConfig() throws Exception {
    Files.createDirectories(dir.resolve("mosquitto"));
    passwords = dir.resolve("mosquitto/passwords");
    acl = dir.resolve("mosquitto/acl");
    port = MosquittoProcess.freePort();
    config = dir.resolve("ingest-server.yaml");
    Files.writeString(
        config,
        "dataDir: "
            + dir.resolve("data")
            + "\nreferenceData: "
            + DemoCity.DIR.toAbsolutePath()
            + "\nstore: { jdbcUrl: \"jdbc:h2:file:"
            + dir.resolve("db")
            + "\" }\nbroker:\n  url: tcp://127.0.0.1:"
            + port
            + "\n  usernameEnv: MQ_USER\n  passwordEnv: MQ_PASSWORD\n"
            + "  mosquittoFiles: { passwordFile: mosquitto/passwords, aclFile: mosquitto/acl }\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void anAddedEdgeLogsInToMosquittoAndOnceDisabledIsRefusedAfterTheReloadTheCommandAsksFor()
      throws Exception {
    assertThat(edges("add", "edge-north")).isZero();
    String password = printedPassword();
    assertThat(out.toString())
        .contains("wrote " + passwords, "1 edge(s) and the server's account ingest", acl.toString())
        .contains("kill -HUP <pid> or systemctl reload mosquitto");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)))
        .isEqualTo("rw-------");

    mosquitto = MosquittoProcess.start(dir, port, passwords, acl);
    assertThat(mosquitto.accepts("edge-north", password)).isTrue();
    assertThat(mosquitto.accepts("ingest", "server-pass-1")).as("the server's own").isTrue();

    assertThat(edges("disable", "edge-north")).isZero();
    assertThat(out.toString()).contains("wrote " + passwords, "0 edge(s)", "kill -HUP");
    mosquitto.reload();

    await().until(() -> !mosquitto.accepts("edge-north", password));
    assertThat(mosquitto.accepts("ingest", "server-pass-1")).isTrue();
  }

  @Test
  void aNewPasswordReplacesTheOldOneInMosquittosFile() throws Exception {
    edges("add", "edge-south");
    String first = printedPassword();

    assertThat(edges("passwd", "edge-south")).isZero();
    String second = printedPassword();
    mosquitto = MosquittoProcess.start(dir, port, passwords, acl);

    assertThat(mosquitto.accepts("edge-south", second)).isTrue();
    assertThat(mosquitto.accepts("edge-south", first)).isFalse();
  }

  @Test
  void mosquittoFilesWithoutOptionsWritesTheConfiguredFilesAndSaysWhenTheyAreAlreadyCurrent()
      throws Exception {
    edges("add", "edge-west");
    Files.writeString(acl, "# edited by hand\n");

    assertThat(edges("mosquitto-files")).isZero();
    assertThat(out.toString()).contains("wrote " + passwords, "kill -HUP");
    assertThat(Files.readString(acl)).contains("pattern write sharpeyes/v1/edge/%u/");

    assertThat(edges("mosquitto-files")).isZero();
    assertThat(out.toString()).contains("are current: no reload needed");
  }

  @Test
  void theFilesNeedTheServersAccountWhoseVariablesMustBeSet() throws Exception {
    assertThat(edges(Map.of("MQ_USER", "ingest"), "list")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "broker.passwordEnv: environment variable MQ_PASSWORD is not set — export it before"
                + " starting");
  }

  private String printedPassword() {
    Matcher m = Pattern.compile("(?m)^password: (\\S+)$").matcher(out.toString());
    assertThat(m.find()).as("a password is printed").isTrue();
    return m.group(1);
  }

  private int edges(String... args) {
    return edges(ENV, args);
  }

  private int edges(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = new CommandLine(new EdgesCommand(env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = config.toString();
    return cli.execute(withConfig);
  }
}
