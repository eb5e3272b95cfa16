package org.sharpeyes.edge.adapter.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.BrowseHelper;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Finds the controller and its doors as the profile describes them: the namespace's index, the
 * controller's node by its browse path, the doors among its children, each door's variables and
 * 20-digit id. Blocking (a few requests); run on a thread that may wait.
 */
final class GateDoors {

  /**
   * What was found.
   *
   * @param namespace the profile namespace's index on this server
   * @param controller the controller node: the doors' parent and the events' notifier
   * @param doors the doors to watch
   * @param problems doors left out, in words (reported, not fatal)
   */
  record Found(int namespace, NodeId controller, List<GateDoor> doors, List<String> problems) {}

  private GateDoors() {}

  static Found discover(OpcUaClient client, GateAdapterConfig config) throws GateLinkException {
    GateProfile profile = config.profile();
    try {
      UShort index = client.readNamespaceTable().getIndex(profile.namespaceUri());
      if (index == null) {
        throw GateLinkException.refused(
            "the server has no namespace "
                + profile.namespaceUri()
                + ": is profile "
                + profile.name()
                + " the one of this controller?");
      }
      int ns = index.intValue();
      NodeId node = NodeIds.ObjectsFolder;
      String where = "Objects";
      for (String name : profile.controllerPath()) {
        node =
            child(client, node, name)
                .orElseThrow(() -> notFound(profile, "the controller's " + name));
        where = where + "/" + name;
      }
      List<String> problems = new ArrayList<>();
      List<GateDoor> doors = doors(client, config, node, where, problems);
      if (doors.isEmpty()) {
        throw GateLinkException.refused(
            "no door to watch under "
                + where
                + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
      }
      return new Found(ns, node, doors, problems);
    } catch (UaException e) {
      throw GateErrors.describe(config.endpoint().toString(), e);
    }
  }

  private static List<GateDoor> doors(
      OpcUaClient client,
      GateAdapterConfig config,
      NodeId controller,
      String where,
      List<String> problems)
      throws UaException {
    GateProfile profile = config.profile();
    Map<String, NodeId> byName = new LinkedHashMap<>();
    children(client, controller, NodeClass.Object).stream()
        .filter(r -> profile.isDoor(r.getBrowseName().name()))
        .sorted(Comparator.comparing(r -> r.getBrowseName().name()))
        .forEach(r -> byName.putIfAbsent(r.getBrowseName().name(), nodeId(client, r)));
    Map<String, String> configuredIds = new LinkedHashMap<>();
    if (!config.doors().isEmpty()) {
      config.doors().forEach(d -> configuredIds.put(d.node(), d.id()));
      byName.keySet().retainAll(configuredIds.keySet());
      configuredIds.keySet().stream()
          .filter(name -> !byName.containsKey(name))
          .forEach(name -> problems.add("door " + name + " (doors) not found under " + where));
    }
    if (byName.size() > config.maxDoors()) {
      problems.add(
          byName.size()
              + " doors found, more than maxDoors ("
              + config.maxDoors()
              + "): only the first are watched");
      List<String> extra =
          new ArrayList<>(byName.keySet()).subList(config.maxDoors(), byName.size());
      new ArrayList<>(extra).forEach(byName::remove);
    }
    List<String> names = new ArrayList<>(byName.keySet());
    List<BrowseDescription> browse = new ArrayList<>();
    for (String name : names) {
      browse.add(description(byName.get(name), NodeClass.Variable));
    }
    List<BrowseResult> results = browse.isEmpty() ? List.of() : client.browse(browse);
    List<Map<String, NodeId>> variables = new ArrayList<>();
    for (BrowseResult result : results) {
      Map<String, NodeId> vars = new HashMap<>();
      if (result.getReferences() != null) {
        for (ReferenceDescription r : result.getReferences()) {
          vars.putIfAbsent(r.getBrowseName().name(), nodeId(client, r));
        }
      }
      variables.add(vars);
    }
    Map<String, Object> readIds = readIds(client, profile, names, variables, configuredIds);
    List<GateDoor> doors = new ArrayList<>();
    Map<String, String> seenIds = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Map<String, NodeId> vars = variables.get(i);
      String id = configuredIds.get(name);
      if (id == null) {
        Object value = readIds.get(name);
        id = value == null ? null : value.toString().trim();
        if (!GbDeviceId.isValid(id)) {
          problems.add(
              "door "
                  + name
                  + " has no 20-digit id in "
                  + profile.doorIdProperty()
                  + " (was '"
                  + value
                  + "'): give it in doors");
          continue;
        }
      }
      NodeId state = vars.get(profile.variables().state());
      if (state == null) {
        problems.add("door " + name + " has no variable " + profile.variables().state());
        continue;
      }
      String earlier = seenIds.putIfAbsent(id, name);
      if (earlier != null) {
        problems.add(
            "doors "
                + earlier
                + " and "
                + name
                + " have the same id "
                + id
                + ": "
                + name
                + " left out");
        continue;
      }
      doors.add(new GateDoor(name, id, byName.get(name), state, access(profile, vars)));
    }
    return doors;
  }

