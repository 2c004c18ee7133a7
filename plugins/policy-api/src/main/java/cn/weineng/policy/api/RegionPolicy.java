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
   * Whether a selection of micro-ability points is valid under the region's point rules, and why
   * not: one requirement per rule (e.g. {@code points.selection.minDimensions}). The host refuses a
   * point outside the school's range before asking. None (valid) by default.
   */
  default List<Requirement> checkSelection(List<PointFacts> selection) {
    return List.of();
  }

  /**
   * The roles (host role keys) whose holders may grade evidence under this policy, e.g. the
   * school's assessment team, and 坊主 or 学科专家 where the region says so.
   */
  default java.util.Set<String> reviewerRoles() {
    return java.util.Set.of("school_admin", "school_assessor");
  }

  /**
   * How evidence may arrive: {@code upload} (files), and {@code data-rule} where the region accepts
   * platform-collected data meeting the pass standard (Hunan 方式二 伴随式数据采集).
   */
  default java.util.Set<String> evidenceModes() {
    return java.util.Set.of("upload");
  }

  /** The region's resource-promotion stages, first to last; none by default. */
  default List<PromotionStage> promotionStages() {
    return List.of();
  }

  /**
   * The settings in force, after configuration (e.g. {@code hours.total.min=60}), so that a reader
   * can see which numbers a verdict was reached with.
   */
  default Map<String, String> settings() {
    return Map.of();
  }
}
