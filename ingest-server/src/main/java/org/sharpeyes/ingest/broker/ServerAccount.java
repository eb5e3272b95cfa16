package org.sharpeyes.ingest.broker;

import java.util.random.RandomGenerator;
import org.sharpeyes.mqtt.BrokerCredentials;

/**
 * The account the server's own connections (intake and watchlist publisher) use on the embedded
 * broker: a fixed user name and a password generated at each start and held in memory only, so that
 * no secret of the server's is ever in a file.
 */
public record ServerAccount(String username, String password) {

  /** Not a valid edge id (it has a colon), so no edge account can ever take this name. */
  public static final String USERNAME = "sharpeyes:server";

  /** A new account with a random password. */
  public static ServerAccount generate(RandomGenerator random) {
    return new ServerAccount(USERNAME, EdgePasswords.generate(random));
  }

  /** The credentials the server's clients connect with. */
  public BrokerCredentials credentials() {
    return new BrokerCredentials(username, password.toCharArray());
  }

  @Override
  public String toString() {
    return "ServerAccount[" + username + ", password=***]";
  }
}