  /** The id property's value of each door whose id the config does not give. */
  private static Map<String, Object> readIds(
      OpcUaClient client,
      GateProfile profile,
      List<String> names,
      List<Map<String, NodeId>> variables,
      Map<String, String> configuredIds)
      throws UaException {
    List<String> doors = new ArrayList<>();
    List<NodeId> nodes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      NodeId node = variables.get(i).get(String.valueOf(profile.doorIdProperty()));
      if (configuredIds.get(names.get(i)) == null && node != null) {
        doors.add(names.get(i));
        nodes.add(node);
      }
    }
    Map<String, Object> ids = new HashMap<>();
    if (!nodes.isEmpty()) {
      List<DataValue> values = client.readValues(0, TimestampsToReturn.Neither, nodes);
      for (int i = 0; i < doors.size(); i++) {
        ids.put(doors.get(i), values.get(i).value().value());
      }
    }
    return ids;
  }

  private static GateDoor.AccessNodes access(GateProfile profile, Map<String, NodeId> vars) {
    GateProfile.AccessVariables a = profile.variables().access();
    if (profile.event() != null || a == null || !vars.containsKey(a.credentialId())) {
      return null;
    }
    return new GateDoor.AccessNodes(
        vars.get(a.credentialId()),
        Arrays.asList(
            vars.get(a.credentialId()),
            vars.get(a.credentialType()),
            vars.get(a.result()),
            a.denyReason() == null ? null : vars.get(a.denyReason()),
            a.direction() == null ? null : vars.get(a.direction())));
  }

  private static Optional<NodeId> child(OpcUaClient client, NodeId parent, String name)
      throws UaException {
    return children(client, parent, NodeClass.Object).stream()
        .filter(r -> name.equals(r.getBrowseName().name()))
        .findFirst()
        .map(r -> nodeId(client, r));
  }

  /** Every child, following continuation points (a controller may have many doors). */
  private static List<ReferenceDescription> children(
      OpcUaClient client, NodeId node, NodeClass nodeClass) throws UaException {
    long timeout = 4L * client.getConfig().getRequestTimeout().longValue();
    try {
      return BrowseHelper.browse(client, description(node, nodeClass), uint(0))
          .get(timeout, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UaException u ? u : new UaException(e.getCause());
    } catch (TimeoutException e) {
      throw new UaException(StatusCodes.Bad_Timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, e);
    }
  }

  private static BrowseDescription description(NodeId node, NodeClass nodeClass) {
    return new BrowseDescription(
        node,
        BrowseDirection.Forward,
        NodeIds.HierarchicalReferences,
        true,
        uint(nodeClass.getValue()),
        uint(BrowseResultMask.All.getValue()));
  }

  private static NodeId nodeId(OpcUaClient client, ReferenceDescription r) {
    return r.getNodeId().toNodeId(client.getNamespaceTable()).orElse(NodeId.NULL_VALUE);
  }

  private static GateLinkException notFound(GateProfile profile, String what) {
    return GateLinkException.refused(
        "no node for "
            + what
            + " (profile "
            + profile.name()
            + ", controller.browsePath "
            + profile.controllerPath()
            + "): is the profile the one of this controller?");
  }
}
