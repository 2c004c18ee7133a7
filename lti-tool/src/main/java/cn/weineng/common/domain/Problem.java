package cn.weineng.common.domain;

import java.util.List;

/**
 * A request the application refuses. The slug becomes the problem type URI; the detail is shown to
 * the caller and must never hold secrets, personal data or internals.
 */
public class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String slug;
  private final String title;
  private final transient List<FieldError> errors;
  private Integer retryAfterSeconds;

  public Problem(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, List.of());
  }

  public Problem(int status, String slug, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public static Problem notFound(String what, String id) {
    return new Problem(404, "not-found", "Not found", "no " + what + " with id " + id);
  }

  /** A temporary refusal: try again after the given number of seconds (Retry-After). */
  public static Problem unavailable(String slug, String title, String detail, int retryAfter) {
    Problem p = new Problem(503, slug, title, detail);
    p.retryAfterSeconds = retryAfter;
    return p;
  }

  /** Seconds after which to try again, for a temporary refusal. */
  public java.util.Optional<Integer> retryAfterSeconds() {
    return java.util.Optional.ofNullable(retryAfterSeconds);
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(400, "invalid-request", "Invalid request", detail, errors);
  }

  /** One field that was wrong. */
  public record FieldError(String field, String message) {}
}
