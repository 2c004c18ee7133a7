package cn.weineng.launch.application;

/**
 * A login or launch refused. The message is shown to the user in the LMS frame and names the check
 * that failed; it never echoes tokens or personal data.
 */
public class LtiLaunchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String check;
  private String issuer;
  private String clientId;

  public LtiLaunchException(int status, String check, String message) {
    super(message);
    this.status = status;
    this.check = check;
  }

  private java.time.Duration retryAfter;

  public int status() {
    return status;
  }

  /** A 429's wait: when the refused request may be made again. */
  public LtiLaunchException retryAfter(java.time.Duration wait) {
    this.retryAfter = wait;
    return this;
  }

  /** When the request may be made again, or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  /** The check that failed, a stable slug such as {@code nonce-replayed}. */
  public String check() {
    return check;
  }

  /** Names the platform the refused request came from, for the admin's diagnostics. */
  public LtiLaunchException about(String issuer, String clientId) {
    if (this.issuer == null) {
      this.issuer = issuer;
      this.clientId = clientId;
    }
    return this;
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }
}
