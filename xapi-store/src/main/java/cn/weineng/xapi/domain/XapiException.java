package cn.weineng.xapi.domain;

import java.util.List;

/**
 * A request the LRS refuses, with the HTTP status the xAPI specification requires and every
 * violation found. Messages never carry stack traces, class names or stored data of other stores.
 */
public class XapiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<Violation> violations;

  public XapiException(int status, String message) {
    this(status, message, List.of());
  }

  public XapiException(int status, String message, List<Violation> violations) {
    super(message);
    this.status = status;
    this.violations = List.copyOf(violations);
  }

  public int status() {
    return status;
  }

  public List<Violation> violations() {
    return violations;
  }

  private java.time.Duration retryAfter;

  /** A 429: too many requests of this kind for now; try again after {@code retryAfter}. */
  public static XapiException tooMany(String message, java.time.Duration retryAfter) {
    XapiException e = new XapiException(429, message);
    e.retryAfter = retryAfter;
    return e;
  }

  /** When a refused client may try again (a 429's {@code Retry-After}), or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  public static XapiException badRequest(String message) {
    return new XapiException(400, message);
  }
}
