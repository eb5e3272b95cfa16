package org.sharpeyes.sims.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.EventFilterBuilder;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * Milo clients as a third party would configure them: a chosen endpoint, an identity, a client
 * certificate for secured endpoints, and the simulator's certificate as the only trusted one (not
 * Milo's insecure default).
 */
final class GateClients {

  static final String CLIENT_URI = "urn:sharpeyes:test:gate-client";

  private GateClients() {}

  /** A client certificate (RSA 2048, about a second to make): make one per test class. */
  static ClientIdentity newClientCertificate() throws Exception {
    KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate certificate =
        new SelfSignedCertificateBuilder(keyPair)
            .setCommonName("gate test client")
            .setApplicationUri(CLIENT_URI)
            .addDnsName("localhost")
            .build();
    return new ClientIdentity(keyPair, certificate);
  }

  record ClientIdentity(KeyPair keyPair, X509Certificate certificate) {}

  static OpcUaClient connect(String url, GateSecurity.Endpoint endpoint, X509Certificate server)
      throws UaException {
    return connect(url, endpoint, server, null, new AnonymousProvider());
  }

  /** Connects to the endpoint with this security, trusting only {@code server}'s certificate. */
  static OpcUaClient connect(
      String url,
      GateSecurity.Endpoint endpoint,
      X509Certificate server,
      ClientIdentity client,
      IdentityProvider identity)
      throws UaException {
    var trust = new MemoryTrustListManager();
    trust.addTrustedCertificate(server);
    OpcUaClient c =
        OpcUaClient.create(
            url,
            endpoints ->
                endpoints.stream()
                    .filter(e -> e.getSecurityPolicyUri().equals(endpoint.policy().getUri()))
                    .filter(e -> e.getSecurityMode() == endpoint.mode())
                    .findFirst(),
            transport -> {},
            config -> {
              config
                  .setApplicationName(LocalizedText.english("gate test client"))
                  .setApplicationUri(CLIENT_URI)
                  .setIdentityProvider(identity)
                  .setRequestTimeout(uint(5000))
                  .setCertificateValidator(
                      new DefaultClientCertificateValidator(
                          trust, new MemoryCertificateQuarantine()));
              if (client != null) {
                config
                    .setKeyPair(client.keyPair())
                    .setCertificate(client.certificate())
                    .setCertificateChain(new X509Certificate[] {client.certificate()});
              }
            });
    return c.connect();
  }

  static int gateNamespace(OpcUaClient client) throws UaException {
    return client.readNamespaceTable().getIndex(GateAddressSpace.NAMESPACE_URI).intValue();
  }

  static NodeId node(OpcUaClient client, String id) throws UaException {
    return new NodeId(gateNamespace(client), id);
  }

  /** The browse names of a node's children (hierarchical references, forward). */
  static List<ReferenceDescription> children(OpcUaClient client, NodeId node) throws UaException {
    var result =
        client.browse(
            new BrowseDescription(
                node,
                BrowseDirection.Forward,
                NodeIds.HierarchicalReferences,
                true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                uint(BrowseResultMask.All.getValue())));
    return result.getReferences() == null ? List.of() : Arrays.asList(result.getReferences());
  }

  /** Selects Time, EventId, SourceNode, then every AccessEventType field, in that order. */
  static EventFilter accessEventFilter(OpcUaClient client) throws UaException {
    int ns = gateNamespace(client);
    NodeId type = new NodeId(ns, GateAddressSpace.ACCESS_EVENT_TYPE);
    var builder =
        new EventFilterBuilder()
            .select(NodeIds.BaseEventType, new QualifiedName(0, "Time"))
            .select(NodeIds.BaseEventType, new QualifiedName(0, "EventId"))
            .select(NodeIds.BaseEventType, new QualifiedName(0, "SourceNode"));
    List<String> fields = new ArrayList<>(GateAddressSpace.EVENT_FIELDS);
    for (String f : fields) {
      builder.select(type, new QualifiedName(ns, f));
    }
    return builder.build();
  }
}
