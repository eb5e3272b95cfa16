package org.sharpeyes.ingest.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.sharpeyes.ingest.config.AuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 (P-256) key pair that signs this server's access tokens, and the public keys of earlier
 * pairs still accepted. Each key's id ({@code kid}) is derived from the public key itself (the
 * first 16 characters of the Base64url SHA-256 of its encoding), so a key keeps its id wherever its
 * file is copied, and rotation needs no id bookkeeping (docs/security.md, "Key rotation").
 *
 * <p>Keys come from the PEM files {@code auth.keys.*} names, or are generated at first start into
 * {@code <dataDir>/auth/} (private key readable by the owner only) and read from there afterwards.
 */
public final class SigningKeys {

  /** File names of a generated pair inside {@code <dataDir>/auth}. */
  public static final String PRIVATE_FILE = "token-signing-key.pem";

  public static final String PUBLIC_FILE = "token-signing-key.pub.pem";

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  /** A public key and its id, as PEM. */
  public record PublicPem(String kid, String pem) {}

  private final String kid;
  private final String privatePem;
  private final PublicPem current;
  private final List<PublicPem> previous;

  private SigningKeys(String privatePem, PublicPem current, List<PublicPem> previous) {
    this.kid = current.kid();
    this.privatePem = privatePem;
    this.current = current;
    this.previous = List.copyOf(previous);
  }

  /**
   * The configured keys, or the generated ones under {@code dataDir/auth} (made now if absent).
   *
   * @throws IOException when a file cannot be read or written, or holds no usable key
   */
  public static SigningKeys load(AuthConfig.Keys config, Path dataDir) throws IOException {
    Path priv = config.privateKey();
    Path pub = config.publicKey();
    if (priv == null) {
      Path dir = dataDir.resolve("auth");
      priv = dir.resolve(PRIVATE_FILE);
      pub = dir.resolve(PUBLIC_FILE);
      if (!Files.exists(priv)) {
        generate(dir, priv, pub);
      }
    }
    String privatePem = Files.readString(priv, StandardCharsets.US_ASCII);
    PublicKey publicKey = publicKey(Files.readString(pub, StandardCharsets.US_ASCII), pub);
    privateKey(privatePem, priv); // fails early on a bad file
    PublicPem current = new PublicPem(kidOf(publicKey), pem("PUBLIC KEY", publicKey.getEncoded()));
    List<PublicPem> previous = new ArrayList<>();
    for (Path p : config.previousPublicKeys()) {
      PublicKey k = publicKey(Files.readString(p, StandardCharsets.US_ASCII), p);
      previous.add(new PublicPem(kidOf(k), pem("PUBLIC KEY", k.getEncoded())));
    }
    return new SigningKeys(privatePem, current, previous);
  }

  /** The id of the key that signs. */
  public String kid() {
    return kid;
  }

  /** The private key in PKCS#8 PEM. */
  String privatePem() {
    return privatePem;
  }

  /** The current public key first, then the previous ones. */
  public List<PublicPem> publicKeys() {
    List<PublicPem> all = new ArrayList<>();
    all.add(current);
    all.addAll(previous);
    return all;
  }

  /** The key id of a public key: 16 Base64url characters of its SHA-256. */
  public static String kidOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static void generate(Path dir, Path priv, Path pub) throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      var pair = g.generateKeyPair();
      Files.createDirectories(dir);
      writeOwnerOnly(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      LOG.info(
          "generated the token signing key {} into {} (kept; see docs/security.md, Key rotation)",
          kidOf(pair.getPublic()),
          dir);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate a P-256 key: " + e.getMessage(), e);
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(String pem, String type, Path file) throws IOException {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + ": no '" + begin + "' block (PEM) in it");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the PEM block is not Base64", e);
    }
  }

  static PublicKey publicKey(String pem, Path file) throws IOException {
    try {
      PublicKey key =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY", file)));
      if (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IOException(file + ": not a P-256 key (ES256 needs one)");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not an EC public key: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String pem, Path file) throws IOException {
    try {
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", file)));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not a PKCS#8 EC private key: " + e.getMessage(), e);
    }
  }
}
