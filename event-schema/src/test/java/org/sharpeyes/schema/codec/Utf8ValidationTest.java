package org.sharpeyes.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidationTest {

  /** Where the JDK's reporting UTF-8 decoder stops, as the codec used to ask it: -1 if nowhere. */
  private static int jdk(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in);
      return -1;
    } catch (CharacterCodingException e) {
      return in.position();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "41",
        "c2a9",
        "e6b998",
        "f09f9880",
        "f48fbfbf",
        "efbfbf",
        "ed9fbf",
        "7b2261223a317d"
      })
  void wellFormedTextHasNoMalformedSequence(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    assertThat(Utf8Validation.firstMalformed(bytes)).isEqualTo(-1).isEqualTo(jdk(bytes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "80",
        "bf",
        "c0af",
        "c1bf",
        "c2",
        "c241",
        "e080af",
        "e09f80",
        "eda080",
        "edbfbf",
        "e6b9",
        "e6b941",
        "f08f8080",
        "f4908080",
        "f5808080",
        "ff",
        "fe",
        "f09f98",
        "f09f9841",
        "4142c3"
      })
  void malformedSequencesAreFoundWhereTheJdkFindsThem(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    assertThat(Utf8Validation.firstMalformed(bytes)).isNotNegative().isEqualTo(jdk(bytes));
  }

  @Test
  void anyBytesAreJudgedAsTheJdkJudgesThem() {
    Random random = new Random(20261207);
    byte[] text =
        "{\"plateNumber\":\"湘JA1234\",\"raw\":\"湘J·A1234\",\"e\":\"😀\"}"
            .getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 200_000; round++) {
      byte[] bytes;
      if (round % 2 == 0) {
        bytes = text.clone(); // mostly valid text with a byte or two changed
        for (int k = random.nextInt(3); k >= 0; k--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      } else {
        bytes = new byte[random.nextInt(8)]; // short runs of high bytes, every combination soon
        for (int k = 0; k < bytes.length; k++) {
          bytes[k] = (byte) (0x70 + random.nextInt(0x90));
        }
      }
      assertThat(Utf8Validation.firstMalformed(bytes))
          .as(HexFormat.of().formatHex(bytes))
          .isEqualTo(jdk(bytes));
    }
  }
}
