package org.sharpeyes.ingest.edgeaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sharpeyes.ingest.broker.TopicAccess;
import org.sharpeyes.mqtt.BrokerCredentials;

/**
 * Mosquitto's {@code password_file} and {@code acl_file} for the edges' accounts and the server's:
 * the same hashes the embedded broker checks, and the same topic table ({@link TopicAccess}) as
 * pattern ACLs on {@code %u} (the user name, which is the edge id). Written whole to a temporary
 * file and moved into place, so that Mosquitto never reads half a file; the password file is
 * readable by its owner only. Mosquitto reads both again on {@code SIGHUP}.
 */
public final class MosquittoFiles {

  private MosquittoFiles() {}

  /**
   * The {@code password_file}: every enabled edge and the server's account.
   *
   * @param server the server's credentials (from its {@code broker.usernameEnv}/{@code
   *     passwordEnv}); without a user name, none is written for it
   */
  public static String passwordFile(
      List<EdgeAccount> edges, BrokerCredentials server, RandomGenerator random) {
    StringBuilder out = new StringBuilder();
    if (server.username() != null && server.password() != null) {
      out.append(server.username())
          .append(':')
          .append(MosquittoPasswordHash.hash(server.password().clone(), random))
          .append('\n');
    }
    for (EdgeAccount e : edges) {
      if (!e.disabled()) {
        out.append(e.edgeId()).append(':').append(e.passwordHash()).append('\n');
      }
    }
    return out.toString();
  }

  /** The {@code acl_file}: each edge its own topics; the server's user the server's. */
  public static String aclFile(String serverUsername) {
    StringBuilder out = new StringBuilder();
    out.append(
        "# Written by ingest-server (edges mosquitto-files); changes here are overwritten.\n");
    out.append("# Every edge, by its user name (%u), which is its edge id:\n");
    TopicAccess.EDGE_PUBLISHES.forEach(t -> out.append("pattern write ").append(t).append('\n'));
    TopicAccess.EDGE_SUBSCRIBES.forEach(t -> out.append("pattern read ").append(t).append('\n'));
    if (serverUsername != null) {
      out.append("\n# The ingest-server:\nuser ").append(serverUsername).append('\n');
      TopicAccess.SERVER_SUBSCRIBES.forEach(t -> out.append("topic read ").append(t).append('\n'));
      TopicAccess.SERVER_PUBLISHES.forEach(t -> out.append("topic write ").append(t).append('\n'));
    }
    return out.toString();
  }

  /**
   * Writes both files.
   *
   * @throws IOException when either cannot be written
   */
  public static void write(
      Path passwordFile,
      Path aclFile,
      List<EdgeAccount> edges,
      BrokerCredentials server,
      RandomGenerator random)
      throws IOException {
    replace(passwordFile, passwordFile(edges, server, random), true);
    replace(aclFile, aclFile(server.username()), false);
  }

  private static void replace(Path target, String content, boolean ownerOnly) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      if (ownerOnly) {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: left as the platform makes it
        }
      }
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
