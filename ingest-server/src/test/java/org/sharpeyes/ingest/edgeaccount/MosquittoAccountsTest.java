package org.sharpeyes.ingest.edgeaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.broker.EdgePasswords;
import org.sharpeyes.ingest.testing.MosquittoProcess;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.schema.topic.Topics;

/**
 * The password and ACL files we write, read by a real Mosquitto (2.0, /usr/sbin/mosquitto) started
 * here as a child process on a free loopback port.
 */
class MosquittoAccountsTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private MosquittoProcess mosquitto;

  @AfterEach
  void stop() throws Exception {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private record Edge(String id, String password) {}

  private Edge account(String id, boolean disabled, List<EdgeAccount> into) {
    String password = EdgePasswords.generate(RANDOM);
    into.add(
        new EdgeAccount(
            id,
            MosquittoPasswordHash.hash(password.toCharArray(), RANDOM),
            Instant.now(),
            disabled));
    return new Edge(id, password);
  }

  private void startMosquitto(List<EdgeAccount> edges, BrokerCredentials server) throws Exception {
    Path passwords = dir.resolve("passwords");
    Path acl = dir.resolve("acl");
    MosquittoFiles.write(passwords, acl, edges, server, RANDOM);
    mosquitto = MosquittoProcess.start(dir, MosquittoProcess.freePort(), passwords, acl);
  }

  private MqttClient connect(String user, String password) throws MqttException {
    return mosquitto.connect(user, password);
  }

  @Test
  void mosquittoPasswdWritesTheSameFormatAndOurHashChecksItsPassword() throws Exception {
    Path file = dir.resolve("pw");
    Path tool = Path.of("/usr/bin/mosquitto_passwd");
    Assumptions.assumeTrue(Files.isExecutable(tool), "mosquitto_passwd is not installed");
    Process p =
        new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), "edge-x", "s3cret-Pa55")
            .start();
    assertThat(p.waitFor()).isZero();
    String hash = Files.readString(file).trim().substring("edge-x:".length());

    assertThat(hash).startsWith("$7$101$");
    assertThat(MosquittoPasswordHash.matches(hash, "s3cret-Pa55".toCharArray())).isTrue();
    assertThat(MosquittoPasswordHash.matches(hash, "s3cret-Pa56".toCharArray())).isFalse();
  }

  @Test
  void edgeACredentialsPublishingOnEdgeBsTopicReachNobodyOnMosquitto() throws Exception {
    List<EdgeAccount> edges = new java.util.ArrayList<>();
    Edge a = account("edge-a", false, edges);
    Edge b = account("edge-b", false, edges);
    BrokerCredentials server = new BrokerCredentials("ingest", "server-pass-1".toCharArray());
    startMosquitto(edges, server);

    Map<String, String> atServer = new ConcurrentHashMap<>();
    MqttClient ingest = connect("ingest", "server-pass-1");
    ingest.subscribe(Topics.allStatus(), 1, (t, m) -> atServer.put(t, new String(m.getPayload())));
    MqttClient edgeA = connect(a.id(), a.password());

    edgeA.publish(Topics.status(b.id()), "forged".getBytes(), 1, false);
    edgeA.publish(Topics.status(a.id()), "online".getBytes(), 1, false);

    await().until(() -> atServer.containsKey(Topics.status(a.id())));
    assertThat(atServer).containsOnlyKeys(Topics.status(a.id()));
    edgeA.disconnect();
    ingest.disconnect();
  }

  @Test
  void anonymousWrongPasswordAndDisabledEdgesAreRefusedByMosquitto() throws Exception {
    List<EdgeAccount> edges = new java.util.ArrayList<>();
    Edge a = account("edge-a", false, edges);
    Edge off = account("edge-off", true, edges);
    startMosquitto(edges, BrokerCredentials.ANONYMOUS);

    assertThatThrownBy(() -> connect(null, null)).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect(a.id(), "wrong")).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect(off.id(), off.password())).isInstanceOf(MqttException.class);
    connect(a.id(), a.password()).disconnect();
  }

  @Test
  void anEdgeReadsItsOwnSyncTopicButNotAnothersOnMosquitto() throws Exception {
    List<EdgeAccount> edges = new java.util.ArrayList<>();
    Edge a = account("edge-a", false, edges);
    account("edge-b", false, edges);
    startMosquitto(edges, new BrokerCredentials("ingest", "server-pass-1".toCharArray()));
    MqttClient ingest = connect("ingest", "server-pass-1");
    ingest.publish(Topics.sync("edge-a", Topics.WATCHLIST), "for a".getBytes(), 1, true);
    ingest.publish(Topics.sync("edge-b", Topics.WATCHLIST), "for b".getBytes(), 1, true);
    ingest.disconnect();

    Map<String, String> received = new ConcurrentHashMap<>();
    MqttClient edgeA = connect(a.id(), a.password());
    // Mosquitto grants a subscription to a filter it will deliver nothing on; reads are checked
    // per message.
    edgeA.subscribe(
        Topics.ROOT + "/edge/+/sync/#", 1, (t, m) -> received.put(t, new String(m.getPayload())));

    await().until(() -> received.containsKey(Topics.sync("edge-a", Topics.WATCHLIST)));
    assertThat(received).containsOnlyKeys(Topics.sync("edge-a", Topics.WATCHLIST));
    edgeA.disconnect();
  }
}
