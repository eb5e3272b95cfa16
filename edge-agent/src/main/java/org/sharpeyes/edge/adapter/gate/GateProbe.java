package org.sharpeyes.edge.adapter.gate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Policy;

/**
 * What {@code edge-agent probe} learns of an access controller: connects with the configured
 * security and login exactly as the adapter does (same PKI directory and application certificate),
 * browses the doors the profile describes and compares them with the configured ones, then
 * disconnects. Blocking; bounded by a few request timeouts.
 */
public final class GateProbe {

  /**
   * What was found.
   *
   * @param ok connected and at least one door found
   * @param doors the doors found, as {@code browseName → id}
   * @param problems configured doors missing and other doors left out, in words
   * @param error why the connection or the browse failed, in words; {@code null} when ok
   */
  public record Result(boolean ok, List<String> doors, List<String> problems, String error) {}

  private GateProbe() {}

  /**
   * @param edgeId this edge, for the application URI of our certificate
   * @param environment where {@code usernameEnv}/{@code passwordEnv} are looked up
   */
  public static Result probe(GateAdapterConfig config, String edgeId, Map<String, String> env) {
    GateConnector.Credentials credentials;
    if (config.usernameEnv() == null) {
      credentials = GateConnector.Credentials.ANONYMOUS;
    } else {
      String user = env.get(config.usernameEnv());
      String password = env.get(config.passwordEnv());
      if (user == null || user.isEmpty() || password == null) {
        String missing =
            user == null || user.isEmpty() ? config.usernameEnv() : config.passwordEnv();
        return failed("environment variable " + missing + " is not set — set it to the login");
      }
      credentials = new GateConnector.Credentials(user, password);
    }
    String applicationUri = GateAdapter.APPLICATION_URI + edgeId;
    GateCertificates certificates;
    try {
      certificates =
          GateCertificates.open(
              config.pkiDir(),
              applicationUri,
              config.trustedServerCertificates(),
              config.policy() != Policy.NONE);
    } catch (IOException | RuntimeException e) {
      return failed("cannot use the PKI directory " + config.pkiDir() + ": " + e.getMessage());
    }
    GateConnector connector =
        new GateConnector(
            config, certificates, credentials, certificates.applicationUri(applicationUri), null);
    OpcUaClient client;
    try {
      client = connector.connect();
    } catch (GateLinkException e) {
      return failed(e.getMessage());
    }
    try {
      GateDoors.Found found = GateDoors.discover(client, config);
      List<String> doors = new ArrayList<>();
      for (GateDoor d : found.doors()) {
        doors.add(d.browseName() + " → " + d.id());
      }
      return new Result(true, doors, found.problems(), null);
    } catch (GateLinkException e) {
      return failed(e.getMessage());
    } finally {
      connector.dispose(client);
    }
  }

  private static Result failed(String why) {
    return new Result(false, List.of(), List.of(), why);
  }
}
