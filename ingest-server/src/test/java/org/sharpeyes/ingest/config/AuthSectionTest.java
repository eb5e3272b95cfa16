package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;

/** The {@code auth} section of ingest-server.yaml. */
class AuthSectionTest {

  @TempDir Path configDir;
  private final IngestServerConfigLoader loader = new IngestServerConfigLoader(Map.of());

  private ConfigResult<IngestServerConfig> parse(String yaml) throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
    return loader.parse(yaml, configDir, ConfigOverrides.NONE);
  }

  @Test
  void anEmptySectionMeansTheDefaults() throws Exception {
    AuthConfig auth = parse("").orThrow().auth();

    assertThat(auth).isEqualTo(AuthConfig.defaults());
    assertThat(auth.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(auth.lockout().maxFailures()).isEqualTo(5);
  }

  @Test
  void theShippedDemoConfigSeedsTheDemoUsersFileBesideIt() {
    AuthConfig auth =
        loader.load(Path.of("../config/ingest-server.yaml"), ConfigOverrides.NONE).orThrow().auth();

    assertThat(auth.seedUsers())
        .endsWith(Path.of("config", "demo-city", "users.yaml"))
        .isRegularFile();
  }

  @Test
  void lockoutOidcAndSeedFileAreReadWithPathsRelativeToTheConfigFile() throws Exception {
    Files.writeString(configDir.resolve("users.yaml"), "users: []\n");
    AuthConfig auth =
        parse(
                "auth:\n"
                    + "  lockout: { maxFailures: 3, duration: 10m, delay: 1s }\n"
                    + "  seedUsers: users.yaml\n"
                    + "  oidc:\n"
                    + "    issuer: https://sso.example/realms/city\n"
                    + "    audience: sharpeyes-api\n"
                    + "    claims: { role: groups_role }\n"
                    + "    roleMap: { cc-desk: operator }\n")
            .orThrow()
            .auth();

    assertThat(auth.lockout())
        .isEqualTo(new AuthConfig.Lockout(3, Duration.ofMinutes(10), Duration.ofSeconds(1)));
    assertThat(auth.seedUsers()).isEqualTo(configDir.resolve("users.yaml"));
    assertThat(auth.oidc().issuer()).isEqualTo(URI.create("https://sso.example/realms/city"));
    assertThat(auth.oidc().roleClaim()).isEqualTo("groups_role");
    assertThat(auth.oidc().jurisdictionClaim()).isEqualTo("sharpeyes_jurisdiction");
    assertThat(auth.oidc().roleMap()).isEqualTo(Map.of("cc-desk", "operator"));
  }

  @Test
  void everyProblemIsNamedWithItsPath() throws Exception {
    ConfigResult<IngestServerConfig> r =
        parse(
            "auth:\n"
                + "  accesTokenLifetime: 5m\n"
                + "  keys: { privateKey: missing.pem }\n"
                + "  lockout: { maxFailures: 0 }\n"
                + "  oidc: { issuer: ftp://x, roleMap: { a: boss } }\n");

    assertThat(r.problems().stream().map(ConfigProblem::toString))
        .anySatisfy(p -> assertThat(p).startsWith("auth.accesTokenLifetime: unknown key"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.keys.privateKey: file "))
        .anySatisfy(p -> assertThat(p).startsWith("auth.keys.publicKey: missing"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.lockout.maxFailures: "))
        .anySatisfy(p -> assertThat(p).startsWith("auth.oidc.issuer: 'ftp://x' must start with"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.oidc.audience: missing"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.oidc.roleMap.a: 'boss' is not a role"));
  }
}
