package org.sharpeyes.ingest.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A TLS server identity read from two PEM files: the certificate chain (the server's certificate
 * first, then the intermediates) and the private key of the first certificate (PKCS#8 {@code
 * PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}; not encrypted).
 * Reading checks what a handshake would only find out later: that both files are there and
 * readable, hold what they should, and that the key belongs to the certificate.
 *
 * @param chain the certificates, the server's own first
 * @param key the private key of {@code chain.get(0)}
 */
public record PemIdentity(List<X509Certificate> chain, PrivateKey key) {

  /** Larger files are not certificates or keys (a chain of ten is a few tens of KiB). */
  static final long MAX_FILE_BYTES = 1L << 20;

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  public PemIdentity {
    chain = List.copyOf(chain);
    Objects.requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS identity needs at least one certificate");
    }
  }

  /** Which of the two files a problem is about. */
  public enum Part {
    CERT_FILE("certFile"),
    KEY_FILE("keyFile");

    private final String key;

    Part(String key) {
      this.key = key;
    }

    /** The config key naming the file: {@code certFile} or {@code keyFile}. */
    public String key() {
      return key;
    }
  }

  /** Why a file cannot serve, said so that the operator knows what to fix. */
  public static final class PemProblem extends Exception {
    private final Part part;

    PemProblem(Part part, String message) {
      super(message);
      this.part = part;
    }

    public Part part() {
      return part;
    }
  }

  /**
   * Reads and checks both files.
   *
   * @throws PemProblem naming the file at fault and the fix
   */
  public static PemIdentity read(Path certFile, Path keyFile) throws PemProblem {
    List<X509Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile, chain.get(0));
    if (!belongsTo(key, chain.get(0))) {
      throw new PemProblem(
          Part.KEY_FILE,
          "the key in "
              + keyFile
              + " does not belong to the certificate in "
              + certFile
              + " ("
              + chain.get(0).getSubjectX500Principal().getName()
              + ") — use the key the certificate was issued for");
    }
    return new PemIdentity(chain, key);
  }

  /** The chain as PEM text, the server's certificate first. */
  public String certificatesPem() {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        pem.append(pem("CERTIFICATE", c.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalStateException("a certificate read from PEM cannot be encoded again", e);
      }
    }
    return pem.toString();
  }

  /** The key as unencrypted PKCS#8 PEM text. */
  public String keyPem() {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** The server's own certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static List<X509Certificate> certificates(Path file) throws PemProblem {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(Part.CERT_FILE, file)) {
        if (b.type().equals("CERTIFICATE")) {
          chain.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new PemProblem(
          Part.CERT_FILE, "a certificate in " + file + " cannot be read: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new PemProblem(
          Part.CERT_FILE,
          "no certificate in "
              + file
              + " — expected PEM text starting -----BEGIN CERTIFICATE----- (the server's"
              + " certificate first, then any intermediates)");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file, X509Certificate certificate) throws PemProblem {
    String algorithm = certificate.getPublicKey().getAlgorithm();
    for (Block b : blocks(Part.KEY_FILE, file)) {
      byte[] pkcs8 =
          switch (b.type()) {
            case "PRIVATE KEY" -> b.der();
            case "RSA PRIVATE KEY" -> rsaToPkcs8(file, b.der());
            case "EC PRIVATE KEY" -> ecToPkcs8(file, b.der(), certificate);
            case "ENCRYPTED PRIVATE KEY" ->
                throw new PemProblem(
                    Part.KEY_FILE,
                    "the key in "
                        + file
                        + " is encrypted — the server cannot ask for a passphrase; write it"
                        + " unencrypted (openssl pkey -in KEY -out server.key) and restrict the"
                        + " file to the server's user (chmod 600)");
            default -> null;
          };
      if (pkcs8 == null) {
        continue;
      }
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        throw new PemProblem(
            Part.KEY_FILE,
            "the key in "
                + file
                + " is not a readable "
                + algorithm
                + " key, the kind of the certificate's public key ("
                + e.getMessage()
                + ")");
      }
    }
    throw new PemProblem(
        Part.KEY_FILE,
        "no private key in "
            + file
            + " — expected PEM text starting -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)");
  }

  private static byte[] rsaToPkcs8(Path file, byte[] der) throws PemProblem {
    try {
      return new PrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
              ASN1Primitive.fromByteArray(der))
          .getEncoded();
    } catch (IOException | RuntimeException e) {
      throw new PemProblem(Part.KEY_FILE, "the RSA key in " + file + " is damaged");
    }
  }

  /** SEC1 names its curve, or leaves it to the context: then it is the certificate's. */
  private static byte[] ecToPkcs8(Path file, byte[] der, X509Certificate certificate)
      throws PemProblem {
    try {
      ECPrivateKey ec = ECPrivateKey.getInstance(der);
      ASN1Encodable curve =
          ec.getParametersObject() != null
              ? ec.getParametersObject()
              : SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                  .getAlgorithm()
                  .getParameters();
      return new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec)
          .getEncoded();
    } catch (IOException | RuntimeException e) {
      throw new PemProblem(Part.KEY_FILE, "the EC key in " + file + " is damaged");
    }
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return true; // no probe for this kind of key; the handshake will tell
    }
    byte[] probe = "sharpeyes key probe".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Part part, Path file) throws PemProblem {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new PemProblem(part, file + " is a directory — name the PEM file in it");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new PemProblem(part, file + " is larger than 1MiB — not a PEM certificate or key");
      }
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new PemProblem(
          part, "file " + file + " does not exist (relative paths start at the config file)");
    } catch (AccessDeniedException e) {
      throw new PemProblem(
          part, "cannot read " + file + " (permission denied) — let the server's user read it");
    } catch (IOException e) {
      throw new PemProblem(part, "cannot read " + file + ": " + e);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new PemProblem(part, "a " + m.group(1) + " block in " + file + " is not base64");
      }
    }
    return blocks;
  }
}
