package org.sharpeyes.sims.gate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * How a {@link GateSimulator} behaves: immutable, built by {@link #builder()}. Setters fail fast
 * with a sentence naming the bound; {@link Builder#build()} checks the combinations.
 */
public final class GateSimulatorOptions {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4840;
  public static final String DEFAULT_PATH = "/sharpeyes/gate";
  public static final int DEFAULT_DOORS = 2;
  public static final int MAX_DOORS = 99;
  public static final double MAX_RATE = 1000;
  public static final GbDeviceId DEFAULT_FIRST_DEVICE_ID = new GbDeviceId("43070200001340000001");
  public static final double DEFAULT_FORCED_SHARE = 0.02;
  public static final double DEFAULT_HELD_SHARE = 0.05;
  public static final double DEFAULT_UNKNOWN_SHARE = 0.1;
  public static final Path DEFAULT_PKI_DIR =
      Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "device-sims", "gate-pki");

  /**
   * Protects the simulator's key store; not a secret worth more (the key identifies a simulator).
   * The CLI takes {@code DEVICE_SIMS_PKI_PASSWORD} from the environment instead when it is set.
   */
  public static final String DEFAULT_KEY_STORE_PASSWORD = "device-sims";

  private final Builder b;

  private GateSimulatorOptions(Builder b) {
    this.b = b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some. */
  public Builder toBuilder() {
    return b.copy();
  }

  public String host() {
    return b.host;
  }

  /** The port; 0 picks a free one at the first start and keeps it for restarts. */
  public int port() {
    return b.port;
  }

  public String path() {
    return b.path;
  }

  public int doors() {
    return b.doors;
  }

  /** Door <i>k</i>'s GB/T 28181 id: the first id's serial (last 6 digits) plus k - 1. */
  public List<GbDeviceId> deviceIds() {
    String first = b.firstDeviceId.value();
    long serial = Long.parseLong(first.substring(14));
    List<GbDeviceId> ids = new ArrayList<>();
    for (int k = 0; k < b.doors; k++) {
      ids.add(new GbDeviceId(first.substring(0, 14) + String.format("%06d", serial + k)));
    }
    return ids;
  }

  /** Presentations per second of generated traffic; 0 for none (only the API, or a script). */
  public double rate() {
    return b.rate;
  }

  /** The seed of generated traffic; empty picks one at random (and logs it). */
  public Optional<Long> seed() {
    return Optional.ofNullable(b.seed);
  }

  public double forcedShare() {
    return b.forcedShare;
  }

  public double heldShare() {
    return b.heldShare;
  }

  public double unknownShare() {
    return b.unknownShare;
  }

  public CredentialList credentials() {
    return b.credentials;
  }

  /** The script that replaces generated traffic, if any. */
  public Optional<GateScript> script() {
    return Optional.ofNullable(b.script);
  }

  public GateSecurity security() {
    return b.security;
  }

  public Path pkiDir() {
    return b.pkiDir;
  }

  public boolean trustAllClients() {
    return b.trustAllClients;
  }

  public boolean anonymous() {
    return b.anonymous;
  }

  /** User name → password. */
  public Map<String, String> users() {
    return Map.copyOf(b.users);
  }

  Supplier<char[]> keyStorePassword() {
    String password = b.keyStorePassword;
    return password::toCharArray;
  }

  /** Builds {@link GateSimulatorOptions}; every setter checks its value at once. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String path = DEFAULT_PATH;
    private int doors = DEFAULT_DOORS;
    private GbDeviceId firstDeviceId = DEFAULT_FIRST_DEVICE_ID;
    private double rate;
    private Long seed;
    private double forcedShare = DEFAULT_FORCED_SHARE;
    private double heldShare = DEFAULT_HELD_SHARE;
    private double unknownShare = DEFAULT_UNKNOWN_SHARE;
    private CredentialList credentials = CredentialList.builtIn();
    private GateScript script;
    private GateSecurity security = GateSecurity.ALL;
    private Path pkiDir = DEFAULT_PKI_DIR;
    private boolean trustAllClients;
    private boolean anonymous = true;
    private Map<String, String> users = new LinkedHashMap<>();
    private String keyStorePassword = DEFAULT_KEY_STORE_PASSWORD;

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.host = host;
      c.port = port;
      c.path = path;
      c.doors = doors;
      c.firstDeviceId = firstDeviceId;
      c.rate = rate;
      c.seed = seed;
      c.forcedShare = forcedShare;
      c.heldShare = heldShare;
      c.unknownShare = unknownShare;
      c.credentials = credentials;
      c.script = script;
      c.security = security;
      c.pkiDir = pkiDir;
      c.trustAllClients = trustAllClients;
      c.anonymous = anonymous;
      c.users = new LinkedHashMap<>(users);
      c.keyStorePassword = keyStorePassword;
      return c;
    }

    /** The address to bind, 127.0.0.1 by default; 0.0.0.0 for every interface. */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("--host must name an address, e.g. 127.0.0.1");
      }
      this.host = host.strip();
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    public Builder path(String path) {
      if (path == null || !path.startsWith("/") || path.endsWith("/discovery")) {
        throw new IllegalArgumentException(
            "the endpoint path must start with / and not end in /discovery, was " + path);
      }
      this.path = path;
      return this;
    }

    public Builder doors(int doors) {
      if (doors < 1 || doors > MAX_DOORS) {
        throw new IllegalArgumentException("--doors must be 1.." + MAX_DOORS + ", was " + doors);
      }
      this.doors = doors;
      return this;
    }

    /** Door 1's id; the others follow in its serial (last 6 digits). */
    public Builder firstDeviceId(GbDeviceId id) {
      this.firstDeviceId = Objects.requireNonNull(id, "firstDeviceId");
      return this;
    }

    public Builder rate(double perSecond) {
      if (!(perSecond >= 0 && perSecond <= MAX_RATE)) {
        throw new IllegalArgumentException(
            "--rate must be 0.." + (int) MAX_RATE + " per second, was " + perSecond);
      }
      this.rate = perSecond;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder forcedShare(double share) {
      this.forcedShare = share("--forced-share", share);
      return this;
    }

    public Builder heldShare(double share) {
      this.heldShare = share("--held-share", share);
      return this;
    }

    public Builder unknownShare(double share) {
      this.unknownShare = share("--unknown-share", share);
      return this;
    }

    public Builder credentials(CredentialList credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder script(GateScript script) {
      this.script = script;
      return this;
    }

    public Builder security(GateSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    public Builder pkiDir(Path dir) {
      this.pkiDir = Objects.requireNonNull(dir, "pkiDir");
      return this;
    }

    public Builder trustAllClients(boolean trustAll) {
      this.trustAllClients = trustAll;
      return this;
    }

    public Builder anonymous(boolean anonymous) {
      this.anonymous = anonymous;
      return this;
    }

    /** Adds a user who may log in with this password. */
    public Builder user(String name, String password) {
      if (name == null || name.isBlank() || name.contains(":")) {
        throw new IllegalArgumentException("a user name must be non-blank without ':'");
      }
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("user " + name + " needs a password");
      }
      users.put(name, password);
      return this;
    }

    public Builder keyStorePassword(String password) {
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("the key store password must not be empty");
      }
      this.keyStorePassword = password;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the options contradict each other
     */
    public GateSimulatorOptions build() {
      if (!anonymous && users.isEmpty()) {
        throw new IllegalArgumentException(
            "no one could log in: with --anonymous false, give --user NAME:PASSWORD or --users FILE");
      }
      if (script != null && script.highestDoor() > doors) {
        throw new IllegalArgumentException(
            "the script names door "
                + script.highestDoor()
                + " but there are "
                + doors
                + " door(s): raise --doors");
      }
      long lastSerial = Long.parseLong(firstDeviceId.value().substring(14)) + doors - 1;
      if (lastSerial > 999_999) {
        throw new IllegalArgumentException(
            "device id " + firstDeviceId + " leaves no serial for " + doors + " doors");
      }
      return new GateSimulatorOptions(copy());
    }

    private static double share(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be from 0 to 1, was " + v);
      }
      return v;
    }
  }
}
