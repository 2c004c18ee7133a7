package cn.weineng.launch.application;

/**
 * A login or launch refused. The message is shown to the user in the LMS frame and names the check
 * that failed; it never echoes tokens or personal data.
 */
public class LtiLaunchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String check;

  public LtiLaunchException(int status, String check, String message) {
    super(message);
    this.status = status;
    this.check = check;
  }

  public int status() {
    return status;
  }

  /** The check that failed, a stable slug such as {@code nonce-replayed}. */
  public String check() {
    return check;
  }
}
