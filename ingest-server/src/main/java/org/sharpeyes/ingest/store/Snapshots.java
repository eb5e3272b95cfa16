package org.sharpeyes.ingest.store;

import java.util.Optional;

/**
 * The snapshots of events: the recent ones in memory, all of them (within retention) on disk. A
 * snapshot is served from memory until it is evicted there, then from its file.
 */
public final class Snapshots implements SnapshotSink {

  private final SnapshotCache recent;
  private final SnapshotFiles files;

  public Snapshots(SnapshotCache recent, SnapshotFiles files) {
    this.recent = recent;
    this.files = files;
  }

  @Override
  public void put(Snapshot snapshot) {
    recent.put(snapshot);
    files.write(snapshot);
  }

  /** The image of an event, if it is kept. Blocking (may read a file). */
  public Optional<byte[]> image(String eventId) {
    Optional<Snapshot> hot = recent.get(eventId);
    return hot.isPresent() ? hot.map(Snapshot::image) : files.read(eventId);
  }

  public SnapshotCache recent() {
    return recent;
  }

  public SnapshotFiles files() {
    return files;
  }
}
