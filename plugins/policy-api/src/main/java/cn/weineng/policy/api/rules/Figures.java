package cn.weineng.policy.api.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How figures are shown: hours to two decimals rounded down (never more than earned). */
public final class Figures {

  private Figures() {}

  public static final long SECONDS_PER_HOUR = 3600;

  /** Hours from seconds, two decimals, rounded down. */
  public static BigDecimal hours(long seconds) {
    return BigDecimal.valueOf(seconds)
        .divide(BigDecimal.valueOf(SECONDS_PER_HOUR), 2, RoundingMode.DOWN)
        .stripTrailingZeros();
  }

  /** Seconds from hours, rounded up (a requirement is never eased by rounding). */
  public static long seconds(BigDecimal hours) {
    return hours
        .multiply(BigDecimal.valueOf(SECONDS_PER_HOUR))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  public static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  public static String plainHours(long seconds) {
    return plain(hours(seconds));
  }

  public static String plain(double d) {
    return plain(BigDecimal.valueOf(d));
  }

  /** {@code part / total} as a percentage to one decimal, rounded down; 0 when total is 0. */
  public static String percent(long part, long total) {
    if (total == 0) {
      return "0";
    }
    return plain(
        BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN));
  }
}
