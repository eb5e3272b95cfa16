package org.sharpeyes.ingest.edgeaccount;

/**
 * An account just made, with its password in clear: shown once to whoever made it, never stored.
 *
 * @param edgeId the edge id, which is also the MQTT user name
 * @param password the generated password
 */
public record NewEdgeAccount(String edgeId, String password) {

  @Override
  public String toString() {
    return "NewEdgeAccount[" + edgeId + ", password=***]";
  }
}
