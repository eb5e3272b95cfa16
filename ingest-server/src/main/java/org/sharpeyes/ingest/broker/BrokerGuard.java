package org.sharpeyes.ingest.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's security: who may connect ({@link EdgeLogins} for edges, the in-memory
 * {@link ServerAccount} for the server's own connections, nobody anonymous) and where each may
 * publish and subscribe ({@link TopicAccess}). Every refusal is logged (at most once per {@link
 * #LOG_EVERY} for the same user and reason, with how many were not logged) and counted in {@code
 * sharpeyes_broker_refused_total{reason}}.
 *
 * <p>Artemis calls it on its own threads, many at once; it is thread-safe. Addresses are MQTT
 * topics as they are (the broker's wildcard syntax is MQTT's), a queue check arrives as {@code
 * address::queue}.
 */
public final class BrokerGuard implements ActiveMQSecurityManager5 {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerGuard.class);

  /** The shortest time between two log lines for the same user and reason. */
  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  static final String EDGE_ROLE = "edge";
  static final String SERVER_ROLE = "server";
  static final String READER_ROLE = "alert-reader";

  /** Why a connection or an operation was refused: the {@code reason} label of the metric. */
  public enum Refusal {
    ANONYMOUS("anonymous"),
    UNKNOWN_EDGE("unknown-edge"),
    WRONG_PASSWORD("wrong-password"),
    DISABLED("disabled"),
    ACCOUNTS_UNAVAILABLE("accounts-unavailable"),
    PUBLISH_DENIED("publish-denied"),
    SUBSCRIBE_DENIED("subscribe-denied"),
    OTHER_DENIED("other-denied");

    final String label;

    Refusal(String label) {
      this.label = label;
    }
  }

  private final EdgeLogins edges;
  private final AlertReaders readers;
  private final Map<String, String> readerRoots = new ConcurrentHashMap<>();
  private final ServerAccount server;
  private final Clock clock;
  private final Map<Refusal, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  /**
   * @param edges checks edge accounts
   * @param server the server's own account for this run
   * @param registry where refusals are counted
   */
  public BrokerGuard(EdgeLogins edges, ServerAccount server, MeterRegistry registry, Clock clock) {
    this(edges, AlertReaders.NONE, server, registry, clock);
  }

  /**
   * @param readers checks the accounts that may read alert topics (integrators), tried when the
   *     user name is no edge's
   */
  public BrokerGuard(
      EdgeLogins edges,
      AlertReaders readers,
      ServerAccount server,
      MeterRegistry registry,
      Clock clock) {
    this.edges = edges;
    this.readers = readers;
    this.server = server;
    this.registry = registry;
    this.clock = clock;
    for (Refusal r : Refusal.values()) {
      counter(r); // every label present from the start, at 0
    }
  }

  @Override
  public Subject authenticate(
      String user, String password, RemotingConnection connection, String securityDomain) {
    String from = connection == null ? "?" : connection.getRemoteAddress();
    if (user == null || user.isEmpty()) {
      refuse(Refusal.ANONYMOUS, "-", "anonymous connection from " + from);
      return null;
    }
    char[] secret = password == null ? new char[0] : password.toCharArray();
    if (user.equals(server.username())) {
      if (constantTimeEquals(server.password(), password)) {
        return subject(user, SERVER_ROLE);
      }
      refuse(Refusal.WRONG_PASSWORD, user, "wrong password for the server account from " + from);
      return null;
    }
    if (!Topics.EDGE_ID.matcher(user).matches()) {
      refuse(Refusal.UNKNOWN_EDGE, user, "user name is not an edge id, from " + from);
      return null;
    }
    EdgeLogins.Verdict verdict =
        secret.length == 0 ? EdgeLogins.Verdict.WRONG_PASSWORD : edges.check(user, secret);
    if (verdict == EdgeLogins.Verdict.UNKNOWN_EDGE && secret.length > 0) {
      AlertReaders.Reader reader = readers.check(user, secret);
      switch (reader.verdict()) {
        case ACCEPTED -> {
          readerRoots.put(user, reader.topicRoot());
          return subject(user, READER_ROLE);
        }
        case WRONG_PASSWORD -> {
          return refused(
              Refusal.WRONG_PASSWORD, user, "wrong password for " + user + ", from " + from);
        }
        case DISABLED -> {
          return refused(Refusal.DISABLED, user, user + " is disabled, from " + from);
        }
        default -> {
          // not an alert reader either: refused below as an unknown edge
        }
      }
    }
    return switch (verdict) {
      case ACCEPTED -> subject(user, EDGE_ROLE);
      case UNKNOWN_EDGE ->
          refused(Refusal.UNKNOWN_EDGE, user, "no account for edge " + user + ", from " + from);
      case WRONG_PASSWORD ->
          refused(
              Refusal.WRONG_PASSWORD, user, "wrong password for edge " + user + ", from " + from);
      case DISABLED ->
          refused(Refusal.DISABLED, user, "edge " + user + " is disabled, from " + from);
      case UNAVAILABLE ->
          refused(
              Refusal.ACCOUNTS_UNAVAILABLE,
              user,
              "edge accounts cannot be read; edge " + user + " refused for now");
    };
  }

  @Override
  public boolean authorize(Subject subject, Set<Role> roles, CheckType type, String address) {
    String user = user(subject);
    if (user == null) {
      return false;
    }
    int queue = address.indexOf("::");
    String topic = queue < 0 ? address : address.substring(0, queue);
    boolean isServer = has(subject, SERVER_ROLE);
    boolean allowed =
        has(subject, READER_ROLE)
            ? readerMay(user, type, topic)
            : switch (type) {
              case SEND ->
                  isServer
                      ? TopicAccess.serverMayPublish(topic)
                      : TopicAccess.edgeMayPublish(user, topic);
              case CONSUME,
                      CREATE_DURABLE_QUEUE,
                      CREATE_NON_DURABLE_QUEUE,
                      DELETE_DURABLE_QUEUE,
                      DELETE_NON_DURABLE_QUEUE ->
                  isServer
                      ? TopicAccess.serverMaySubscribe(topic)
                      : TopicAccess.edgeMaySubscribe(user, topic);
                // An address carries nothing by itself; the send or the subscription that follows
                // is
                // checked, and refused there with the right reason.
              case CREATE_ADDRESS -> topic.startsWith(Topics.ROOT + "/");
                // Artemis removes a topic's address when the last subscription to it goes (an edge
                // unsubscribing from a watchlist photo it has fetched); retained messages are kept
                // elsewhere, so whoever may read or write the topic may let its empty address go.
              case DELETE_ADDRESS ->
                  isServer
                      ? TopicAccess.serverMaySubscribe(topic) || TopicAccess.serverMayPublish(topic)
                      : TopicAccess.edgeMaySubscribe(user, topic)
                          || TopicAccess.edgeMayPublish(user, topic);
              default -> false;
            };
    if (!allowed) {
      Refusal why =
          switch (type) {
            case SEND -> Refusal.PUBLISH_DENIED;
            case CONSUME, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE ->
                Refusal.SUBSCRIBE_DENIED;
            default -> Refusal.OTHER_DENIED;
          };
      refuse(why, user, user + " may not " + type.name().toLowerCase() + " on " + topic);
    }
    return allowed;
  }

  /** An alert reader subscribes under its jurisdiction's alert topic, and does nothing else. */
  private boolean readerMay(String user, CheckType type, String topic) {
    String root = readerRoots.get(user);
    if (root == null) {
      return false;
    }
    return switch (type) {
      case CONSUME,
              CREATE_DURABLE_QUEUE,
              CREATE_NON_DURABLE_QUEUE,
              DELETE_DURABLE_QUEUE,
              DELETE_NON_DURABLE_QUEUE,
              DELETE_ADDRESS ->
          TopicAccess.covers(root + "/#", topic);
      case CREATE_ADDRESS -> topic.startsWith(root);
      default -> false;
    };
  }

  @Override
  public boolean validateUser(String user, String password) {
    return authenticate(user, password, null, null) != null;
  }

  @Override
  public boolean validateUserAndRole(
      String user, String password, Set<Role> roles, CheckType type) {
    return false; // only the Subject-based checks above are used
  }

  @Override
  public String getUserFromSubject(Subject subject) {
    return user(subject);
  }

  /** How many refusals of this kind so far. */
  public double refused(Refusal reason) {
    return counter(reason).count();
  }

  private Subject refused(Refusal reason, String user, String message) {
    refuse(reason, user, message);
    return null;
  }

  private void refuse(Refusal reason, String user, String message) {
    counter(reason).increment();
    Instant now = clock.instant();
    Throttle t = throttles.computeIfAbsent(user + "|" + reason, k -> new Throttle());
    long skipped = t.pass(now);
    if (skipped >= 0) {
      LOG.warn(
          "broker refused ({}): {}{}",
          reason.label,
          message,
          skipped > 0 ? " (and " + skipped + " more like it not logged)" : "");
    }
    if (throttles.size() > 10_000) {
      throttles.clear(); // bounded: forgetting only means one extra log line per user
    }
  }

  private Counter counter(Refusal reason) {
    return counters.computeIfAbsent(
        reason,
        r ->
            Counter.builder("sharpeyes.broker.refused")
                .description("connections and operations the embedded broker refused, by reason")
                .tag("reason", r.label)
                .register(registry));
  }

  private static Subject subject(String user, String role) {
    Subject s = new Subject();
    s.getPrincipals().add(new UserPrincipal(user));
    s.getPrincipals().add(new RolePrincipal(role));
    return s;
  }

  private static String user(Subject subject) {
    if (subject == null) {
      return null;
    }
    return subject.getPrincipals(UserPrincipal.class).stream()
        .map(UserPrincipal::getName)
        .findFirst()
        .orElse(null);
  }

  private static boolean has(Subject subject, String role) {
    return subject.getPrincipals(RolePrincipal.class).stream()
        .anyMatch(p -> p.getName().equals(role));
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Lets one log line through per {@link #LOG_EVERY}; counts the others. */
  private static final class Throttle {
    private Instant last = Instant.MIN;
    private long suppressed;

    /** -1 to stay quiet, else how many were suppressed since the last line. */
    synchronized long pass(Instant now) {
      if (last != Instant.MIN && Duration.between(last, now).compareTo(LOG_EVERY) < 0) {
        suppressed++;
        return -1;
      }
      last = now;
      long s = suppressed;
      suppressed = 0;
      return s;
    }
  }
}
