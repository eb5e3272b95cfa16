package org.sharpeyes.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.reference.DemoCity;
import picocli.CommandLine;

/** {@code ingest-server users …} on an H2 store in a temporary directory. */
class UsersCommandTest {

  @TempDir Path dir;
  private Path config;
  private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("ingest-server.yaml");
    Files.writeString(
        config,
        "dataDir: "
            + dir.resolve("data")
            + "\nreferenceData: "
            + DemoCity.DIR.toAbsolutePath()
            + "\nstore: { jdbcUrl: \"jdbc:h2:file:"
            + dir.resolve("db")
            + "\" }\n");
  }

  @Test
  void addListDisableAndPasswdWorkOnTheConfiguredStore() {
    int added =
        users(
            "long enough pw\n",
            Map.of(),
            "add",
            "wang.jun",
            "--role",
            "operator",
            "--jurisdiction",
            "430702",
            "--clearance",
            "full");
    int disabled = users("", Map.of(), "disable", "wang.jun");
    int passwd =
        users(
            "",
            Map.of("NEW_PW", "another long one"),
            "passwd",
            "wang.jun",
            "--password-env",
            "NEW_PW");
    int listed = users("", Map.of(), "list");

    assertThat(List.of(added, disabled, passwd, listed)).containsOnly(0);
    assertThat(out.toString())
        .contains("added wang.jun", "disabled wang.jun", "password of wang.jun set")
        .containsPattern("wang\\.jun\\s+operator\\s+430702\\s+full\\s+disabled");
    assertThat(audit)
        .extracting(e -> e.actor() + " " + e.from() + " " + e.action() + " " + e.subject())
        .containsExactly(
            "cli cli user.add wang.jun",
            "cli cli user.disable wang.jun",
            "cli cli user.password wang.jun");
  }

  @Test
  void aShortPasswordAnUnknownRegionOrAnUnknownUserAreRefusedWithExitCode4() {
    int shortPw =
        users(
            "short\n",
            Map.of(),
            "add",
            "wang.jun",
            "--role",
            "operator",
            "--jurisdiction",
            "430702");
    int region =
        users(
            "long enough pw\n",
            Map.of(),
            "add",
            "wang.jun",
            "--role",
            "operator",
            "--jurisdiction",
            "999999");
    int nobody = users("", Map.of(), "enable", "no.one");

    assertThat(List.of(shortPw, region, nobody)).containsOnly(4);
    assertThat(err.toString())
        .contains(
            "refused: password: too short: 5 characters; use at least 10 characters",
            "refused: jurisdiction: not a region code of the reference data",
            "refused: no user no.one");
  }

  @Test
  void aBadConfigFileIsExitCode2() throws Exception {
    Files.writeString(config, "auth: { lockout: { maxFailures: 0 } }\n");

    assertThat(users("", Map.of(), "list")).isEqualTo(2);
    assertThat(err.toString()).contains("auth.lockout.maxFailures");
  }

  private int users(String stdin, Map<String, String> env, String... args) {
    CommandLine cli =
        new CommandLine(
            new UsersCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env,
                ds -> audit::add));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = config.toString();
    return cli.execute(withConfig);
  }
}
