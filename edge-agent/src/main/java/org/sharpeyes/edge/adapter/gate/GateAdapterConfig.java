package org.sharpeyes.edge.adapter.gate;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Settings of one access controller reached over OPC UA (the {@code gate} section of a device); see
 * {@code docs/config.md}. One device entry is one controller; its doors are devices of their own,
 * each with its 20-digit id (type 121), given here or read from the controller.
 *
 * @param endpoint {@code opc.tcp://host:port[/path]}, without user information
 * @param policy the security policy asked for
 * @param mode the message security mode; {@link Mode#NONE} exactly when the policy is {@link
 *     Policy#NONE}
 * @param usernameEnv name of the variable holding the user name, or {@code null}: anonymous
 * @param passwordEnv name of the variable holding the password; set exactly with {@code
 *     usernameEnv}
 * @param pkiDir our application certificate ({@code own/}) and the trust list ({@code
 *     trusted/certs}, {@code rejected/}), made on first start
 * @param trustedServerCertificates server certificates (DER or PEM) copied into the trust list
 * @param trustOnFirstUse trust the server's certificate when the trust list is empty (labs only)
 * @param profile what the controller's nodes and event fields mean
 * @param samplingInterval how often the server samples each door's state variable
 * @param publishingInterval how often the server sends what changed
 * @param requestTimeout the longest one OPC UA request (and the TCP connect) may take
 * @param reconnect backoff between connection attempts
 * @param doors the doors to watch, with their ids; empty: every door the profile finds
 * @param maxDoors doors watched at most; more are reported and left out
 * @param eventIdMemory event ids remembered to drop an event the server sends twice
 * @param eventQueueSize events the server keeps for us between two publishes; more are lost there
 */
public record GateAdapterConfig(
    URI endpoint,
    Policy policy,
    Mode mode,
    String usernameEnv,
    String passwordEnv,
    Path pkiDir,
    List<Path> trustedServerCertificates,
    boolean trustOnFirstUse,
    GateProfile profile,
    Duration samplingInterval,
    Duration publishingInterval,
    Duration requestTimeout,
    Backoff.Bounds reconnect,
    List<Door> doors,
    int maxDoors,
    int eventIdMemory,
    int eventQueueSize)
    implements AdapterSettings {

  public static final Path DEFAULT_PKI_DIR = Path.of("data", "opcua-pki");
  public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_PUBLISHING_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_DOORS = 256;
  public static final int MAX_DOORS = 10_000;
  public static final int DEFAULT_EVENT_ID_MEMORY = 10_000;
  public static final int DEFAULT_EVENT_QUEUE_SIZE = 1_000;

  public GateAdapterConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(samplingInterval, "samplingInterval");
    Objects.requireNonNull(publishingInterval, "publishingInterval");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(reconnect, "reconnect");
    trustedServerCertificates = List.copyOf(trustedServerCertificates);
    doors = List.copyOf(doors);
    if (!"opc.tcp".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("endpoint must be opc.tcp://host:port[/path]");
    }
    if ((policy == Policy.NONE) != (mode == Mode.NONE)) {
      throw new IllegalArgumentException("mode must be None exactly when the policy is None");
    }
    if ((usernameEnv == null) != (passwordEnv == null)) {
      throw new IllegalArgumentException("usernameEnv and passwordEnv go together");
    }
    if (maxDoors < 1 || maxDoors > MAX_DOORS) {
      throw new IllegalArgumentException("maxDoors must be 1.." + MAX_DOORS);
    }
    if (eventIdMemory < 1 || eventQueueSize < 1) {
      throw new IllegalArgumentException("eventIdMemory and eventQueueSize must be at least 1");
    }
    if (profile.doorIdProperty() == null && doors.stream().anyMatch(d -> d.id() == null)) {
      throw new IllegalArgumentException(
          "profile " + profile.name() + " reads no door id: every door needs its id");
    }
  }

  /** The endpoint and its security, for status and logs: it never holds credentials. */
  public String describeEndpoint() {
    return endpoint + " (" + policy.configName() + ", " + mode.configName() + ")";
  }

  /**
   * A door to watch.
   *
   * @param node the door's browse name under the controller, e.g. {@code Door01}
   * @param id its 20-digit GB/T 28181 id (type 121), or {@code null} to read it from the controller
   *     (the profile's door id property)
   */
  public record Door(String node, String id) {
    public Door {
      Objects.requireNonNull(node, "node");
      if (id != null && !GbDeviceId.isValid(id)) {
        throw new IllegalArgumentException("door id '" + id + "' is not 20 digits");
      }
    }
  }

  /** The OPC UA security policies the adapter can ask for, by their name in the config. */
  public enum Policy {
    NONE("None"),
    BASIC256SHA256("Basic256Sha256"),
    AES128_SHA256_RSAOAEP("Aes128_Sha256_RsaOaep"),
    AES256_SHA256_RSAPSS("Aes256_Sha256_RsaPss");

    private final String configName;

    Policy(String configName) {
      this.configName = configName;
    }

    /** As written in the config file and in the OPC UA policy URI, e.g. {@code Basic256Sha256}. */
    public String configName() {
      return configName;
    }

    public static Optional<Policy> fromConfigName(String name) {
      return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }
  }

  /** The OPC UA message security modes, by their name in the config. */
  public enum Mode {
    NONE("None"),
    SIGN("Sign"),
    SIGN_AND_ENCRYPT("SignAndEncrypt");

    private final String configName;

    Mode(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    public static Optional<Mode> fromConfigName(String name) {
      return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.GATE;
  }

  @Override
  public OptionalInt listenPort() {
    return OptionalInt.empty();
  }

  @Override
  public AdapterSettings withListenPort(int port) {
    return this;
  }

  /** The controller's login variables, when it has one. */
  @Override
  public List<String> requiredEnvironment() {
    return usernameEnv == null ? List.of() : List.of(usernameEnv, passwordEnv);
  }
}
