package org.sharpeyes.edge.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The outbox's SQLite file, opened: an exclusive lock (so two agents never share it), the schema,
 * and two connections — one for the writer thread, one for the publisher's reads (WAL mode lets
 * them run side by side). One file belongs to one edge id.
 */
final class OutboxFile implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxFile.class);

  static final int SCHEMA_VERSION = 1;
  static final String KEY_SCHEMA = "schema";
  static final String KEY_EDGE_ID = "edge_id";
  static final String KEY_LAST_SEQ = "last_seq";
  static final String KEY_SENT_THROUGH = "sent_through";

  /** WAL size kept after a checkpoint; the WAL grows beyond it only between checkpoints. */
  static final long JOURNAL_SIZE_LIMIT = 64L * 1024 * 1024;

  static final int BUSY_TIMEOUT_MS = 10_000;

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outbox_event (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL,"
        + " type TEXT NOT NULL, device_id TEXT NOT NULL, received_at INTEGER NOT NULL,"
        + " event_json BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outbox_snapshot (seq INTEGER PRIMARY KEY, jpeg BLOB NOT NULL)"
  };

  /** What the file held when it was opened. */
  record Contents(
      long lastSeq,
      long sentThrough,
      long events,
      long eventBytes,
      long snapshots,
      long snapshotBytes,
      long oldestSeq,
      long oldestReceivedAtMillis) {}

  final Path path;
  final Connection writer;
  final Connection reader;
  final Contents contents;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private OutboxFile(
      Path path,
      FileChannel lockChannel,
      FileLock lock,
      Connection writer,
      Connection reader,
      Contents contents) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writer = writer;
    this.reader = reader;
    this.contents = contents;
  }

  /**
   * Opens (or creates) the file for {@code edgeId}.
   *
   * @throws OutboxOpenException when the file is locked by another agent, belongs to another edge
   *     with events in it, was written by a newer agent, or cannot be read or created
   */
  static OutboxFile open(Path file, String edgeId) {
    Path path = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new OutboxOpenException(
          "cannot create the outbox directory " + path.getParent() + ": " + e.getMessage(), e);
    }
    Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
    FileChannel channel;
    FileLock lock;
    try {
      channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutboxOpenException("cannot create " + lockPath + ": " + e.getMessage(), e);
    }
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new OutboxOpenException(
          "outbox "
              + path
              + " is in use by another edge-agent (it holds "
              + lockPath.getFileName()
              + ") — stop that agent, or give this one its own outbox.path",
          null);
    }
    Connection writer = null;
    Connection reader = null;
    try {
      writer = connect(path);
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA journal_size_limit=" + JOURNAL_SIZE_LIMIT);
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      }
      writer.setAutoCommit(false);
      Contents contents = adopt(writer, path, edgeId);
      writer.commit();
      reader = connect(path);
      try (Statement s = reader.createStatement()) {
        s.execute("PRAGMA query_only=1");
      }
      return new OutboxFile(path, channel, lock, writer, reader, contents);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(reader);
      closeQuietly(writer);
      release(lock, channel);
      if (e instanceof OutboxOpenException open) {
        throw open;
      }
      throw new OutboxOpenException(
          "cannot open the outbox " + path + ": " + e.getMessage() + " — is it an outbox file?", e);
    }
  }

  private static Connection connect(Path path) throws SQLException {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + path);
    Connection c = source.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
    }
    return c;
  }

  /** Checks the schema version and the owner, and reads what the file holds. */
  private static Contents adopt(Connection c, Path path, String edgeId) throws SQLException {
    String schema = meta(c, KEY_SCHEMA);
    if (schema != null && Integer.parseInt(schema) > SCHEMA_VERSION) {
      throw new OutboxOpenException(
          "outbox " + path + " was written by a newer edge-agent (schema " + schema + ")", null);
    }
    setMeta(c, KEY_SCHEMA, Integer.toString(SCHEMA_VERSION));
    long[] events =
        longs(c, "SELECT count(*), coalesce(sum(length(event_json)), 0) FROM outbox_event");
    String owner = meta(c, KEY_EDGE_ID);
    if (owner != null && !owner.equals(edgeId)) {
      if (events[0] > 0) {
        throw new OutboxOpenException(
            "outbox "
                + path
                + " holds "
                + events[0]
                + " unsent events of edge "
                + owner
                + ", not of "
                + edgeId
                + " — give this edge its own outbox.path, or start edge "
                + owner
                + " on it to send them (deleting the file discards them)",
            null);
      }
      log.info("outbox {} was edge {}'s and is empty; edge {} takes it over", path, owner, edgeId);
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM outbox_snapshot");
      }
      setMeta(c, KEY_LAST_SEQ, "0");
      setMeta(c, KEY_SENT_THROUGH, "0");
    }
    setMeta(c, KEY_EDGE_ID, edgeId);
    long[] snapshots =
        longs(c, "SELECT count(*), coalesce(sum(length(jpeg)), 0) FROM outbox_snapshot");
    long[] oldest = longs(c, "SELECT seq, received_at FROM outbox_event ORDER BY seq LIMIT 1");
    long lastSeq = Math.max(parse(meta(c, KEY_LAST_SEQ)), maxSeq(c));
    return new Contents(
        lastSeq,
        parse(meta(c, KEY_SENT_THROUGH)),
        events[0],
        events[1],
        snapshots[0],
        snapshots[1],
        oldest == null ? 0 : oldest[0],
        oldest == null ? 0 : oldest[1]);
  }

  private static long maxSeq(Connection c) throws SQLException {
    long[] max = longs(c, "SELECT coalesce(max(seq), 0) FROM outbox_event");
    return max == null ? 0 : max[0];
  }

  static String meta(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM outbox_meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void setMeta(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO outbox_meta (key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  /** The first row's columns as longs, or {@code null} when there is no row. */
  private static long[] longs(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        return null;
      }
      long[] values = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    }
  }

  private static long parse(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Closes both connections and releases the lock. Idempotent. */
  @Override
  public void close() {
    closeQuietly(reader);
    closeQuietly(writer);
    release(lock, lockChannel);
  }

  private static void release(FileLock lock, FileChannel channel) {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      log.debug("releasing the outbox lock failed", e);
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.debug("closing {} failed", c, e);
    }
  }
}
