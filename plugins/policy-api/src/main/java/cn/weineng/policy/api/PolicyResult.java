package cn.weineng.policy.api;

import java.util.List;
import java.util.Map;

/**
 * A learner's standing under a policy.
 *
 * @param policyId the policy's id
 * @param rulesetVersion the rule-set version that produced the result
 * @param secondsByBucket credited seconds per bucket, every bucket of the policy present, in
 *     display order
 * @param totalSeconds credited seconds in all buckets
 * @param qualified true when every requirement is met (合格)
 * @param reasons every requirement checked, met or not, in the order the policy checks them
 */
public record PolicyResult(
    String policyId,
    String rulesetVersion,
    Map<String, Long> secondsByBucket,
    long totalSeconds,
    boolean qualified,
    List<Reason> reasons) {

  public PolicyResult {
    secondsByBucket =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondsByBucket));
    reasons = List.copyOf(reasons);
  }
}
