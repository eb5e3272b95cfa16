package org.sharpeyes.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The verdicts on the envelope's CloudEvents rules: the ones the schema states, and the ones the
 * decoder used to get from the CloudEvents SDK parsing the bytes a second time (attribute names,
 * {@code data} with {@code data_base64}, a {@code subject} that is no string, a {@code time} the
 * schema's date-time format lets through but {@code OffsetDateTime} cannot read). Each input here
 * is one valid event with one thing changed, so a verdict cannot come from anything else.
 */
class EventCodecEnvelopeRulesTest {

  /** Writes nulls as they are (the codec's mapper leaves them out). */
  private static final ObjectMapper PLAIN = JsonMapper.builder().build();

  private final EventCodec codec = new EventCodec();
  private final EdgeEvent original = EventCodecTest.event(EventCodecTest.plateRead());

  @ParameterizedTest
  @ValueSource(strings = {"Foo", "foo_bar", "edgeId", "é", "trace-parent", "a b"})
  void anAttributeNameOutsideLowerCaseLettersAndDigitsIsRefusedNamingIt(String name) {
    var rejected = rejected(root -> root.put(name, "x"));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.summary()).contains(name);
  }

  @Test
  void everyBadAttributeNameIsRefusedTogetherWithTheOtherProblems() {
    var rejected =
        rejected(
            root -> {
              root.put("Foo", "x");
              root.put("seq", "forty-two");
            });

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems()).extracting(Problem::path).contains("seq");
  }

  @Test
  void eachBrokenRuleIsReportedAtItsAttributeInOneRejection() {
    var rejected =
        rejected(
            root -> {
              root.put("Foo", "x");
              root.put("bar_baz", 1);
              root.put("data_base64", "AAAA");
              root.put("subject", 7);
              root.put("time", "2026-11-27 02:15:30Z");
            },
            "\"ratio\":0.5");

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems())
        .containsExactlyInAnyOrder(
            new Problem(
                "Foo",
                "is not a valid attribute name: CloudEvents attribute and extension names hold"
                    + " only lower-case letters a-z and digits 0-9"),
            new Problem(
                "bar_baz",
                "is not a valid attribute name: CloudEvents attribute and extension names hold"
                    + " only lower-case letters a-z and digits 0-9"),
            new Problem(
                "ratio",
                "is the number 0.5, which a CloudEvents extension cannot hold: only integers from"
                    + " -2147483648 to 2147483647 (send other numbers as strings)"),
            new Problem(
                "data_base64",
                "cannot come with data: an event carries its data once (here, as JSON in data)"),
            new Problem("subject", "must be a string, was number"),
            new Problem(
                "time",
                "cannot be read as an RFC 3339 date-time with a 'T' between date and time (e.g."
                    + " 2026-11-27T02:15:30Z): Text '2026-11-27 02:15:30Z' could not be parsed at"
                    + " index 10"));
  }

  @Test
  void extensionsWithLowerCaseNamesAreAcceptedWithAnyValueButANumberOutsideInt() {
    assertDecodedUnchanged(
        root -> {
          root.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
          root.put("priority", 5);
          root.put("lowest", Integer.MIN_VALUE);
          root.put("highest", Integer.MAX_VALUE);
          root.put("urgent", true);
          root.putNull("nothing");
          root.putObject("nested").put("Any_Name", 1.5);
          root.putArray("list").add(1);
          root.put("datacontentencoding", "base64");
          root.put("", "an empty name has no character outside a-z and 0-9");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.5", "1e2", "42.0", "2147483648", "-2147483649", "5000000000"})
  void anExtensionNumberThatIsNoIntIsRefused(String number) {
    var rejected = rejected(root -> {}, "\"ratio\":" + number);

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.summary()).contains("ratio");
  }

  @ParameterizedTest
  @ValueSource(strings = {"42.0", "4.2e1", "2147483648"})
  void aSeqSentAsANumberOutsideIntIsRefused(String number) {
    var rejected = rejected(root -> root.remove("seq"), "\"seq\":" + number);

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.summary()).contains("seq");
  }

  @Test
  void aSeqSentAsAnIntIsAccepted() {
    assertDecodedUnchanged(root -> root.put("seq", 42));
    assertThat(decoded(root -> root.put("seq", Integer.MAX_VALUE)).event().seq())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aSubjectThatIsAStringOrNullIsAccepted() {
    assertDecodedUnchanged(root -> root.put("subject", "lane 2"));
    assertDecodedUnchanged(root -> root.putNull("subject"));
  }

  @Test
  void aSubjectThatIsNoStringIsRefused() {
    for (Consumer<ObjectNode> change :
        java.util.List.<Consumer<ObjectNode>>of(
            root -> root.put("subject", 5),
            root -> root.put("subject", true),
            root -> root.putArray("subject"),
            root -> root.putObject("subject"))) {
      var rejected = rejected(change);

      assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
      assertThat(rejected.summary()).contains("subject");
    }
  }

  @Test
  void anEventWithBothDataAndDataBase64IsRefused() {
    for (Consumer<ObjectNode> change :
        java.util.List.<Consumer<ObjectNode>>of(
            root -> root.put("data_base64", "AAAA"),
            root -> root.put("data_base64", 5),
            root -> root.putNull("data_base64"))) {
      var rejected = rejected(change);

      assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
      assertThat(rejected.summary()).contains("data_base64");
    }
  }

  @Test
  void dataBase64InsteadOfDataIsRefusedForTheMissingData() {
    var rejected =
        rejected(
            root -> {
              root.remove("data");
              root.put("data_base64", "AAAA");
            });

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems()).contains(new Problem("data", "is required but missing"));
  }

  @Test
  void aMissingSpecversionIsRefused() {
    var rejected = rejected(root -> root.remove("specversion"));

    assertThat(rejected.problems())
        .containsExactly(new Problem("specversion", "is required but missing"));
  }

  @Test
  void aSpecversionOtherThanOnePointZeroIsRefused() {
    for (Consumer<ObjectNode> change :
        java.util.List.<Consumer<ObjectNode>>of(
            root -> root.put("specversion", "0.3"),
            root -> root.put("specversion", 1.0),
            root -> root.putNull("specversion"))) {
      var rejected = rejected(change);

      assertThat(rejected.problems())
          .containsExactly(new Problem("specversion", "must be the constant value '1.0'"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-06-30T23:59:60Z",
        "2026-11-27T02:15Z",
        "2026-11-27T02:15:30.1234567891Z",
        "2026-02-30T02:15:30Z",
        "2026-11-27T02:15:30+24:00",
        "2026-11-27T02:15:30-00:00",
        "2026-11-27T02:15:30+08:00:00",
        "2026-11-27T02:15:30"
      })
  void aTimeThatIsNoRfc3339DateTimeIsRefusedByTheSchema(String time) {
    var rejected = rejected(root -> root.put("time", time));

    assertThat(rejected.problems())
        .containsExactly(
            new Problem(
                "time", "does not match the date-time pattern must be a valid RFC 3339 date-time"));
  }

  @Test
  void aTimeWithASpaceForTheTIsRefusedThoughTheSchemaFormatAllowsIt() {
    var rejected = rejected(root -> root.put("time", "2026-11-27 02:15:30Z"));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELDS);
    assertThat(rejected.problems()).hasSize(1);
    assertThat(rejected.summary()).contains("time", "2026-11-27 02:15:30Z");
  }

  @Test
  void aTimeThatIsNoStringIsRefused() {
    var rejected = rejected(root -> root.put("time", 1764209730));

    assertThat(rejected.problems())
        .containsExactly(new Problem("time", "integer found, string expected"));
  }

  @Test
  void timesWithAnOffsetOrInLowerCaseAreReadAsTheSameInstant() {
    for (String time :
        java.util.List.of("2026-11-27T10:15:30.123+08:00", "2026-11-27t02:15:30.123z")) {
      assertDecodedUnchanged(root -> root.put("time", time));
    }
  }

  @Test
  void aTimeInYearZeroIsReadAsItStands() {
    var decoded = decoded(root -> root.put("time", "0000-11-27T02:15:30Z"));

    assertThat(decoded.event().time()).isEqualTo(Instant.parse("0000-11-27T02:15:30Z"));
  }

  @Test
  void anIdThatBreaksItsPatternIsRefused() {
    assertThat(rejected(root -> root.put("id", "a b")).problems())
        .containsExactly(new Problem("id", "does not match the regex pattern ^[0-9A-Za-z-]+$"));
    assertThat(rejected(root -> root.put("id", "")).problems())
        .containsExactly(
            new Problem("id", "does not match the regex pattern ^[0-9A-Za-z-]+$"),
            new Problem("id", "must be at least 1 characters long"));
    assertThat(rejected(root -> root.put("id", 5)).problems())
        .containsExactly(new Problem("id", "integer found, string expected"));
  }

  @Test
  void aDataContentTypeOtherThanJsonIsRefused() {
    assertThat(rejected(root -> root.put("datacontenttype", "text/plain")).problems())
        .containsExactly(
            new Problem("datacontenttype", "must be the constant value 'application/json'"));
  }

  private DecodeResult.Rejected rejected(Consumer<ObjectNode> change) {
    return rejected(change, "");
  }

  /**
   * {@code member} is JSON text put in as it stands after {@code "data":…} (numbers as written).
   */
  private DecodeResult.Rejected rejected(Consumer<ObjectNode> change, String member) {
    byte[] bytes = changed(change);
    if (!member.isEmpty()) {
      String json = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      bytes =
          (json.substring(0, json.length() - 1) + "," + member + "}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    DecodeResult result = codec.decode(bytes);
    assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
    return (DecodeResult.Rejected) result;
  }

  private DecodeResult.Decoded decoded(Consumer<ObjectNode> change) {
    DecodeResult result = codec.decode(changed(change));
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return (DecodeResult.Decoded) result;
  }

  private void assertDecodedUnchanged(Consumer<ObjectNode> change) {
    assertThat(decoded(change).event()).isEqualTo(original);
  }

  private byte[] changed(Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) PLAIN.readTree(codec.encode(original));
      change.accept(root);
      return PLAIN.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
