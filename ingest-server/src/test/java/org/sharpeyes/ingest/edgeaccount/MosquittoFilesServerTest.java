package org.sharpeyes.ingest.edgeaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.MosquittoFilesConfig;
import org.sharpeyes.ingest.testing.MosquittoProcess;
import org.sharpeyes.mqtt.BrokerCredentials;

/**
 * A server with {@code broker.mosquittoFiles} keeps an external Mosquitto's files current: at its
 * start and after each account change made through it.
 */
class MosquittoFilesServerTest {

  @TempDir Path dir;
  private Path passwords;
  private Path acl;
  private int port;
  private IngestServer server;
  private MosquittoProcess mosquitto;

  @BeforeEach
  void staleFiles() throws Exception {
    passwords = dir.resolve("passwords");
    acl = dir.resolve("acl");
    port = MosquittoProcess.freePort();
    Files.writeString(
        passwords,
        "edge-gone:"
            + MosquittoPasswordHash.hash("restored-pass".toCharArray(), new java.util.Random(1))
            + "\n");
    Files.writeString(acl, "# from an old backup\ntopic readwrite #\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private IngestServer start() {
    IngestServerConfig config =
        IngestServerConfig.ephemeral(dir.resolve("data"))
            .withExternalBroker(URI.create("tcp://127.0.0.1:" + port))
            .withBrokerCredentials(new BrokerCredentials("ingest", "server-pass-1".toCharArray()))
            .withMosquittoFiles(new MosquittoFilesConfig(passwords, acl));
    return IngestServer.start(config, Clock.systemUTC());
  }

  @Test
  void theServersStartRewritesStaleFilesAndAnEdgeAddedThroughItLogsInAfterAReload()
      throws Exception {
    server = start();

    assertThat(Files.readString(passwords)).doesNotContain("edge-gone").startsWith("ingest:$7$");
    assertThat(Files.readString(acl))
        .doesNotContain("readwrite #")
        .contains("pattern write sharpeyes/v1/edge/%u/status", "user ingest");

    mosquitto = MosquittoProcess.start(dir, port, passwords, acl);
    await().until(server::brokerConnected);
    assertThat(mosquitto.accepts("edge-gone", "restored-pass")).isFalse();

    NewEdgeAccount east = server.edgeAccounts().add("edge-east", "test", "test");
    mosquitto.reload();
    await().until(() -> mosquitto.accepts("edge-east", east.password()));

    server.edgeAccounts().disable("edge-east", "test", "test");
    mosquitto.reload();
    await().until(() -> !mosquitto.accepts("edge-east", east.password()));
  }

  @Test
  void aRestartWithNoAccountChangedLeavesTheFilesAsTheyWere() throws Exception {
    server = start();
    server.edgeAccounts().add("edge-east", "test", "test");
    String before = Files.readString(passwords);
    server.close();

    server = start();

    assertThat(Files.readString(passwords)).isEqualTo(before);
  }
}
