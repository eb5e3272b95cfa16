package org.sharpeyes.edge.adapter.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.netty.channel.EventLoopGroup;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Policy;

/**
 * Opens a session to the controller as configured: asks for its endpoints, picks the one with the
 * configured security policy and mode, checks the server certificate against our trust list, then
 * connects and logs in. Blocking: run it on a thread that may wait (Milo's executor), never on the
 * adapters' scheduler. Each call makes a new Milo client; a failed one is disposed before the
 * failure is thrown, so Milo does not keep reconnecting it behind our back.
 */
final class GateConnector {

  static final String PRODUCT_URI = "urn:sharpeyes:edge-agent";

  /**
   * What to log in with.
   *
   * @param username {@code null} for anonymous
   * @param password with {@code username}
   */
  record Credentials(String username, String password) {
    static final Credentials ANONYMOUS = new Credentials(null, null);

    boolean anonymous() {
      return username == null;
    }

    @Override
    public String toString() {
      return anonymous() ? "anonymous" : "user " + username;
    }
  }

  private final GateAdapterConfig config;
  private final GateCertificates certificates;
  private final Credentials credentials;
  private final String applicationUri;
  private final EventLoopGroup eventLoop;

  /**
   * @param eventLoop the Netty event loops to run the connection on; {@code null} for Milo's own
   */
  GateConnector(
      GateAdapterConfig config,
      GateCertificates certificates,
      Credentials credentials,
      String applicationUri,
      EventLoopGroup eventLoop) {
    this.config = config;
    this.certificates = certificates;
    this.credentials = Objects.requireNonNull(credentials);
    this.applicationUri = applicationUri;
    this.eventLoop = eventLoop;
  }

  /** A connected client with an active session. */
  OpcUaClient connect() throws GateLinkException {
    String url = config.endpoint().toString();
    long timeoutMs = config.requestTimeout().toMillis();
    List<EndpointDescription> endpoints;
    try {
      endpoints =
          DiscoveryClient.getEndpoints(url, this::transport)
              .get(2 * timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw GateErrors.describe(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GateLinkException.unreachable("interrupted while connecting", e);
    }
    EndpointDescription endpoint =
        EndpointUtil.updateUrl(
            select(endpoints), config.endpoint().getHost(), config.endpoint().getPort());
    checkIdentity(endpoint);
    boolean secure = config.policy() != Policy.NONE;
    if (secure || !credentials.anonymous()) {
      certificates.checkServer(serverChain(endpoint), config.trustOnFirstUse(), url);
    }
    CertificateValidator validator = certificates.validator();
    var builder =
        OpcUaClientConfig.builder()
            .setEndpoint(endpoint)
            .setApplicationName(LocalizedText.english("Sharp Eyes edge agent"))
            .setApplicationUri(applicationUri)
            .setProductUri(PRODUCT_URI)
            .setIdentityProvider(identity(validator))
            .setRequestTimeout(uint(timeoutMs))
            .setCertificateValidator(validator);
    if (secure) {
      builder
          .setKeyPair(certificates.keyPair())
          .setCertificate(certificates.certificate())
          .setCertificateChain(new X509Certificate[] {certificates.certificate()});
    }
    var transportConfig = OpcTcpClientTransportConfig.newBuilder();
    transport(transportConfig);
    OpcUaClient client =
        new OpcUaClient(builder.build(), new OpcTcpClientTransport(transportConfig.build()));
    try {
      client.connectAsync().get(3 * timeoutMs, TimeUnit.MILLISECONDS);
      return client;
    } catch (ExecutionException | TimeoutException e) {
      dispose(client);
      throw GateErrors.describe(url, e, config.pkiDir());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.disconnectAsync();
      throw GateLinkException.unreachable("interrupted while connecting", e);
    }
  }

  /**
   * Closes a client that will not be used, waiting (at most two request timeouts) so that Milo
   * stops reconnecting it before the attempt is over.
   */
  void dispose(OpcUaClient client) {
    try {
      client.disconnectAsync().get(2 * config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Swallowed by Milo already; nothing more to release.
    }
  }

  private void transport(OpcTcpClientTransportConfigBuilder transport) {
    transport.setConnectTimeout(uint(config.requestTimeout().toMillis()));
    if (eventLoop != null) {
      transport.setEventLoop(eventLoop);
    }
  }

  /** The endpoint with our policy and mode, or why there is none, naming what is offered. */
  EndpointDescription select(List<EndpointDescription> endpoints) throws GateLinkException {
    String policyUri = SecurityPolicy.valueOf(config.policy().configName()).getUri();
    MessageSecurityMode mode = MessageSecurityMode.valueOf(config.mode().configName());
    return endpoints.stream()
        .filter(e -> policyUri.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
        .findFirst()
        .orElseThrow(
            () ->
                GateLinkException.refused(
                    "security policy "
                        + config.policy().configName()
                        + " with "
                        + config.mode().configName()
                        + " not offered by the server (it offers: "
                        + offered(endpoints)
                        + ")"));
  }

  static String offered(List<EndpointDescription> endpoints) {
    if (endpoints.isEmpty()) {
      return "nothing";
    }
    return endpoints.stream()
        .map(
            e -> {
              String policy =
                  SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                      .map(Enum::name)
                      .orElse(e.getSecurityPolicyUri());
              return e.getSecurityMode() == MessageSecurityMode.None
                  ? policy
                  : policy + " with " + e.getSecurityMode();
            })
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private void checkIdentity(EndpointDescription endpoint) throws GateLinkException {
    UserTokenType wanted =
        credentials.anonymous() ? UserTokenType.Anonymous : UserTokenType.UserName;
    UserTokenPolicy[] policies = endpoint.getUserIdentityTokens();
    List<UserTokenPolicy> all = policies == null ? List.of() : Arrays.asList(policies);
    if (all.stream().noneMatch(p -> p.getTokenType() == wanted)) {
      String offered =
          all.stream()
              .map(p -> p.getTokenType().toString())
              .distinct()
              .collect(Collectors.joining(", "));
      throw GateLinkException.refused(
          credentials.anonymous()
              ? "the controller does not admit anonymous clients (it offers: "
                  + offered
                  + ") — set usernameEnv and passwordEnv"
              : "the controller offers no user name login on this endpoint (it offers: "
                  + offered
                  + ")");
    }
  }

  private IdentityProvider identity(CertificateValidator validator) {
    if (credentials.anonymous()) {
      return new AnonymousProvider();
    }
    // The password is encrypted for the server's certificate: only for one we trust.
    return new UsernameProvider(credentials.username(), credentials.password(), validator);
  }

  private static List<X509Certificate> serverChain(EndpointDescription endpoint)
      throws GateLinkException {
    if (endpoint.getServerCertificate() == null || endpoint.getServerCertificate().isNull()) {
      return List.of();
    }
    try {
      return CertificateUtil.decodeCertificates(endpoint.getServerCertificate().bytesOrEmpty());
    } catch (UaException e) {
      throw GateLinkException.refused("the server sent a certificate that cannot be read");
    }
  }
}
