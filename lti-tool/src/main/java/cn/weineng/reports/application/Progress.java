package cn.weineng.reports.application;

import cn.weineng.policy.api.Standing;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learner's standing under a policy, with what is needed to show it.
 *
 * @param personId the learner
 * @param name the learner's name, when known
 * @param ltiSubject the learner's LTI sub at their home platform, when known
 * @param policyName the policy's name in the language asked for
 * @param standing the policy's verdict, rule by rule
 * @param locale the language names and reasons are shown in
 * @param bucketNames bucket key to display name, in the policy's order
 * @param counterNames counter key to display name
 * @param asOf when the verdict was computed
 */
public record Progress(
    String personId,
    String name,
    String ltiSubject,
    String policyName,
    Standing standing,
    java.util.Locale locale,
    Map<String, String> bucketNames,
    Map<String, String> counterNames,
    Instant asOf) {

  public Progress {
    bucketNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bucketNames));
    counterNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counterNames));
  }

  /** The same hours as text, without trailing zeros ("26.5", "27"). */
  public static String hoursText(long seconds) {
    return java.math.BigDecimal.valueOf(hours(seconds)).stripTrailingZeros().toPlainString();
  }

  /** Hours from seconds, to two decimals, rounded down (never credit more than earned). */
  public static double hours(long seconds) {
    return Math.floor(seconds / 36.0) / 100.0;
  }
}
