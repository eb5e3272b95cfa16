package org.sharpeyes.sims.sse;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the lines of a {@code text/event-stream} into events, following the WHATWG event-stream
 * rules: {@code field: value} lines (one optional space after the colon), comments starting with
 * {@code :}, {@code data} lines joined with newlines, and dispatch on a blank line. An event whose
 * data grows past {@code maxEventChars} is dropped whole and counted, so one huge event cannot
 * exhaust memory. Not thread-safe: one parser per stream, fed by one thread.
 */
public final class SseLineParser {

  public static final int DEFAULT_MAX_EVENT_CHARS = 1 << 20;

  private final int maxEventChars;
  private final StringBuilder data = new StringBuilder();
  private String type = "";
  private String lastEventId = "";
  private boolean hasData;
  private boolean oversized;
  private long retryMillis = -1;
  private long comments;
  private long oversizedEvents;
  private boolean firstLine = true;

  public SseLineParser(int maxEventChars) {
    if (maxEventChars < 1) {
      throw new IllegalArgumentException("max event size must be at least 1, got " + maxEventChars);
    }
    this.maxEventChars = maxEventChars;
  }

  /**
   * Feeds one line without its line terminator.
   *
   * @return the event this line completed (only a blank line completes one), if any
   */
  public Optional<SseEvent> accept(String line) {
    if (firstLine) {
      firstLine = false;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
    }
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.charAt(0) == ':') {
      comments++;
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "data" -> appendData(value);
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          retryMillis = Long.parseLong(value);
        }
      }
      default -> {
        // Unknown fields are ignored, as the spec says.
      }
    }
    return Optional.empty();
  }

  private void appendData(String value) {
    if (oversized) {
      return;
    }
    if (data.length() + value.length() + 1 > maxEventChars) {
      oversized = true;
      data.setLength(0);
      return;
    }
    data.append(value).append('\n');
    hasData = true;
  }

  private Optional<SseEvent> dispatch() {
    try {
      if (oversized) {
        oversizedEvents++;
        return Optional.empty();
      }
      if (!hasData) {
        return Optional.empty();
      }
      String text = data.substring(0, data.length() - 1);
      return Optional.of(
          new SseEvent(type.isEmpty() ? SseEvent.DEFAULT_TYPE : type, text, lastEventId));
    } finally {
      data.setLength(0);
      type = "";
      hasData = false;
      oversized = false;
    }
  }

  /** The last {@code retry:} the server asked for, in milliseconds. */
  public OptionalLong retryMillis() {
    return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
  }

  public long comments() {
    return comments;
  }

  /** Events dropped because their data passed the size limit. */
  public long oversizedEvents() {
    return oversizedEvents;
  }
}
