package org.sharpeyes.edge.adapter.gate;

import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * One door of the controller, as found on this connection.
 *
 * @param browseName its browse name under the controller, e.g. {@code Door01}
 * @param id its 20-digit GB/T 28181 id: the {@code deviceId} and {@code doorId} of its events
 * @param node the door's node (the {@code SourceNode} of its events)
 * @param state its state variable
 * @param access the variables of its last presentation, when presentations are read from them (the
 *     profile has no event type); otherwise {@code null}
 */
record GateDoor(String browseName, String id, NodeId node, NodeId state, AccessNodes access) {

  /**
   * @param credentialId gets a new source timestamp with every presentation
   * @param values credential id, credential type, result, deny reason, direction; the last two
   *     {@code null} when the controller does not show them
   */
  record AccessNodes(NodeId credentialId, List<NodeId> values) {}
}
