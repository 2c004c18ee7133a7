package cn.weineng.xapi.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ISO 8601 durations from {@code result.duration} into exact {@link Duration}s. */
public final class XapiDurations {

  private static final Pattern EXACT =
      Pattern.compile(
          "P(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?(?:T(?:(\\d+(?:\\.\\d+)?)H)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

  /** Ten years: the longest duration taken as exact. */
  static final long MAX_SECONDS = 10L * 366 * 86400;

  private XapiDurations() {}

  /**
   * The exact length of a duration in weeks, days, hours, minutes and seconds (a day counted as 24
   * h); empty for durations in years or months, whose length depends on the calendar, and for
   * malformed text, and for anything longer than ten years. Sub-second fractions are truncated.
   */
  public static Optional<Duration> exact(String iso) {
    if (iso == null || iso.equals("P") || iso.endsWith("T")) {
      return Optional.empty();
    }
    Matcher m = EXACT.matcher(iso);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal seconds = BigDecimal.ZERO;
    long[] unit = {7 * 86400L, 86400L, 3600L, 60L, 1L};
    for (int i = 0; i < unit.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        seconds = seconds.add(new BigDecimal(g).multiply(BigDecimal.valueOf(unit[i])));
      }
    }
    // beyond ten years a duration is not a plausible training record; refusing it also keeps sums
    // from overflowing
    if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(seconds.longValue()));
  }
}
