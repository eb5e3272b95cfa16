package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A third-party OPC UA client (Milo's) against the simulated controller, on SecurityPolicy None.
 */
class GateSimulatorClientTest {

  @RegisterExtension
  static GateSimulatorExtension gate = GateSimulatorExtension.builder().doors(2).seed(7).build();

  private OpcUaClient client;

  @AfterEach
  void disconnect() throws Exception {
    if (client != null) {
      client.disconnect();
    }
  }

  private OpcUaClient client() throws Exception {
    client =
        GateClients.connect(
            gate.endpointUrl(), GateSecurity.Endpoint.NONE, gate.serverCertificate());
    return client;
  }

  @Test
  void aClientBrowsesTheControllerAndReadsEachDoorsStateAndDeviceId() throws Exception {
    OpcUaClient c = client();
    gate.simulator().force(2);

    List<ReferenceDescription> objects = GateClients.children(c, NodeIds.ObjectsFolder);
    assertThat(objects).extracting(r -> r.getBrowseName().name()).contains("AccessController");
    NodeId controller = GateClients.node(c, GateAddressSpace.CONTROLLER);
    assertThat(GateClients.children(c, controller))
        .extracting(r -> r.getBrowseName().name())
        .contains("Door01", "Door02", "DoorCount");

    List<String> seen = new java.util.ArrayList<>();
    for (int door = 1; door <= 2; door++) {
      NodeId doorNode = GateClients.node(c, GateAddressSpace.doorNodeId(door));
      assertThat(GateClients.children(c, doorNode))
          .extracting(r -> r.getBrowseName().name())
          .contains("DeviceId", "State", "LastCredentialId", "LastEventTime");
      List<DataValue> values =
          c.readValues(
              0,
              TimestampsToReturn.Both,
              List.of(
                  GateClients.node(c, GateAddressSpace.doorVariableNodeId(door, "DeviceId")),
                  GateClients.node(c, GateAddressSpace.doorVariableNodeId(door, "State"))));
      seen.add(values.get(0).value().value() + " " + values.get(1).value().value());
    }
    assertThat(seen).containsExactly("43070200001340000001 closed", "43070200001340000002 forced");
    gate.simulator().close(2);
  }

  @Test
  void aPresentationChangesTheDoorsValuesAndRaisesAnAccessEventWithItsFields() throws Exception {
    OpcUaClient c = client();
    List<String> lastCredential = new CopyOnWriteArrayList<>();
    List<Variant[]> events = new CopyOnWriteArrayList<>();
    var subscription = new OpcUaSubscription(c, 50.0);
    subscription.create();
    var value =
        OpcUaMonitoredItem.newDataItem(
            GateClients.node(c, GateAddressSpace.doorVariableNodeId(1, "LastCredentialId")));
    value.setSamplingInterval(10.0);
    value.setDataValueListener((item, v) -> lastCredential.add(String.valueOf(v.value().value())));
    var event = OpcUaMonitoredItem.newEventItem(NodeIds.Server, GateClients.accessEventFilter(c));
    event.setEventValueListener((item, v) -> events.add(v));
    subscription.addMonitoredItems(List.of(value, event));
    subscription.synchronizeMonitoredItems();
    await().atMost(Duration.ofSeconds(5)).until(() -> !lastCredential.isEmpty());

    gate.simulator().present(1, "CARD-000147");

    await().atMost(Duration.ofSeconds(5)).until(() -> lastCredential.contains("CARD-000147"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
    Variant[] fields = events.get(0);
    assertThat(fields[1].value()).isInstanceOf(ByteString.class);
    assertThat(fields[2].value()).isEqualTo(GateClients.node(c, GateAddressSpace.doorNodeId(1)));
    assertThat(java.util.Arrays.stream(fields).skip(3).map(v -> (String) v.value()))
        .containsExactly(
            "Door01",
            "43070200001340000001",
            "credential",
            "CARD-000147",
            "card",
            "denied",
            "expired",
            "in",
            "closed");
    subscription.delete();
  }
}
