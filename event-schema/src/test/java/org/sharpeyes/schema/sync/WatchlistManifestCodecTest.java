package org.sharpeyes.schema.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchlistManifestCodecTest {

  private static final String SHA = "a".repeat(64);
  private final WatchlistManifestCodec codec = new WatchlistManifestCodec();

  @Test
  void aManifestReadsBackAsWritten() {
    WatchlistManifest m =
        new WatchlistManifest(
            7,
            Instant.parse("2026-11-27T08:00:00Z"),
            List.of(
                new WatchlistManifest.Person("KP0001", "red", 0.5, List.of(SHA)),
                new WatchlistManifest.Person("KP0002", "yellow", null, List.of())));

    var result = codec.decode(codec.encode(m));

    assertThat(result).isEqualTo(new WatchlistManifestCodec.Read(m));
    assertThat(m.photoDigests()).containsExactly(SHA);
  }

  @Test
  void aManifestBreakingARuleIsRefusedWithThePathOfTheProblem() {
    assertThat(
            refusal(
                "{\"version\":1,\"persons\":[{\"personId\":\"KP 1\",\"riskLevel\":\"red\",\"photos\":[]}]}"))
        .startsWith("persons[0].personId: 'KP 1'");
    assertThat(
            refusal(
                "{\"version\":1,\"persons\":[{\"personId\":\"KP1\",\"riskLevel\":\"pink\",\"photos\":[]}]}"))
        .startsWith("persons[0].riskLevel: 'pink'");
    assertThat(
            refusal(
                "{\"version\":1,\"persons\":[{\"personId\":\"KP1\",\"riskLevel\":\"red\",\"photos\":[\"ABC\"]}]}"))
        .startsWith("persons[0].photos[0]: 'ABC'");
    assertThat(
            refusal(
                "{\"version\":1,\"persons\":[{\"personId\":\"KP1\",\"riskLevel\":\"red\",\"threshold\":1.5,\"photos\":[]}]}"))
        .startsWith("persons[0].threshold: 1.5");
    assertThat(
            refusal(
                "{\"version\":1,\"persons\":["
                    + "{\"personId\":\"KP1\",\"riskLevel\":\"red\",\"photos\":[]},"
                    + "{\"personId\":\"KP1\",\"riskLevel\":\"red\",\"photos\":[]}]}"))
        .isEqualTo("persons[1].personId: KP1 appears twice");
  }

  @Test
  void bytesThatAreNoManifestAreRefusedNotThrown() {
    assertThat(refusal("")).isEqualTo("empty manifest");
    assertThat(refusal("not json")).startsWith("not a watchlist manifest:");
    assertThat(refusal("{\"version\":1}")).startsWith("not a watchlist manifest:");
    assertThat(refusal("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]")).startsWith("not a watchlist");
  }

  private String refusal(String json) {
    var result = codec.decode(json.getBytes(UTF_8));
    assertThat(result).isInstanceOf(WatchlistManifestCodec.Refused.class);
    return ((WatchlistManifestCodec.Refused) result).reason();
  }
}
