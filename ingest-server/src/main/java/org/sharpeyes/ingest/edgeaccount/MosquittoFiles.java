package org.sharpeyes.ingest.edgeaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sharpeyes.ingest.broker.TopicAccess;
import org.sharpeyes.mqtt.BrokerCredentials;

/**
 * Mosquitto's {@code password_file} and {@code acl_file} for the edges' accounts and the server's:
 * the same hashes the embedded broker checks, and the same topic table ({@link TopicAccess}) as
 * pattern ACLs on {@code %u} (the user name, which is the edge id). Both are written whole to
 * temporary files beside them, then moved into place one after the other, so that Mosquitto never
 * reads half a file. The password file is readable by its owner only, and a file replaced keeps its
 * owner and group where this process may set them. Mosquitto reads both again on {@code SIGHUP}.
 * Kept current by {@link MosquittoFilesSync}.
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
    String serverHash =
        server.username() != null && server.password() != null
            ? MosquittoPasswordHash.hash(server.password().clone(), random)
            : null;
    return passwordFile(edges, server.username(), serverHash);
  }

  /** The {@code password_file} with the server's line given as its hash ({@code null}: none). */
  static String passwordFile(List<EdgeAccount> edges, String serverUser, String serverHash) {
    StringBuilder out = new StringBuilder();
    if (serverUser != null && serverHash != null) {
      out.append(serverUser).append(':').append(serverHash).append('\n');
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
    out.append("# Written by ingest-server (broker.mosquittoFiles, ingest-server edges);")
        .append(" changes here are overwritten.\n");
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
    write(passwordFile, passwordFile(edges, server, random), aclFile, aclFile(server.username()));
  }

  /**
   * Writes both files from their text: both temporary files first, then the moves, so that a
   * failure to write either leaves both as they were.
   */
  static void write(Path passwordFile, String passwords, Path aclFile, String acl)
      throws IOException {
    Path passwordTmp = temporary(passwordFile, passwords, true);
    try {
      Path aclTmp = temporary(aclFile, acl, false);
      try {
        move(passwordTmp, passwordFile);
        move(aclTmp, aclFile);
      } finally {
        Files.deleteIfExists(aclTmp);
      }
    } finally {
      Files.deleteIfExists(passwordTmp);
    }
  }

  private static Path temporary(Path target, String content, boolean secret) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      if (view != null) {
        keepAccess(target, view, secret);
      }
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * The password file 0600, the ACL file 0644; both keep the owner and group of the file they
   * replace where this process may set them (root may), so that a Mosquitto that reads them as its
   * own user still can after {@code sudo ingest-server edges add}. A password file that was
   * readable by its group (0640, Mosquitto reading through its group) stays so.
   */
  private static void keepAccess(Path target, PosixFileAttributeView view, boolean secret)
      throws IOException {
    Set<PosixFilePermission> mode =
        PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--");
    if (Files.exists(target)) {
      PosixFileAttributes was = Files.readAttributes(target, PosixFileAttributes.class);
      if (secret && was.permissions().contains(PosixFilePermission.GROUP_READ)) {
        mode.add(PosixFilePermission.GROUP_READ);
      }
      try {
        view.setGroup(was.group());
        view.setOwner(was.owner());
      } catch (FileSystemException notPermitted) {
        // not root, nor in the group: the file is this process's, as a new one would be
      }
    }
    view.setPermissions(mode);
  }

  private static void move(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
