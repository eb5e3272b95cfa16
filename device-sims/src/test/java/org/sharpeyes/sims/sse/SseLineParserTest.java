package org.sharpeyes.sims.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLineParserTest {

  private final SseLineParser parser = new SseLineParser(1024);

  private List<SseEvent> feed(String... lines) {
    List<SseEvent> events = new ArrayList<>();
    for (String line : lines) {
      parser.accept(line).ifPresent(events::add);
    }
    return events;
  }

  @Test
  void aBlankLineDispatchesTheEventWithItsTypeAndData() {
    assertThat(feed("event: alert", "data: {\"id\":\"a1\"}", ""))
        .containsExactly(new SseEvent("alert", "{\"id\":\"a1\"}", ""));
  }

  @Test
  void nothingIsDispatchedBeforeTheBlankLine() {
    assertThat(feed("event: alert", "data: {}")).isEmpty();
  }

  @Test
  void multiLineDataIsJoinedWithNewlines() {
    assertThat(feed("data: {", "data:   \"id\": 1", "data: }", ""))
        .extracting(SseEvent::data)
        .containsExactly("{\n  \"id\": 1\n}");
  }

  @Test
  void commentsAreSkippedAndCounted() {
    assertThat(feed(": connected", "", ":keep-alive", "data: x", ""))
        .extracting(SseEvent::data)
        .containsExactly("x");
    assertThat(parser.comments()).isEqualTo(2);
  }

  @Test
  void anEventWithoutATypeIsAMessage() {
    assertThat(feed("data: x", "")).extracting(SseEvent::type).containsExactly("message");
  }

  @Test
  void theTypeDoesNotCarryOverToTheNextEvent() {
    assertThat(feed("event: alert-update", "data: 1", "", "data: 2", ""))
        .extracting(SseEvent::type)
        .containsExactly("alert-update", "message");
  }

  @Test
  void theLastEventIdCarriesOverUntilTheNextId() {
    assertThat(feed("id: 7", "data: a", "", "data: b", "", "id: 8", "data: c", ""))
        .extracting(SseEvent::lastEventId)
        .containsExactly("7", "7", "8");
  }

  @Test
  void anEventWithoutDataIsNotDispatched() {
    assertThat(feed("event: alert", "id: 3", "")).isEmpty();
  }

  @Test
  void theSpaceAfterTheColonIsOptionalAndOnlyOneIsRemoved() {
    assertThat(feed("data:x", "", "data:  y", ""))
        .extracting(SseEvent::data)
        .containsExactly("x", " y");
  }

  @Test
  void aFieldWithoutAColonHasAnEmptyValue() {
    assertThat(feed("data", "")).extracting(SseEvent::data).containsExactly("");
  }

  @Test
  void unknownFieldsAreIgnoredAndRetryIsRead() {
    assertThat(feed("foo: bar", "retry: 3000", "data: x", "")).hasSize(1);
    assertThat(parser.retryMillis()).hasValue(3000);
  }

  @Test
  void aByteOrderMarkAtTheStartIsIgnored() {
    assertThat(feed("\uFEFFevent: alert", "data: x", ""))
        .extracting(SseEvent::type)
        .containsExactly("alert");
  }

  @Test
  void anOversizedEventIsDroppedAndCountedAndTheNextOneStillArrives() {
    SseLineParser small = new SseLineParser(10);
    List<SseEvent> events = new ArrayList<>();
    for (String line : new String[] {"data: 0123456789abc", "data: more", "", "data: ok", ""}) {
      small.accept(line).ifPresent(events::add);
    }

    assertThat(events).extracting(SseEvent::data).containsExactly("ok");
    assertThat(small.oversizedEvents()).isEqualTo(1);
  }
}
