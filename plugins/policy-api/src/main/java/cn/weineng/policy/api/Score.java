package cn.weineng.policy.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An assessment result from one source: Fuyu's online part scored by the provider and offline
 * practice scored by the county, a diagnostic test, Jiangxi's platform-computed yearly score.
 *
 * @see #assessment()
 */
public final class Score {

  private final String assessment;
  private final String source;
  private final double value;
  private final double max;
  private final Instant recordedAt;

  private Score(String assessment, String source, double value, double max, Instant recordedAt) {
    this.assessment = Objects.requireNonNull(assessment, "assessment");
    this.source = Objects.requireNonNull(source, "source");
    this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
    if (!(max > 0) || value < 0 || value > max || Double.isNaN(value)) {
      throw new IllegalArgumentException("a score is between 0 and a positive maximum");
    }
    this.value = value;
    this.max = max;
  }

  public static Score of(
      String assessment, String source, double value, double max, Instant recordedAt) {
    return new Score(assessment, source, value, max, recordedAt);
  }

  /**
   * What was assessed, a key of the profile: {@code diagnostic}, {@code training-online}, {@code
   * training-offline}, {@code development}, {@code annual}, …
   */
  public String assessment() {
    return assessment;
  }

  /** Who scored it: {@code provider}, {@code county}, {@code school}, {@code platform}, … */
  public String source() {
    return source;
  }

  public double value() {
    return value;
  }

  public double max() {
    return max;
  }

  /** The score on a 0–100 scale. */
  public double percent() {
    return value * 100.0 / max;
  }

  public Instant recordedAt() {
    return recordedAt;
  }
}
