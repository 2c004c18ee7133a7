package cn.weineng.policy.api;

import java.util.Objects;

/**
 * Hours one statement earns in one bucket.
 *
 * @param bucket the bucket key, one of {@link RegionPolicyFactory#buckets()}
 * @param seconds credited time in whole seconds, never negative
 * @param rule the id of the rule that matched, shown to reviewers (e.g. {@code
 *     online-course-completed})
 */
public record HourCredit(String bucket, long seconds, String rule) {

  public HourCredit {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(rule, "rule");
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must not be negative: " + seconds);
    }
  }
}
