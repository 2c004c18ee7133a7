package cn.weineng.policy.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The circumstances of one evaluation.
 *
 * @param asOf the instant the verdict is for; lines after it are ignored
 * @param locale the language reasons are written in
 */
public record PolicyContext(Instant asOf, Locale locale) {

  public PolicyContext {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(locale, "locale");
  }
}
