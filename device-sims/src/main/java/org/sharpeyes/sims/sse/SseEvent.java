package org.sharpeyes.sims.sse;

/**
 * One Server-Sent Event as dispatched by a blank line.
 *
 * @param type the {@code event:} field, or {@code message} when there was none
 * @param data the {@code data:} lines joined with {@code \n}
 * @param lastEventId the last {@code id:} seen on the stream so far (it carries over events), or
 *     empty
 */
public record SseEvent(String type, String data, String lastEventId) {

  public static final String DEFAULT_TYPE = "message";
}
