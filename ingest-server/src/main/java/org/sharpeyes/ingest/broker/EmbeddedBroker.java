package org.sharpeyes.ingest.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache ActiveMQ Artemis broker running in this process with one MQTT acceptor, for a
 * single-machine installation. Messages, retained messages and persistent sessions survive restarts
 * (journal under {@code dataDir}); last wills and retained messages work as MQTT says. Security is
 * off: bind it to loopback, or use an external broker with per-edge credentials.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedActiveMQ server;
  private final String host;
  private final int port;

  private EmbeddedBroker(EmbeddedActiveMQ server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the broker; with port 0, a free port is picked first.
   *
   * @throws BrokerStartException when it cannot start (port taken, data directory not writable)
   */
  public static EmbeddedBroker start(EmbeddedBrokerConfig config) {
    int port = config.port() == 0 ? freePort(config.host()) : config.port();
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BrokerStartException("cannot create broker data directory " + dir, e);
    }
    ConfigurationImpl c = new ConfigurationImpl();
    c.setName("sharpeyes-embedded");
    c.setPersistenceEnabled(true);
    c.setJournalType(JournalType.NIO); // the native AIO library is not shipped
    c.setJournalDirectory(dir.resolve("journal").toString());
    c.setBindingsDirectory(dir.resolve("bindings").toString());
    c.setPagingDirectory(dir.resolve("paging").toString());
    c.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
    // Use MQTT's own topic syntax for addresses. With Artemis' default ('.' as delimiter) a topic
    // level such as "vehicle.sighted" counts as two words and "events/+" never matches it.
    c.setWildCardConfiguration(
        new WildcardConfiguration().setDelimiter('/').setSingleWord('+').setAnyWords('#'));
    c.setSecurityEnabled(false);
    c.setJMXManagementEnabled(false);
    // Without these every auto-created MQTT queue logs AMQ222165/AMQ222166.
    c.addAddressSetting(
        "#",
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of("DLQ"))
            .setExpiryAddress(SimpleString.of("ExpiryQueue")));
    String acceptor = "tcp://" + config.host() + ":" + port + "?protocols=MQTT";
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    try {
      c.addAcceptorConfiguration("mqtt", acceptor);
      server.setConfiguration(c);
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new BrokerStartException("MQTT acceptor " + acceptor + " failed: " + e.getMessage(), e);
    }
    if (!server.getActiveMQServer().isActive()) {
      stopQuietly(server);
      throw new BrokerStartException(
          "the embedded broker did not become active on " + acceptor + " (see the log above)",
          null);
    }
    LOG.info("embedded MQTT broker listening on {}:{}, data in {}", config.host(), port, dir);
    return new EmbeddedBroker(server, config.host(), port);
  }

  /** The port the MQTT acceptor listens on. */
  public int port() {
    return port;
  }

  /** The address a client on this machine connects to. */
  public URI clientUrl() {
    String connectHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return URI.create("tcp://" + connectHost + ":" + port);
  }

  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(EmbeddedActiveMQ server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
    }
  }

  private static int freePort(String host) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException("cannot find a free port on " + host, e);
    }
  }
}
