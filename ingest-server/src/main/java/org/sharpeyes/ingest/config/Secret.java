package org.sharpeyes.ingest.config;

import java.util.Objects;

/** A value read from the environment that must never appear in logs or {@code toString()}. */
public record Secret(String value) {

  public Secret {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "Secret[******]";
  }
}
