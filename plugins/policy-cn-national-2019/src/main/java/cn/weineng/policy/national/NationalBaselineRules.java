package cn.weineng.policy.national;

import cn.weineng.policy.api.PolicyConfig;

/**
 * The baseline's numbers, from configuration ({@code policy.cn-national-2019.*}) or the national
 * defaults.
 *
 * @param totalHoursMin {@code hours.total.min}: hours required in the cycle (default 50)
 * @param practiceShareMin {@code hours.practice.minShare}: least share of practice hours in the
 *     total (default 0.5)
 * @param cycleYears {@code cycle.years}: length of the rolling cycle ending at the evaluation date
 *     (default 5)
 * @param capHoursPerActivity {@code cap.perActivityHours}: most hours one activity can earn; 0
 *     means no cap (default 0, the national text sets none)
 */
record NationalBaselineRules(
    double totalHoursMin, double practiceShareMin, int cycleYears, double capHoursPerActivity) {

  static final NationalBaselineRules DEFAULTS = new NationalBaselineRules(50, 0.5, 5, 0);

  NationalBaselineRules {
    if (totalHoursMin <= 0) {
      throw new IllegalArgumentException("policy configuration 'hours.total.min' must be > 0");
    }
    if (practiceShareMin < 0 || practiceShareMin > 1) {
      throw new IllegalArgumentException(
          "policy configuration 'hours.practice.minShare' must be between 0 and 1");
    }
    if (cycleYears < 1) {
      throw new IllegalArgumentException("policy configuration 'cycle.years' must be >= 1");
    }
    if (capHoursPerActivity < 0) {
      throw new IllegalArgumentException(
          "policy configuration 'cap.perActivityHours' must be >= 0");
    }
  }

  static NationalBaselineRules from(PolicyConfig c) {
    double years = c.getDouble("cycle.years", DEFAULTS.cycleYears);
    if (years != Math.rint(years)) {
      throw new IllegalArgumentException(
          "policy configuration 'cycle.years' must be a whole number");
    }
    return new NationalBaselineRules(
        c.getDouble("hours.total.min", DEFAULTS.totalHoursMin),
        c.getDouble("hours.practice.minShare", DEFAULTS.practiceShareMin),
        (int) years,
        c.getDouble("cap.perActivityHours", DEFAULTS.capHoursPerActivity));
  }
}
