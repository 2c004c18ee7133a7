package cn.weineng.common.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key that encrypts Weineng's secrets at rest (today: the tool's RSA signing keys),
 * AES-256-GCM. It comes from configuration ({@code WEINENG_SECRETS_KEY}: 32 bytes in base64), or,
 * when none is configured, from {@code <data dir>/secrets.key}, generated on first start with
 * owner-only permissions. Several nodes must share it: configure the same value on each (the first
 * node's file holds it).
 *
 * <p>A sealed value is {@code enc:v1:<key id>:<base64 of nonce and ciphertext>}, where the key id
 * is the first 8 hex digits of the SHA-256 of the key, so a value sealed under another key is told
 * apart from a damaged one. The caller's context (a key id, a column) is bound as associated data:
 * a sealed value moved to another row does not open.
 */
@ApplicationScoped
public class SecretsKey {

  private static final Logger LOG = Logger.getLogger(SecretsKey.class.getName());
  static final String PREFIX = "enc:v1:";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "weineng.secrets-key")
  Optional<String> configured;

  @Inject
  @ConfigProperty(name = "weineng.data-dir", defaultValue = "weineng-data")
  String dataDir;

  private byte[] key;
  private String keyId;

  @PostConstruct
  void load() {
    String value = configured.filter(v -> !v.isBlank()).orElse(null);
    if (value == null) {
      value = fromFile(Path.of(dataDir).resolve("secrets.key"));
    }
    byte[] k;
    try {
      k = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("WEINENG_SECRETS_KEY is not base64");
    }
    if (k.length != 32) {
      throw new IllegalStateException("WEINENG_SECRETS_KEY must be 32 bytes (256 bits) in base64");
    }
    key = k;
    keyId = idOf(k);
  }

  /** Whether a stored value is sealed (else it is an earlier, clear one). */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** Seals a secret under this key, bound to {@code context}. */
  public String seal(String secret, String context) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + keyId
          + ":"
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Opens a sealed secret; says which key it needs when it was sealed under another. */
  public String open(String stored, String context) {
    if (!isSealed(stored)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    String[] parts = stored.substring(PREFIX.length()).split(":", 2);
    if (parts.length != 2) {
      throw new IllegalStateException("a sealed secret is damaged");
    }
    if (!parts[0].equals(keyId)) {
      throw new IllegalStateException(
          "a secret in the database was sealed under another secrets key (key id "
              + parts[0]
              + ", this node has "
              + keyId
              + "): set WEINENG_SECRETS_KEY to the key the other nodes use");
    }
    try {
      byte[] raw = Base64.getDecoder().decode(parts[1]);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, raw, 0, 12));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
    } catch (AEADBadTagException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed secret is damaged or belongs to another row");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The key's id: the first 8 hex digits of its SHA-256. */
  public String keyId() {
    return keyId;
  }

  static String idOf(byte[] key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the key file, or creates it (owner-only) with a new random key. */
  private static String fromFile(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII);
      }
      byte[] k = new byte[32];
      RANDOM.nextBytes(k);
      String value = Base64.getEncoder().encodeToString(k);
      OwnerOnlyFiles.write(file, value);
      LOG.warning(
          () ->
              "no WEINENG_SECRETS_KEY configured: generated one in "
                  + file.toAbsolutePath()
                  + " (owner-only); every node of this installation needs the same key");
      return value;
    } catch (IOException e) {
      throw new IllegalStateException("could not read or create the secrets key " + file, e);
    }
  }
}
