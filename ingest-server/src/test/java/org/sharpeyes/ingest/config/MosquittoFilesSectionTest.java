package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;

/** {@code broker.mosquittoFiles}: where the server keeps an external Mosquitto's files. */
class MosquittoFilesSectionTest {

  private static final String EXTERNAL =
      "broker:\n  url: tcp://127.0.0.1:1883\n  usernameEnv: MQ_USER\n  passwordEnv: MQ_PASSWORD\n";

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader =
      new IngestServerConfigLoader(Map.of("MQ_USER", "ingest", "MQ_PASSWORD", "server-pass-1"));

  @BeforeEach
  void directories() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
    Files.createDirectories(configDir.resolve("mosquitto"));
  }

  private List<String> errorsOf(String yaml) {
    ConfigResult<IngestServerConfig> result = loader.parse(yaml, configDir, ConfigOverrides.NONE);
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theFilesAreRelativeToTheConfigFile() {
    MosquittoFilesConfig files =
        loader
            .parse(
                EXTERNAL
                    + "  mosquittoFiles: { passwordFile: mosquitto/passwords, aclFile:"
                    + " mosquitto/acl }\n",
                configDir,
                ConfigOverrides.NONE)
            .orThrow()
            .mosquittoFiles();

    assertThat(files.passwordFile()).isEqualTo(configDir.resolve("mosquitto/passwords"));
    assertThat(files.aclFile()).isEqualTo(configDir.resolve("mosquitto/acl"));
  }

  @Test
  void withoutTheSectionTheServerKeepsNoMosquittoFiles() {
    assertThat(loader.parse(EXTERNAL, configDir, ConfigOverrides.NONE).orThrow().mosquittoFiles())
        .isNull();
  }

  @Test
  void withoutTheServersOwnAccountTheSectionIsAProblemNamingTheKeysToSet() {
    assertThat(
            errorsOf(
                "broker:\n  url: tcp://127.0.0.1:1883\n  mosquittoFiles: { passwordFile:"
                    + " mosquitto/passwords, aclFile: mosquitto/acl }\n"))
        .containsExactly(
            "broker.mosquittoFiles: the server's own Mosquitto account goes in the password file,"
                + " and it has none — set broker.usernameEnv and broker.passwordEnv (the variables"
                + " holding the server's user name and password)");
  }

  @Test
  void theEmbeddedBrokerTakesNoMosquittoFiles() {
    assertThat(
            errorsOf(
                "broker:\n  mosquittoFiles: { passwordFile: mosquitto/passwords, aclFile:"
                    + " mosquitto/acl }\n"))
        .singleElement()
        .asString()
        .startsWith("broker.mosquittoFiles: set while the embedded broker runs");
  }

  @Test
  void aMissingFileAMissingDirectoryOrAMisspelledKeyIsAProblemAtItsKey() {
    assertThat(errorsOf(EXTERNAL + "  mosquittoFiles: { passwordFile: mosquitto/passwords }\n"))
        .containsExactly(
            "broker.mosquittoFiles.aclFile: missing — name both files the Mosquitto config reads,"
                + " e.g. mosquittoFiles: { passwordFile: /etc/mosquitto/sharpeyes/passwords,"
                + " aclFile: /etc/mosquitto/sharpeyes/acl }");
    assertThat(
            errorsOf(
                EXTERNAL + "  mosquittoFiles: { passwordFile: nowhere/passwords, aclFile: acl }\n"))
        .containsExactly(
            "broker.mosquittoFiles.passwordFile: directory "
                + configDir.resolve("nowhere")
                + " does not exist — create it (the Mosquitto config names the file in it) or fix"
                + " the path (relative paths start at the config file)");
    assertThat(
            errorsOf(
                EXTERNAL
                    + "  mosquittoFiles: { passwdFile: mosquitto/passwords, aclFile:"
                    + " mosquitto/acl }\n"))
        .first()
        .asString()
        .startsWith("broker.mosquittoFiles.passwdFile: unknown key");
  }

  @Test
  void oneFileForBothOrADirectoryIsAProblemAtItsKey() {
    assertThat(
            errorsOf(
                EXTERNAL
                    + "  mosquittoFiles: { passwordFile: mosquitto/f, aclFile: mosquitto/f }\n"))
        .containsExactly(
            "broker.mosquittoFiles.aclFile: the same file as passwordFile — Mosquitto needs two:"
                + " name another");
    assertThat(
            errorsOf(
                EXTERNAL
                    + "  mosquittoFiles: { passwordFile: mosquitto, aclFile: mosquitto/acl }\n"))
        .singleElement()
        .asString()
        .startsWith(
            "broker.mosquittoFiles.passwordFile: "
                + configDir.resolve("mosquitto")
                + " is a directory");
  }
}
