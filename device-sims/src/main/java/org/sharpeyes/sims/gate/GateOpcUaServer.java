package org.sharpeyes.sims.gate;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/** One run of the Milo server on one port: built, bound, and shut down; never started twice. */
final class GateOpcUaServer {

  static final String APPLICATION_URI = "urn:sharpeyes:device-sims:gate";
  static final String PRODUCT_URI = "urn:sharpeyes:device-sims";

  private final OpcUaServer server;
  private final AccessControllerNamespace namespace;
  private final String endpointUrl;

  private GateOpcUaServer(
      OpcUaServer server, AccessControllerNamespace namespace, String endpointUrl) {
    this.server = server;
    this.namespace = namespace;
    this.endpointUrl = endpointUrl;
  }

  /**
   * Builds the server and binds {@code port}.
   *
   * @throws Exception when the port cannot be bound (the cause says why) or Milo fails to start
   */
  static GateOpcUaServer start(
      GateSimulatorOptions options, GatePki pki, DoorBank bank, Clock clock, int port)
      throws Exception {
    String hostname = advertisedHost(options.host());
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    for (GateSecurity.Endpoint e : options.security().endpoints()) {
      endpoints.add(
          EndpointConfig.newBuilder()
              .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
              .setBindAddress(options.host())
              .setBindPort(port)
              .setHostname(hostname)
              .setPath(options.path())
              .setCertificate(pki.certificate())
              .setSecurityPolicy(e.policy())
              .setSecurityMode(e.mode())
              .addTokenPolicies(tokenPolicies(options))
              .build());
    }
    OpcUaServerConfig config =
        OpcUaServerConfig.builder()
            .setApplicationUri(APPLICATION_URI)
            .setApplicationName(LocalizedText.english("Sharp Eyes simulated access controller"))
            .setProductUri(PRODUCT_URI)
            .setBuildInfo(
                new BuildInfo(
                    PRODUCT_URI,
                    "Sharp Eyes",
                    "device-sims gate",
                    OpcUaServer.SDK_VERSION,
                    "",
                    DateTime.NULL_VALUE))
            .setEndpoints(endpoints)
            .setCertificateManager(pki.certificateManager())
            .setIdentityValidator(identityValidator(options))
            .build();
    OpcUaServer server =
        new OpcUaServer(
            config,
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    AccessControllerNamespace namespace = new AccessControllerNamespace(server, bank, clock);
    namespace.startup();
    try {
      server.startup().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      namespace.shutdown();
      server.shutdown().get(30, TimeUnit.SECONDS);
      throw e;
    }
    String url = "opc.tcp://" + urlHost(hostname) + ":" + port + options.path();
    return new GateOpcUaServer(server, namespace, url);
  }

  /** The one URL of every endpoint (they differ in security, not in address). */
  String endpointUrl() {
    return endpointUrl;
  }

  /** Unbinds, dropping every client; waits for Milo to finish. */
  void stop() throws Exception {
    namespace.shutdown();
    server.shutdown().get(30, TimeUnit.SECONDS);
  }

  private static UserTokenPolicy[] tokenPolicies(GateSimulatorOptions options) {
    List<UserTokenPolicy> policies = new ArrayList<>();
    if (options.anonymous()) {
      policies.add(USER_TOKEN_POLICY_ANONYMOUS);
    }
    if (!options.users().isEmpty()) {
      // Passwords are encrypted with Basic256Sha256 and the server certificate, even on None.
      policies.add(USER_TOKEN_POLICY_USERNAME);
    }
    return policies.toArray(UserTokenPolicy[]::new);
  }

  private static IdentityValidator identityValidator(GateSimulatorOptions options) {
    Map<String, String> users = options.users();
    List<IdentityValidator> validators = new ArrayList<>();
    if (options.anonymous()) {
      validators.add(AnonymousIdentityValidator.INSTANCE);
    }
    if (!users.isEmpty()) {
      validators.add(
          new UsernameIdentityValidator(
              challenge -> {
                String expected = users.get(challenge.getUsername());
                return expected != null
                    && java.security.MessageDigest.isEqual(
                        expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        challenge.getPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8));
              }));
    }
    return new CompositeValidator(validators);
  }

  /** The host put in endpoint URLs: the machine's name when bound to every interface. */
  private static String advertisedHost(String bindHost) {
    return bindHost.equals("0.0.0.0") || bindHost.equals("::")
        ? HostnameUtil.getHostname()
        : bindHost;
  }

  private static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
