package org.sharpeyes.edge.cli;

/** Exit codes of the {@code edge-agent} command. */
final class ExitCodes {

  static final int OK = 0;

  /** The agent could not start, or failed while running. */
  static final int FAILED = 1;

  /** The config file (or a command-line option) is invalid. */
  static final int INVALID_CONFIG = 2;

  /** {@code probe}: nothing failed, but some checks could not be made (the agent not running). */
  static final int PROBE_INCOMPLETE = 3;

  private ExitCodes() {}
}
