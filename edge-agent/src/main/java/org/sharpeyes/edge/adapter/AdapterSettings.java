package org.sharpeyes.edge.adapter;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The adapter-specific part of a device entry (e.g. {@code plateHttp}). One record per device kind,
 * living in that adapter's package.
 */
public interface AdapterSettings {

  /** The kind of device these settings are for. */
  DeviceKind kind();

  /**
   * The local TCP port the adapter listens on, when it listens at all (push devices). Used to find
   * port clashes at load time; 0 means "any free port" and never clashes.
   */
  OptionalInt listenPort();

  /** The local address the adapter listens on, when it listens. */
  default String listenHost() {
    return "0.0.0.0";
  }

  /** A copy that listens on another port; settings that do not listen return themselves. */
  AdapterSettings withListenPort(int port);

  /**
   * The environment variables the adapter reads when it starts (credentials); it does not start
   * while one is unset. {@code validate} warns about those unset where it runs.
   */
  default List<String> requiredEnvironment() {
    return List.of();
  }

  /**
   * The face models the adapter matches faces with, when it does (cameras, GA/T 1400 listeners with
   * face analysis): the agent keeps the watchlist's templates for each embedder in use.
   */
  default Optional<FaceModels> faceModels() {
    return Optional.empty();
  }
}
