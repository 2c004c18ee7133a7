package cn.weineng.policy.national;

import static cn.weineng.policy.national.NationalBaselinePolicyFactory.ONLINE;
import static cn.weineng.policy.national.NationalBaselinePolicyFactory.PRACTICE;

import cn.weineng.policy.api.HourCredit;
import cn.weineng.policy.api.LearnerRecord;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.PolicyContext;
import cn.weineng.policy.api.PolicyResult;
import cn.weineng.policy.api.Reason;
import cn.weineng.policy.api.RegionPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The national baseline.
 *
 * <p>Crediting: a statement earns hours only when its verb is <i>completed</i> (or <i>passed</i>),
 * its {@code result.completion} is not false, it carries a positive {@code result.duration}, and
 * its activity type is an online-study type (bucket {@code online}) or a practice type (bucket
 * {@code practice}); see {@link Vocabulary}. The duration is the credited time, capped per activity
 * when configured.
 *
 * <p>Evaluation: lines in the rolling cycle ({@code cycle.years} before the evaluation date) count;
 * an activity completed more than once counts once, at its longest credited time; the learner
 * qualifies when the total reaches {@code hours.total.min} and the practice share reaches {@code
 * hours.practice.minShare}.
 */
final class NationalBaselinePolicy implements RegionPolicy {

  private static final long SECONDS_PER_HOUR = 3600;

  private final NationalBaselineRules rules;

  NationalBaselinePolicy(NationalBaselineRules rules) {
    this.rules = rules;
  }

  @Override
  public List<HourCredit> credit(LearningActivity a) {
    if (!Vocabulary.VERB_COMPLETED.equals(a.verbId())
        && !Vocabulary.VERB_PASSED.equals(a.verbId())) {
      return List.of();
    }
    if (Boolean.FALSE.equals(a.completion()) || a.duration() == null || a.activityType() == null) {
      return List.of();
    }
    long seconds = a.duration().getSeconds();
    if (seconds <= 0) {
      return List.of();
    }
    if (rules.capHoursPerActivity() > 0) {
      seconds = Math.min(seconds, (long) (rules.capHoursPerActivity() * SECONDS_PER_HOUR));
    }
    if (Vocabulary.ONLINE_TYPES.contains(a.activityType())) {
      return List.of(new HourCredit(ONLINE, seconds, "online-course-completed"));
    }
    if (Vocabulary.PRACTICE_TYPES.contains(a.activityType())) {
      return List.of(new HourCredit(PRACTICE, seconds, "practice-activity-completed"));
    }
    return List.of();
  }

  @Override
  public PolicyResult evaluate(LearnerRecord record, PolicyContext context) {
    Instant until = context.asOf();
    Instant from = until.atOffset(ZoneOffset.UTC).minusYears(rules.cycleYears()).toInstant();

    // one activity counts once per bucket, at its longest credited time
    Map<String, Long> bestByActivity = new HashMap<>();
    for (LedgerLine line : record.lines()) {
      if (line.occurredAt().isAfter(until) || !line.occurredAt().isAfter(from)) {
        continue;
      }
      String key =
          line.bucket()
              + '\n'
              + (line.activityId() == null ? line.statementId() : line.activityId());
      bestByActivity.merge(key, line.seconds(), Math::max);
    }
    Map<String, Long> byBucket = new LinkedHashMap<>();
    byBucket.put(ONLINE, 0L);
    byBucket.put(PRACTICE, 0L);
    bestByActivity.forEach(
        (key, seconds) -> byBucket.merge(key.substring(0, key.indexOf('\n')), seconds, Long::sum));
    long total = byBucket.values().stream().mapToLong(Long::longValue).sum();
    long practice = byBucket.get(PRACTICE);

    Locale locale = context.locale();
    List<Reason> reasons = new ArrayList<>();
    long requiredTotal = Math.round(rules.totalHoursMin() * SECONDS_PER_HOUR);
    boolean totalMet = total >= requiredTotal;
    reasons.add(
        new Reason(
            "hours.total.min",
            totalMet,
            Messages.format(
                locale,
                totalMet ? "reason.total.met" : "reason.total.unmet",
                hours(total),
                plain(rules.totalHoursMin()),
                rules.cycleYears())));
    // practice >= share * total, compared exactly in seconds; with no hours at all the share is
    // unmet
    boolean shareMet =
        total > 0
            && BigDecimal.valueOf(practice)
                    .compareTo(
                        BigDecimal.valueOf(total)
                            .multiply(BigDecimal.valueOf(rules.practiceShareMin())))
                >= 0;
    reasons.add(
        new Reason(
            "hours.practice.minShare",
            shareMet,
            Messages.format(
                locale,
                shareMet ? "reason.share.met" : "reason.share.unmet",
                hours(practice),
                percent(practice, total),
                plain(rules.practiceShareMin() * 100))));
    return new PolicyResult(
        NationalBaselinePolicyFactory.ID,
        NationalBaselinePolicyFactory.RULESET_VERSION,
        byBucket,
        total,
        totalMet && shareMet,
        reasons);
  }

  private static String hours(long seconds) {
    return BigDecimal.valueOf(seconds)
        .divide(BigDecimal.valueOf(SECONDS_PER_HOUR), 2, RoundingMode.DOWN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String percent(long part, long total) {
    if (total == 0) {
      return "0";
    }
    return BigDecimal.valueOf(part * 100)
        .divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
