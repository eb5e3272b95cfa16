package org.sharpeyes.ingest.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.tls.PemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache ActiveMQ Artemis broker running in this process with one MQTT acceptor, for a
 * single-machine installation. Messages, retained messages and persistent sessions survive restarts
 * (journal under {@code dataDir}); last wills and retained messages work as MQTT says.
 *
 * <p>With {@code security} on (the default), a {@link BrokerGuard} decides who connects and where
 * each may publish and subscribe; a publish it refuses is acknowledged and dropped, as Mosquitto
 * does (MQTT 3.1.1 has no negative acknowledgement), instead of Artemis' default of closing the
 * connection — which would leave an edge retrying the same message from its outbox forever. With
 * {@code tls}, a second acceptor, on an interface of its own if {@code tls.host} says so, speaks
 * MQTT over TLS with the certificate and key from PEM files ({@link TlsAcceptor}).
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String PLAIN = "mqtt";

  private final EmbeddedActiveMQ server;
  private final String host;
  private final int port;
  private final String tlsHost;
  private final int tlsPort;

  private EmbeddedBroker(
      EmbeddedActiveMQ server, String host, int port, String tlsHost, int tlsPort) {
    this.server = server;
    this.host = host;
    this.port = port;
    this.tlsHost = tlsHost;
    this.tlsPort = tlsPort;
  }

  /**
   * Starts the broker with security off, whatever {@code config.security()} says: for a test of
   * something else on a broker of its own.
   */
  public static EmbeddedBroker startOpen(EmbeddedBrokerConfig config) {
    return start(config.withSecurity(false), null);
  }

  /**
   * Starts the broker; with port 0, a free port is picked first.
   *
   * @param guard who may do what; required when {@code config.security()} is on, ignored otherwise
   * @throws BrokerStartException when it cannot start (port taken, data directory not writable,
   *     unusable TLS files)
   */
  public static EmbeddedBroker start(EmbeddedBrokerConfig config, BrokerGuard guard) {
    if (config.security() && guard == null) {
      throw new IllegalArgumentException("broker security is on: a BrokerGuard is needed");
    }
    int port = config.port() == 0 ? freePort(config.host()) : config.port();
    EmbeddedBrokerConfig.Tls tls = config.tls();
    String tlsHost = config.tlsHost();
    PemIdentity identity = tls == null ? null : TlsAcceptor.identity(tls);
    int tlsPort = tls == null ? -1 : tls.port() == 0 ? freePort(tlsHost) : tls.port();
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
    c.setSecurityEnabled(config.security());
    // Logins are checked on every connection (the guard keeps its own short cache of accounts),
    // so that a disabled edge is refused at its next one.
    c.setAuthenticationCacheSize(0);
    c.setJMXManagementEnabled(false);
    // Without these every auto-created MQTT queue logs AMQ222165/AMQ222166.
    c.addAddressSetting(
        "#",
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of("DLQ"))
            .setExpiryAddress(SimpleString.of("ExpiryQueue")));
    String acceptor =
        "tcp://"
            + config.host()
            + ":"
            + port
            + "?protocols=MQTT;closeMqttConnectionOnPublishAuthorizationFailure=false";
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    if (guard != null && config.security()) {
      server.setSecurityManager(guard);
    }
    try {
      c.addAcceptorConfiguration(PLAIN, acceptor);
      if (tls != null) {
        c.addAcceptorConfiguration(
            TlsAcceptor.NAME, TlsAcceptor.url(identity, tlsHost, tlsPort, dir, new SecureRandom()));
        acceptor += " and TLS on " + tlsHost + ":" + tlsPort;
      }
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
    // Artemis logs an acceptor it cannot create (e.g. a key store it cannot read) and starts
    // without it: that would be a broker that says it listens and does not.
    for (String name : tls == null ? List.of(PLAIN) : List.of(PLAIN, TlsAcceptor.NAME)) {
      Acceptor a = server.getActiveMQServer().getRemotingService().getAcceptor(name);
      if (a == null || !a.isStarted()) {
        stopQuietly(server);
        throw new BrokerStartException(
            "the embedded broker's "
                + (name.equals(PLAIN)
                    ? "MQTT acceptor on " + config.host() + ":" + port
                    : "MQTT-over-TLS acceptor on " + tlsHost + ":" + tlsPort)
                + " did not start (see the log above)",
            null);
      }
    }
    LOG.info(
        "embedded MQTT broker listening on {}:{}{}, security {}, data in {}",
        config.host(),
        port,
        tls == null ? "" : " and MQTT over TLS on " + tlsHost + ":" + tlsPort,
        config.security() ? "on" : "OFF (any client may publish as any edge)",
        dir);
    return new EmbeddedBroker(server, config.host(), port, tlsHost, tlsPort);
  }

  /** Where a client on this machine reaches the TLS acceptor, or {@code null} without one. */
  public URI tlsClientUrl() {
    if (tlsPort < 0) {
      return null;
    }
    return URI.create("ssl://" + connectHost(tlsHost) + ":" + tlsPort);
  }

  /** The port of the TLS acceptor, or -1 without one. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The port the MQTT acceptor listens on. */
  public int port() {
    return port;
  }

  /** The address a client on this machine connects to. */
  public URI clientUrl() {
    return URI.create("tcp://" + connectHost(host) + ":" + port);
  }

  private static String connectHost(String bindHost) {
    return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
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
