package org.sharpeyes.ingest.edgeaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an external Mosquitto's {@code password_file} and {@code acl_file} ({@link MosquittoFiles})
 * as the {@code edge_accounts} table says: {@link #rewrite()} at the server's start and on demand,
 * and again after every change made through the {@link EdgeAccounts} it listens to (the server's,
 * or those of one {@code ingest-server edges} run). Mosquitto reads the files only at its start and
 * on {@code SIGHUP}: whoever is told of a rewrite must pass that on ({@link #RELOAD}).
 *
 * <p>Each rewrite reads every account afresh, under this object's lock, so that of two changes made
 * at once the later rewrite holds both. When nothing changed (the server's line is kept as long as
 * its hash still matches the server's password) the files are left untouched, and the rewrite says
 * so. Thread-safe; blocking (database, files).
 */
public final class MosquittoFilesSync implements EdgeAccounts.Listener {

  /** What to do after a rewrite, as the operator types it. */
  public static final String RELOAD =
      "tell Mosquitto to read them again: kill -HUP <pid> or systemctl reload mosquitto";

  private static final Logger LOG = LoggerFactory.getLogger(MosquittoFilesSync.class);

  /**
   * What a rewrite did.
   *
   * @param edges enabled edges in the password file
   * @param serverUser the server's user in both files, {@code null} for none
   * @param changed whether either file changed (Mosquitto must then be told)
   */
  public record Written(
      Path passwordFile, Path aclFile, long edges, String serverUser, boolean changed) {

    /** One line for the operator: what was written and what to do next. */
    public String describe() {
      String accounts =
          edges
              + " edge(s)"
              + (serverUser == null
                  ? "; no server account: set broker.usernameEnv and broker.passwordEnv"
                  : " and the server's account " + serverUser);
      return changed
          ? "wrote " + passwordFile + " (" + accounts + ") and " + aclFile + " — " + RELOAD
          : passwordFile + " (" + accounts + ") and " + aclFile + " are current: no reload needed";
    }
  }

  /** Where the outcome of a rewrite after a change goes. */
  public interface Report {
    void written(Written written);

    /** The change of {@code edgeId} stands, but the files could not be rewritten. */
    void failed(String edgeId, Exception cause);
  }

  private final EdgeAccounts accounts;
  private final Path passwordFile;
  private final Path aclFile;
  private final BrokerCredentials server;
  private final RandomGenerator random;
  private final Report report;

  /**
   * @param server the server's own account ({@code broker.usernameEnv}/{@code passwordEnv}); with
   *     no user name, the files have no line for it
   * @param random for the salt of the server's hash: a {@link java.security.SecureRandom}
   */
  public MosquittoFilesSync(
      EdgeAccounts accounts,
      Path passwordFile,
      Path aclFile,
      BrokerCredentials server,
      RandomGenerator random,
      Report report) {
    this.accounts = accounts;
    this.passwordFile = passwordFile.toAbsolutePath().normalize();
    this.aclFile = aclFile.toAbsolutePath().normalize();
    this.server = server;
    this.random = random;
    this.report = report;
  }

  /** A sync that listens to {@code accounts} from now on. */
  public static MosquittoFilesSync attach(
      EdgeAccounts accounts,
      Path passwordFile,
      Path aclFile,
      BrokerCredentials server,
      RandomGenerator random,
      Report report) {
    MosquittoFilesSync sync =
        new MosquittoFilesSync(accounts, passwordFile, aclFile, server, random, report);
    accounts.addListener(sync);
    return sync;
  }

  /** Reports to the log (the server's). */
  public static Report logging() {
    return new Report() {
      @Override
      public void written(Written written) {
        LOG.info("Mosquitto files: {}", written.describe());
      }

      @Override
      public void failed(String edgeId, Exception cause) {
        LOG.error(
            "Mosquitto files NOT rewritten after the change of edge {}: {} — Mosquitto still has"
                + " the former accounts; fix it and run 'ingest-server edges mosquitto-files'",
            edgeId,
            cause.getMessage());
      }
    };
  }

  /**
   * Writes both files from the accounts as they are now (unless they say that already).
   *
   * @throws IOException when a file cannot be written (both are then as they were)
   * @throws StoreUnavailableException when the accounts cannot be read
   */
  public synchronized Written rewrite() throws IOException {
    List<EdgeAccount> all = accounts.list();
    String passwords = MosquittoFiles.passwordFile(all, server.username(), serverHash());
    String acl = MosquittoFiles.aclFile(server.username());
    boolean changed = !passwords.equals(read(passwordFile)) || !acl.equals(read(aclFile));
    if (changed) {
      MosquittoFiles.write(passwordFile, passwords, aclFile, acl);
    }
    long edges = all.stream().filter(a -> !a.disabled()).count();
    return new Written(passwordFile, aclFile, edges, server.username(), changed);
  }

  @Override
  public void accountChanged(String edgeId) {
    try {
      report.written(rewrite());
    } catch (IOException | StoreUnavailableException e) {
      report.failed(edgeId, e);
    }
  }

  /** The server's hash now in the file when it still checks its password, else a new one. */
  private String serverHash() {
    if (server.username() == null || server.password() == null) {
      return null;
    }
    String prefix = server.username() + ":";
    String current = read(passwordFile);
    if (current != null) {
      for (String line : current.split("\n")) {
        if (line.startsWith(prefix)) {
          String hash = line.substring(prefix.length());
          if (MosquittoPasswordHash.matches(hash, server.password().clone())) {
            return hash;
          }
        }
      }
    }
    return MosquittoPasswordHash.hash(server.password().clone(), random);
  }

  /** The file's text, {@code null} when it is missing or unreadable (it is written then). */
  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
