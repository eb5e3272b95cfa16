package org.sharpeyes.ingest.store;

/** Where the ingest worker hands the snapshot images it receives; must not block for long. */
@FunctionalInterface
public interface SnapshotSink {
  void put(Snapshot snapshot);
}
