package org.sharpeyes.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.mqtt.BrokerSettings;

/**
 * Reads {@code broker.mosquittoFiles}: where the server keeps an external Mosquitto's password and
 * ACL files. Paths are relative to the config file; each must name a file in a directory that
 * exists. The section needs an external broker (the embedded one checks logins itself) and the
 * server's own account ({@code broker.usernameEnv}, {@code broker.passwordEnv}), which goes in the
 * password file.
 */
final class MosquittoFilesReader {

  static final String KEY = "mosquittoFiles";
  private static final List<String> KEYS = List.of("passwordFile", "aclFile");
  private static final String HINT =
      "name both files the Mosquitto config reads, e.g. mosquittoFiles: { passwordFile:"
          + " /etc/mosquitto/sharpeyes/passwords, aclFile: /etc/mosquitto/sharpeyes/acl }";

  private MosquittoFilesReader() {}

  /**
   * The section, {@code null} when it is left out or has problems (recorded).
   *
   * @param embedded whether the embedded broker runs
   * @param settings the shared broker keys, {@code null} after their own problems
   */
  static MosquittoFilesConfig read(ConfigTree broker, boolean embedded, BrokerSettings settings) {
    ConfigTree m = broker.section(KEY);
    if (m == null) {
      return null;
    }
    int before = m.problemCount();
    m.allowKeys(KEYS);
    m.require("passwordFile", HINT);
    m.require("aclFile", HINT);
    Path passwords = file(m, "passwordFile");
    Path acl = file(m, "aclFile");
    if (passwords != null && passwords.equals(acl)) {
      m.problem("aclFile", "the same file as passwordFile — Mosquitto needs two: name another");
    }
    if (embedded) {
      broker.problem(
          KEY,
          "set while the embedded broker runs, which checks logins itself — for an external"
              + " Mosquitto set broker.url (the embedded broker is then off), or remove"
              + " broker.mosquittoFiles");
    } else if (settings != null
        && (settings.usernameEnv() == null || settings.passwordEnv() == null)) {
      broker.problem(
          KEY,
          "the server's own Mosquitto account goes in the password file, and it has none — set"
              + " broker.usernameEnv and broker.passwordEnv (the variables holding the server's"
              + " user name and password)");
    }
    if (m.problemCount() > before || passwords == null || acl == null) {
      return null;
    }
    return new MosquittoFilesConfig(passwords, acl);
  }

  private static Path file(ConfigTree m, String key) {
    Path p = m.path(key, m.baseDir(), null);
    if (p == null) {
      return null;
    }
    Path absolute = p.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      m.problem(
          key,
          absolute
              + " is a directory — name the file in it, e.g. "
              + absolute.resolve(key.equals("aclFile") ? "acl" : "passwords"));
      return null;
    }
    if (dir == null || !Files.isDirectory(dir)) {
      m.problem(
          key,
          "directory "
              + dir
              + " does not exist — create it (the Mosquitto config names the file in it) or fix"
              + " the path (relative paths start at the config file)");
      return null;
    }
    return absolute;
  }
}
