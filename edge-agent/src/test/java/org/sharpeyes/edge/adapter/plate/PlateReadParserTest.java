package org.sharpeyes.edge.adapter.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.codec.Problem;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

class PlateReadParserTest {

  final PlateReadParser parser = new PlateReadParser(4096);

  @Test
  void theDocumentedExampleIsReadCompletely() {
    String jpeg = Base64.getEncoder().encodeToString(Jpegs.ofSize(1000));
    PlateRead read =
        valid(
            """
            {"plate":"湘J·A1234","color":"blue","time":"2026-11-27T10:15:30.123+08:00",
             "direction":"in","lane":2,"confidence":0.93,"vehicleClass":"car",
             "vehicleColor":"white","speedKmh":42.5,"snapshotBase64":"%s"}
            """
                .formatted(jpeg));

    assertThat(read.plateRaw()).isEqualTo("湘J·A1234");
    assertThat(read.color()).isEqualTo(PlateColor.BLUE);
    assertThat(read.time()).isEqualTo(Instant.parse("2026-11-27T02:15:30.123Z"));
    assertThat(read.direction()).isEqualTo("in");
    assertThat(read.lane()).isEqualTo(2);
    assertThat(read.confidence()).isEqualTo(0.93);
    assertThat(read.vehicleClass()).isEqualTo("car");
    assertThat(read.vehicleColor()).isEqualTo("white");
    assertThat(read.speedKmh()).isEqualTo(42.5);
    assertThat(read.snapshotJpeg()).isEqualTo(Jpegs.ofSize(1000));
  }

  @Test
  void chineseColourNamesAndEpochMillisecondsAreAccepted() {
    PlateRead read =
        valid("{\"plate\":\"湘JD12345\",\"color\":\"绿色\",\"time\":1795745730123,\"confidence\":1}");

    assertThat(read.color()).isEqualTo(PlateColor.GREEN);
    assertThat(read.time()).isEqualTo(Instant.ofEpochMilli(1795745730123L));
  }

  @Test
  void aTimeWithoutOffsetOrInSecondsSaysHowToFixIt() {
    List<Problem> local =
        invalid("{\"plate\":\"湘JA1234\",\"time\":\"2026-11-27T10:15:30\",\"confidence\":1}");
    List<Problem> seconds = invalid("{\"plate\":\"湘JA1234\",\"time\":1795745730,\"confidence\":1}");

    assertThat(local)
        .containsExactly(
            new Problem(
                "time",
                "'2026-11-27T10:15:30' has no UTC offset — add one, e.g. 2026-11-27T10:15:30+08:00"));
    assertThat(seconds)
        .containsExactly(
            new Problem("time", "1795745730 looks like seconds — send epoch milliseconds"));
  }

  @Test
  void aSnapshotThatIsNotAJpegOrTooLargeIsRejected() {
    String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    String big = Base64.getEncoder().encodeToString(Jpegs.ofSize(5000));

    assertThat(invalid(withSnapshot(png)))
        .containsExactly(
            new Problem("snapshotBase64", "not a JPEG image (it must start with bytes FF D8)"));
    assertThat(invalid(withSnapshot(big)))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("larger than the limit of 4096 bytes");
    assertThat(invalid(withSnapshot("%%%not-base64")))
        .extracting(Problem::path)
        .containsExactly("snapshotBase64");
  }

  @Test
  void anythingThatIsNotAJsonObjectIsOneProblemNotACrash() {
    assertThat(invalid("[1,2,3]")).extracting(Problem::path).containsExactly("$");
    assertThat(invalid("{\"plate\":")).extracting(Problem::path).containsExactly("$");
    assertThat(parser.parse(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}))
        .isInstanceOf(PlateReadResult.Invalid.class);
  }

  @Test
  void readsTheServerWouldRejectAreRefusedHereNotAcceptedWithA2xx() {
    List<Problem> emoji = invalid("{\"plate\":\"😀\",\"time\":1795745730123,\"confidence\":1}");
    List<Problem> farFuture =
        invalid("{\"plate\":\"湘JA1234\",\"time\":\"+999999999-12-31T23:59:59Z\",\"confidence\":1}");

    assertThat(emoji)
        .containsExactly(
            new Problem(
                "plate",
                "'😀' is not a plate — after removing separators it has 1 characters,"
                    + " expected 2..16"));
    assertThat(farFuture)
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith("'+999999999-12-31T23:59:59Z' is not a plausible time");
  }

  @Test
  void aPlateThatBreaksTheNationalGrammarIsRefusedWithTheReason() {
    assertThat(invalid("{\"plate\":\"湘I·12345\",\"time\":1795745730123,\"confidence\":1}"))
        .containsExactly(
            new Problem(
                "plate",
                "'湘I·12345': the issuing-authority letter cannot be I (GA 36 plate grammar)"));
    assertThat(invalid("{\"plate\":\"无牌车\",\"time\":1795745730123,\"confidence\":1}"))
        .extracting(Problem::path)
        .containsExactly("plate");
  }

  @Test
  void aColourThatThePlateCannotHaveIsRefused() {
    assertThat(
            invalid(
                "{\"plate\":\"湘JD12345\",\"color\":\"蓝\",\"time\":1795745730123,"
                    + "\"confidence\":1}"))
        .containsExactly(
            new Problem(
                "color", "'湘JD12345' is a small new-energy plate, which is green, not blue"));
    PlateRead large =
        valid(
            "{\"plate\":\"湘J12345D\",\"color\":\"黄绿色\",\"time\":1795745730123,"
                + "\"confidence\":1}");
    assertThat(large.color()).isEqualTo(PlateColor.YELLOW_GREEN);
  }

  private static String withSnapshot(String base64) {
    return "{\"plate\":\"湘JA1234\",\"time\":1795745730123,\"confidence\":1,\"snapshotBase64\":\""
        + base64
        + "\"}";
  }

  private PlateRead valid(String json) {
    PlateReadResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r).isInstanceOf(PlateReadResult.Valid.class);
    return ((PlateReadResult.Valid) r).read();
  }

  private List<Problem> invalid(String json) {
    PlateReadResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r).isInstanceOf(PlateReadResult.Invalid.class);
    return ((PlateReadResult.Invalid) r).problems();
  }
}
