package cn.weineng.launch.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * What one OIDC login initiation promised: the nonce the platform must sign into its id_token, the
 * registration the login was for, the target it was started for (as a digest) and when the promise
 * ends. It travels inside the signed {@code state} parameter, so the launch may land on any node
 * and nothing is written at login; the nonce is recorded as used when a launch is accepted, which
 * makes the state single-use.
 *
 * @param nonce the nonce sent to the platform
 * @param platformId the registration the login initiation named
 * @param targetDigest the first 16 bytes of the SHA-256 of the target_link_uri
 * @param expiresAt when the state stops being accepted
 * @param storageTarget the platform's storage frame ({@code lti_storage_target}) when the login
 *     initiation offered LTI platform storage, else null: the launch then checks in the browser
 *     that the platform's storage holds this state
 */
public record LoginState(
    String nonce, String platformId, byte[] targetDigest, Instant expiresAt, String storageTarget) {

  /** What an {@code lti_storage_target} may be for Weineng to use it: a frame name or _parent. */
  public static boolean isStorageTarget(String value) {
    return value != null && value.matches("[A-Za-z0-9_.-]{1,64}");
  }

  /** Whether a launch's target_link_uri is the one the login was started for. */
  public boolean isFor(String targetLinkUri) {
    return targetLinkUri != null
        && MessageDigest.isEqual(targetDigest, digestOfTarget(targetLinkUri));
  }

  /** Whether the state is still accepted at {@code now}. */
  public boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** The digest a state carries of a target_link_uri. */
  public static byte[] digestOfTarget(String targetLinkUri) {
    try {
      return Arrays.copyOf(
          MessageDigest.getInstance("SHA-256")
              .digest(targetLinkUri.getBytes(StandardCharsets.UTF_8)),
          16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoginState s
        && nonce.equals(s.nonce)
        && platformId.equals(s.platformId)
        && Arrays.equals(targetDigest, s.targetDigest)
        && expiresAt.equals(s.expiresAt)
        && java.util.Objects.equals(storageTarget, s.storageTarget);
  }

  @Override
  public int hashCode() {
    return nonce.hashCode() * 31 + platformId.hashCode();
  }

  @Override
  public String toString() {
    return "LoginState[platform=" + platformId + ", expiresAt=" + expiresAt + "]";
  }
}
