package cn.weineng.policy.api;

import java.util.Objects;

/**
 * One requirement and whether it is met.
 *
 * @param code stable machine code, e.g. {@code hours.total.min}
 * @param met whether the learner meets it
 * @param message the requirement and the learner's figure, in the evaluation's language
 */
public record Reason(String code, boolean met, String message) {

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
