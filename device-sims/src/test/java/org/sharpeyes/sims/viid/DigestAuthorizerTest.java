package org.sharpeyes.sims.viid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigestAuthorizerTest {

  private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  private static final String RFC_CHALLENGE =
      "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=%s,"
          + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
          + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

  @Test
  void answersTheRfc7616ExamplesForMd5AndSha256() {
    DigestAuthorizer mufasa = new DigestAuthorizer("Mufasa", "Circle of Life", () -> CNONCE);
    DigestChallenge md5 = DigestChallenge.parse(String.format(RFC_CHALLENGE, "MD5")).orElseThrow();
    DigestChallenge sha =
        DigestChallenge.parse(String.format(RFC_CHALLENGE, "SHA-256")).orElseThrow();

    assertThat(mufasa.response(md5, "GET", "/dir/index.html", "00000001", CNONCE))
        .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    assertThat(mufasa.response(sha, "GET", "/dir/index.html", "00000001", CNONCE))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void countsNoncesUpUnderOneChallengeAndStartsOverWithTheNext() {
    DigestAuthorizer device = new DigestAuthorizer("43070200001320000201", "pw", () -> "c");
    assertThat(device.authorization("POST", "/VIID/System/Register")).isNull();

    device.accept(
        DigestChallenge.parse("Digest realm=\"r\", nonce=\"n1\", qop=auth").orElseThrow());
    assertThat(device.authorization("POST", "/VIID/Faces")).contains("nc=00000001");
    String second = device.authorization("POST", "/VIID/Faces");
    assertThat(second)
        .contains("nc=00000002", "username=\"43070200001320000201\"", "uri=\"/VIID/Faces\"");

    device.accept(
        DigestChallenge.parse("Digest realm=\"r\", nonce=\"n2\", qop=auth").orElseThrow());
    assertThat(device.authorization("POST", "/VIID/Faces")).contains("nc=00000001", "nonce=\"n2\"");
  }

  @Test
  void readsQuotedValuesStaleAndSkipsChallengesItCannotAnswer() {
    DigestChallenge c =
        DigestChallenge.parse(
                "Digest realm=\"a, \\\"quoted\\\" realm\", nonce=\"x\", stale=TRUE, qop=\"auth\"")
            .orElseThrow();
    assertThat(c.realm()).isEqualTo("a, \"quoted\" realm");
    assertThat(c.stale()).isTrue();
    assertThat(c.qopAuth()).isTrue();

    assertThat(DigestChallenge.parse("Basic realm=\"x\"")).isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\""))
        .isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"x\", nonce=\"n\", algorithm=MD5-sess"))
        .isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"x\"")).isEmpty();
    assertThat(
            DigestChallenge.first(
                List.of("Basic realm=\"x\"", "Digest realm=\"y\", nonce=\"n\", qop=auth")))
        .map(DigestChallenge::realm)
        .contains("y");
  }
}
