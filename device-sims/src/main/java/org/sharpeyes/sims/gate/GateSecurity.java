package org.sharpeyes.sims.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/**
 * Which endpoints the simulator offers: {@code none}, {@code sign}, {@code sign-encrypt} or all.
 */
public enum GateSecurity {
  /** SecurityPolicy None: no signature, no encryption. */
  NONE("none", List.of(Endpoint.NONE)),
  /** Basic256Sha256, Sign: messages signed, not encrypted. */
  SIGN("sign", List.of(Endpoint.SIGN)),
  /** Basic256Sha256, SignAndEncrypt. */
  SIGN_ENCRYPT("sign-encrypt", List.of(Endpoint.SIGN_ENCRYPT)),
  /** The three endpoints at once. */
  ALL("all", List.of(Endpoint.NONE, Endpoint.SIGN, Endpoint.SIGN_ENCRYPT));

  /** One endpoint's security policy and message security mode. */
  public enum Endpoint {
    NONE(SecurityPolicy.None, MessageSecurityMode.None),
    SIGN(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign),
    SIGN_ENCRYPT(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt);

    private final SecurityPolicy policy;
    private final MessageSecurityMode mode;

    Endpoint(SecurityPolicy policy, MessageSecurityMode mode) {
      this.policy = policy;
      this.mode = mode;
    }

    public SecurityPolicy policy() {
      return policy;
    }

    public MessageSecurityMode mode() {
      return mode;
    }
  }

  private final String optionName;
  private final List<Endpoint> endpoints;

  GateSecurity(String optionName, List<Endpoint> endpoints) {
    this.optionName = optionName;
    this.endpoints = endpoints;
  }

  public String optionName() {
    return optionName;
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  public static Optional<GateSecurity> parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.optionName.equals(t)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(GateSecurity::optionName).collect(Collectors.joining(", "));
  }
}
