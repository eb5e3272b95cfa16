package org.sharpeyes.ingest.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery (docs/api.md, "Webhooks"): {@code v1=} and the lower-case hex
 * HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), of {@code timestamp + "." +
 * body}, where {@code timestamp} is the {@code X-SharpEyes-Timestamp} header (Unix seconds) and
 * {@code body} the exact bytes of the request body.
 */
public final class WebhookSignature {

  /** The version prefix of the signature. */
  public static final String PREFIX = "v1=";

  private WebhookSignature() {}

  /** {@code v1=<hex>} for {@code body} sent at {@code timestamp} (Unix seconds). */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code signature} is right, compared in constant time. */
  public static boolean verify(String secret, long timestamp, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
