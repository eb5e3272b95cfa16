package org.sharpeyes.ingest.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot images on disk, one file per event under an hour directory ({@code
 * <dir>/2026112708/<eventId>.jpg}), written on a thread of their own so the ingest worker never
 * waits for the disk. Retention: the oldest files go once all of them take more than {@code
 * maxBytes}, and every file older than {@code maxAge} goes at the next sweep. Each removal is
 * counted by reason; a file that could not be written is counted too (the event itself is stored
 * regardless: snapshots are the first thing given up). Thread-safe.
 */
public final class SnapshotFiles implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
  private static final Pattern EVENT_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
  static final int MAX_QUEUED = 1000;

  private record Entry(Path file, long size, Instant receivedAt) {}

  private final Path dir;
  private final long maxBytes;
  private final Duration maxAge;
  private final Clock clock;
  private final Consumer<String> onDrop;
  private final ThreadPoolExecutor writer;
  private final Map<String, Entry> index = new LinkedHashMap<>(); // oldest first
  private long bytes;

  /**
   * Reads what is on disk already (oldest first by modification time).
   *
   * @param onDrop told the reason of each removal or unwritten file (for the metric)
   * @param threads makes the one writer thread (its queue of {@value #MAX_QUEUED} is the bound)
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  public SnapshotFiles(
      Path dir,
      long maxBytes,
      Duration maxAge,
      Clock clock,
      Consumer<String> onDrop,
      ThreadFactory threads) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
    this.clock = clock;
    this.onDrop = onDrop;
    this.writer =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), threads);
    try {
      Files.createDirectories(dir);
      load();
    } catch (IOException e) {
      writer.shutdownNow();
      throw new UncheckedIOException("cannot use the snapshot directory " + dir, e);
    }
    sweep();
  }

  public Path dir() {
    return dir;
  }

  /** Queues {@code snapshot} for writing; when the queue is full it is dropped and counted. */
  public void write(Snapshot snapshot) {
    if (!EVENT_ID.matcher(snapshot.eventId()).matches()) {
      onDrop.accept("write-failed");
      return;
    }
    try {
      writer.execute(() -> store(snapshot));
    } catch (RejectedExecutionException e) {
      onDrop.accept("queue-full");
    }
  }

  /** The image of an event, if its file is kept. Blocking. */
  public Optional<byte[]> read(String eventId) {
    Entry e;
    synchronized (this) {
      e = index.get(eventId);
    }
    if (e == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(e.file()));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException io) {
      LOG.warn("cannot read snapshot {}: {}", e.file(), io.getMessage());
      return Optional.empty();
    }
  }

  /** Removes every file older than {@code maxAge}; runs on the writer thread. */
  public void sweep() {
    try {
      writer.execute(this::removeExpired);
    } catch (RejectedExecutionException e) {
      LOG.debug("snapshot writer stopped; no sweep");
    }
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int count() {
    return index.size();
  }

  /** Waits for queued writes (tests, shutdown). */
  public void flush() {
    try {
      writer.submit(() -> {}).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("snapshot flush did not complete: {}", e.toString());
    }
  }

  private void store(Snapshot s) {
    Path hour = dir.resolve(HOUR.format(s.receivedAt()));
    Path file = hour.resolve(s.eventId() + ".jpg");
    try {
      Files.createDirectories(hour);
      Path tmp = hour.resolve(s.eventId() + ".tmp");
      Files.write(tmp, s.image());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot write snapshot {}: {}", file, e.getMessage());
      onDrop.accept("write-failed");
      return;
    }
    List<Entry> over = new ArrayList<>();
    synchronized (this) {
      Entry previous = index.remove(s.eventId());
      if (previous != null) {
        bytes -= previous.size();
      }
      index.put(s.eventId(), new Entry(file, s.image().length, s.receivedAt()));
      bytes += s.image().length;
      Iterator<Entry> oldest = index.values().iterator();
      while (bytes > maxBytes && oldest.hasNext()) {
        Entry e = oldest.next();
        if (e.file().equals(file)) {
          break;
        }
        oldest.remove();
        bytes -= e.size();
        over.add(e);
      }
    }
    over.forEach(e -> delete(e, "bytes"));
  }

  private void removeExpired() {
    Instant cutoff = clock.instant().minus(maxAge);
    List<Entry> expired = new ArrayList<>();
    synchronized (this) {
      Iterator<Entry> oldest = index.values().iterator();
      while (oldest.hasNext()) {
        Entry e = oldest.next();
        if (!e.receivedAt().isBefore(cutoff)) {
          break;
        }
        oldest.remove();
        bytes -= e.size();
        expired.add(e);
      }
    }
    expired.forEach(e -> delete(e, "age"));
  }

  private void delete(Entry e, String reason) {
    try {
      Files.deleteIfExists(e.file());
      Path hour = e.file().getParent();
      try (Stream<Path> left = Files.list(hour)) {
        if (left.findAny().isEmpty()) {
          Files.deleteIfExists(hour);
        }
      }
    } catch (IOException io) {
      LOG.debug("cannot remove {}: {}", e.file(), io.getMessage());
    }
    onDrop.accept(reason);
  }

  private void load() throws IOException {
    List<Entry> found = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (Files.isRegularFile(f) && name.endsWith(".jpg")) {
          found.add(new Entry(f, Files.size(f), Files.getLastModifiedTime(f).toInstant()));
          ids.add(name.substring(0, name.length() - 4));
        }
      }
    }
    Integer[] order = new Integer[found.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> found.get(i).receivedAt()));
    synchronized (this) {
      for (int i : order) {
        index.put(ids.get(i), found.get(i));
        bytes += found.get(i).size();
      }
    }
    if (!found.isEmpty()) {
      LOG.info("{} snapshot files ({} bytes) in {}", found.size(), bytes, dir);
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writer.shutdownNow();
    }
  }
}
