package org.sharpeyes.ingest.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto 2.0 ({@code /usr/sbin/mosquitto}) as a child process on a loopback port, reading
 * the password and ACL files a test names; the test is skipped where Mosquitto is not installed.
 */
public final class MosquittoProcess implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final int port;

  private MosquittoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A loopback port nothing listens on just now. */
  public static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Starts Mosquitto on {@code port} with its config and log in {@code dir}; returns once up. */
  public static MosquittoProcess start(Path dir, int port, Path passwordFile, Path aclFile)
      throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "Mosquitto is not installed");
    Path conf = dir.resolve("mosquitto-" + port + ".conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous false",
            "password_file " + passwordFile,
            "acl_file " + aclFile,
            "user root",
            "log_dest stdout",
            ""));
    Process p =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile())
            .start();
    MosquittoProcess mosquitto = new MosquittoProcess(p, port);
    await().atMost(Duration.ofSeconds(10)).until(mosquitto::listening);
    return mosquitto;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** {@code kill -HUP}: Mosquitto reads its password and ACL files again (soon after). */
  public void reload() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -HUP " + process.pid() + " failed");
    }
  }

  /** A client logged in as {@code user} ({@code null}: anonymous); throws when refused. */
  public MqttClient connect(String user, String password) throws MqttException {
    MqttClient c =
        new MqttClient(
            url(),
            user + "-" + ThreadLocalRandom.current().nextInt(1 << 20),
            new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password.toCharArray());
    }
    c.connect(o);
    return c;
  }

  /** Whether {@code user} may log in now (the client is disconnected again). */
  public boolean accepts(String user, String password) {
    try {
      MqttClient c = connect(user, password);
      c.disconnect();
      c.close();
      return true;
    } catch (MqttException e) {
      return false;
    }
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
