package org.sharpeyes.ingest.config;

/**
 * A user name and password for the broker or the database.
 *
 * @param username the user, or {@code null} for none
 * @param password the password, or {@code null} for none
 */
public record Credentials(String username, Secret password) {

  /** No credentials: anonymous broker access, or a database that trusts the connection. */
  public static final Credentials NONE = new Credentials(null, null);

  public boolean isPresent() {
    return username != null || password != null;
  }
}
