package cn.weineng.policy.api;

import java.util.List;
import java.util.Map;

/** A region's rules, applied. Pure, stateless and thread-safe. */
public interface RegionPolicy {

  /**
   * What one learning activity earns under this policy: seconds in its buckets, counts on its
   * counters. Called once per stored statement, live and on replay alike; an activity that earns
   * nothing returns an empty list.
   */
  List<Credit> credit(LearningActivity activity);

  /**
   * A learner's standing: every requirement (met and unmet) with its figures and reasons, hours per
   * bucket, counters, credits and the per-period figures.
   */
  Standing evaluate(LearnerFacts facts, EvaluationContext context);

  /** An organisation unit's standing under the policy's organisation rules; none by default. */
  default OrganisationStanding evaluateOrganisation(
      OrganisationFacts organisation, EvaluationContext context) {
    return OrganisationStanding.none();
  }

  /**
   * The settings in force, after configuration (e.g. {@code hours.total.min=60}), so that a reader
   * can see which numbers a verdict was reached with.
   */
  default Map<String, String> settings() {
    return Map.of();
  }
}
