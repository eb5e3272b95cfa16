package org.sharpeyes.sims.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulated access controller for JUnit 5 tests, on 127.0.0.1 and a free port:
 *
 * <pre>
 * &#64;RegisterExtension
 * static GateSimulatorExtension gate =
 *     GateSimulatorExtension.builder().doors(2).security(GateSecurity.ALL).seed(7).build();
 *
 * &#64;Test
 * void aDeniedCardRaisesAnAlert() {
 *   connect(gate.endpointUrl());
 *   gate.simulator().present(1, "CARD-000147");   // denied:expired in the built-in list
 * }
 * </pre>
 *
 * In a static field it starts once before the class's tests and stops after them; in an instance
 * field, around each test. Unless a PKI directory is given, the certificate lives in a temporary
 * directory removed at the end. Without {@link Builder#rate(double)}, no traffic is generated: the
 * test drives the doors.
 */
public final class GateSimulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final GateSimulatorOptions.Builder options;
  private final boolean ownPkiDir;
  private GateSimulator simulator;
  private Path tempPki;
  private boolean perClass;

  private GateSimulatorExtension(GateSimulatorOptions.Builder options, boolean ownPkiDir) {
    this.options = options;
    this.ownPkiDir = ownPkiDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  /** The running simulator, to drive doors: {@code simulator().present(1, "CARD-000132")}. */
  public GateSimulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("the gate simulator runs only while tests run");
    }
    return simulator;
  }

  /** {@code opc.tcp://127.0.0.1:<port>/sharpeyes/gate}. */
  public String endpointUrl() {
    return simulator().endpointUrl();
  }

  public int port() {
    return simulator().port();
  }

  /** Drops every client and binds again on the same port, as a controller reboot would. */
  public void restart() {
    simulator().restart();
  }

  public X509Certificate serverCertificate() {
    return simulator().serverCertificate();
  }

  /** The PKI directory ({@code rejected/}, {@code trusted/certs/}, {@code own/}). */
  public Path pkiDir() {
    return simulator().options().pkiDir();
  }

  private void start() {
    try {
      GateSimulatorOptions.Builder b = options;
      if (ownPkiDir) {
        tempPki = Files.createTempDirectory("gate-sim-pki");
        b = options.build().toBuilder().pkiDir(tempPki);
      }
      simulator = GateSimulator.create(b.build());
      simulator.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
    if (tempPki != null) {
      try (Stream<Path> files = Files.walk(tempPki)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tempPki = null;
    }
  }

  /**
   * Options of the extension: those of {@link GateSimulatorOptions}, with port 0 and no traffic.
   */
  public static final class Builder {
    private final GateSimulatorOptions.Builder options =
        GateSimulatorOptions.builder().port(0).security(GateSecurity.NONE);
    private boolean ownPkiDir = true;

    private Builder() {}

    public Builder doors(int doors) {
      options.doors(doors);
      return this;
    }

    /** Default {@link GateSecurity#NONE}. */
    public Builder security(GateSecurity security) {
      options.security(security);
      return this;
    }

    public Builder seed(long seed) {
      options.seed(seed);
      return this;
    }

    /** Generated presentations per second; default 0 (the test drives the doors). */
    public Builder rate(double perSecond) {
      options.rate(perSecond);
      return this;
    }

    /** Keeps the certificate in {@code dir} (not removed at the end) instead of a temporary one. */
    public Builder pkiDir(Path dir) {
      options.pkiDir(dir);
      ownPkiDir = false;
      return this;
    }

    /** Any other option; for the PKI directory use {@link #pkiDir(Path)}. */
    public Builder options(Consumer<GateSimulatorOptions.Builder> change) {
      change.accept(options);
      return this;
    }

    public GateSimulatorExtension build() {
      options.build();
      return new GateSimulatorExtension(options, ownPkiDir);
    }
  }
}
