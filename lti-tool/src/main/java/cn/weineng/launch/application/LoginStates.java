package cn.weineng.launch.application;

import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.launch.domain.LoginState;
import cn.weineng.platform.application.ToolSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * OIDC login state as a signed value (ADR 0008): the state parameter carries the nonce, the
 * registration, a digest of the target and an expiry, authenticated with HMAC-SHA256 ({@link
 * ToolSecrets}). Nothing is written at login initiation; any node validates the state; a launch
 * records its nonce in the shared database, in the transaction that records the launch, so a state
 * and its nonce are accepted once.
 *
 * <p>The state is base64url without padding and never contains a dot, so a browser's cookie can
 * hold several (see the launch resource).
 */
@ApplicationScoped
public class LoginStates {

  static final Duration LIFETIME = Duration.ofMinutes(10);

  /** A state longer than this is not one of ours; it is not decoded. */
  static final int MAX_STATE_LENGTH = 400;

  private static final byte VERSION = 2;
  private static final int NONCE_BYTES = 16;
  private static final int MAC_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject ToolSecrets secrets;
  @Inject InsertIfAbsent inserts;

  /** A new login's state parameter and the nonce bound to it. */
  public record Issued(String state, String nonce) {}

  /** Issues the state and nonce of a login initiation for a registration and target. */
  public Issued issue(String platformId, String targetLinkUri, Instant now) {
    return issue(platformId, targetLinkUri, null, now);
  }

  /**
   * Issues the state and nonce of a login initiation; {@code storageTarget} is the platform's
   * storage frame when the login offered LTI platform storage and the tool uses it (else null).
   */
  public Issued issue(String platformId, String targetLinkUri, String storageTarget, Instant now) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] platform = platformId.getBytes(StandardCharsets.UTF_8);
    if (platform.length > 255) {
      throw new IllegalArgumentException("a registration id is at most 255 bytes");
    }
    byte[] storage =
        LoginState.isStorageTarget(storageTarget)
            ? storageTarget.getBytes(StandardCharsets.US_ASCII)
            : new byte[0];
    ByteBuffer b =
        ByteBuffer.allocate(
            1 + 8 + NONCE_BYTES + 16 + 1 + platform.length + 1 + storage.length + MAC_BYTES);
    b.put(VERSION);
    b.putLong(now.plus(LIFETIME).getEpochSecond());
    b.put(nonce);
    b.put(LoginState.digestOfTarget(targetLinkUri));
    b.put((byte) platform.length);
    b.put(platform);
    b.put((byte) storage.length);
    b.put(storage);
    byte[] body = Arrays.copyOf(b.array(), b.position());
    b.put(secrets.sign(ToolSecrets.Purpose.LOGIN_STATE, body));
    return new Issued(encode(b.array()), encode(nonce));
  }

  /**
   * The login a state parameter stands for, when it is one this tool signed (under any live key)
   * and has not expired. Whether it was already used is known only from its nonce.
   */
  public Optional<LoginState> open(String state, Instant now) {
    if (state == null || state.isEmpty() || state.length() > MAX_STATE_LENGTH) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(state);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int fixed = 1 + 8 + NONCE_BYTES + 16 + 1;
    if (raw.length < fixed + MAC_BYTES || raw[0] != VERSION) {
      return Optional.empty();
    }
    int platformLength = raw[fixed - 1] & 0xff;
    if (raw.length < fixed + platformLength + 1 + MAC_BYTES) {
      return Optional.empty();
    }
    int storageLength = raw[fixed + platformLength] & 0xff;
    if (raw.length != fixed + platformLength + 1 + storageLength + MAC_BYTES) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] tag = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
    if (!secrets.verifies(ToolSecrets.Purpose.LOGIN_STATE, body, tag)) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(body);
    b.get();
    Instant expires = Instant.ofEpochSecond(b.getLong());
    byte[] nonce = new byte[NONCE_BYTES];
    b.get(nonce);
    byte[] target = new byte[16];
    b.get(target);
    b.get();
    byte[] platform = new byte[platformLength];
    b.get(platform);
    byte[] storage = new byte[b.get() & 0xff];
    b.get(storage);
    LoginState login =
        new LoginState(
            encode(nonce),
            new String(platform, StandardCharsets.UTF_8),
            target,
            expires,
            storage.length == 0 ? null : new String(storage, StandardCharsets.US_ASCII));
    return login.liveAt(now) ? Optional.of(login) : Optional.empty();
  }

  /**
   * Records a nonce as used, in the caller's transaction (the one that records the launch); false
   * when it was already used for this registration, or another node's launch is recording it now.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean useNonce(String platformId, String nonce) {
    return inserts.insert(
        em,
        "lti_used_nonce",
        InsertIfAbsent.row(
            "platform_id",
            platformId,
            "nonce",
            nonce,
            "used_at",
            OffsetDateTime.now(ZoneOffset.UTC)),
        List.of("platform_id", "nonce"));
  }

  /**
   * Deletes nonces used longer ago than any state or id_token is accepted (a state lives {@link
   * #LIFETIME}, an id_token's issue time may be at most {@link LaunchValidator#MAX_AGE} old), so a
   * deleted nonce can never be replayed; called by {@link Housekeeping}.
   */
  @Transactional
  public int purgeExpired() {
    Duration keep =
        LIFETIME.compareTo(LaunchValidator.MAX_AGE) > 0 ? LIFETIME : LaunchValidator.MAX_AGE;
    return em.createQuery("delete from UsedNonce n where n.usedAt < :before")
        .setParameter("before", OffsetDateTime.now(ZoneOffset.UTC).minus(keep.multipliedBy(2)))
        .executeUpdate();
  }

  private static String encode(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
