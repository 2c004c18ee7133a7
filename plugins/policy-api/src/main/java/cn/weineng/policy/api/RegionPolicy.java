package cn.weineng.policy.api;

import java.util.List;

/** A region's rules, applied. Pure, stateless and thread-safe. */
public interface RegionPolicy {

  /**
   * The hours one learning activity earns under this policy, by bucket. Called once per stored
   * statement; the host writes each credit as a ledger line stamped with the policy id and rule-set
   * version. An activity that earns nothing returns an empty list.
   */
  List<HourCredit> credit(LearningActivity activity);

  /**
   * Evaluates a learner's ledger lines: hours by bucket, whether the learner is qualified, and
   * every reason (met and unmet) in the context's language.
   */
  PolicyResult evaluate(LearnerRecord record, PolicyContext context);
}
