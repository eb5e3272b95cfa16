package org.sharpeyes.edge.publish;

import java.util.Objects;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;

/**
 * Who the publisher connects as and where.
 *
 * @param edgeId the edge id, used in every topic
 * @param agentVersion reported in the status message
 * @param broker the broker settings
 * @param credentials resolved from the environment, or {@link BrokerCredentials#ANONYMOUS}
 */
public record PublisherSetup(
    String edgeId, String agentVersion, BrokerSettings broker, BrokerCredentials credentials) {
  public PublisherSetup {
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(agentVersion, "agentVersion");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(credentials, "credentials");
  }
}
