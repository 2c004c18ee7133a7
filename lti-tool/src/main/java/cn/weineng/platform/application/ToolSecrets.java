package cn.weineng.platform.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates the tool's own short-lived values (the OIDC login state, the frame session token)
 * with HMAC-SHA256. Each purpose has its own keys, derived from every live RSA signing key (HMAC of
 * the purpose's label under the key's private exponent), so every node derives the same keys from
 * the shared key rows, a rotation rotates them, and a value made for one purpose never passes for
 * another. The newest key signs; any live key verifies. {@link ToolKeys} sets the keys whenever its
 * live set changes (start, each minute's refresh, a rotation); a plain bean, so a launch reaches
 * them without a call through the EJB container.
 */
@ApplicationScoped
public class ToolSecrets {

  /** What a value is for; each has its own keys. */
  public enum Purpose {
    LOGIN_STATE("weineng lti login state v1"),
    FRAME_SESSION("weineng frame session v1");

    final byte[] label;

    Purpose(String label) {
      this.label = label.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private volatile Map<Purpose, List<byte[]>> keys = Map.of();

  /** Derives the keys of every purpose from the live signing keys' secrets, newest first. */
  void use(List<byte[]> signingSecrets) {
    Map<Purpose, List<byte[]>> derived = new EnumMap<>(Purpose.class);
    for (Purpose p : Purpose.values()) {
      derived.put(p, signingSecrets.stream().map(s -> hmac(s, p.label)).toList());
    }
    keys = derived;
  }

  /** The tag of {@code body} for {@code purpose}, under the newest key. */
  public byte[] sign(Purpose purpose, byte[] body) {
    return hmac(live(purpose).get(0), body);
  }

  /** Whether {@code tag} is the tag of {@code body} for {@code purpose} under any live key. */
  public boolean verifies(Purpose purpose, byte[] body, byte[] tag) {
    boolean ok = false;
    for (byte[] key : live(purpose)) {
      ok |= MessageDigest.isEqual(tag, hmac(key, body));
    }
    return ok;
  }

  private List<byte[]> live(Purpose purpose) {
    List<byte[]> k = keys.getOrDefault(purpose, List.of());
    if (k.isEmpty()) {
      throw new IllegalStateException("the tool's keys are not loaded yet");
    }
    return k;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
