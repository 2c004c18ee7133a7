package cn.weineng.policy.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A learner's figures in one period of a policy: a school year (Jiangxi's 学年 records), a semester
 * (smart-classroom lessons per 学期) or a calendar year.
 */
public final class PeriodStanding {

  private final String key;
  private final String kind;
  private final LocalDate start;
  private final LocalDate end;
  private final Map<String, Long> secondsByBucket;
  private final long totalSeconds;
  private final Map<String, Long> counters;
  private final BigDecimal credits;
  private final Boolean met;

  private PeriodStanding(Builder b) {
    this.key = b.key;
    this.kind = b.kind;
    this.start = b.start;
    this.end = b.end;
    this.secondsByBucket = Collections.unmodifiableMap(new LinkedHashMap<>(b.secondsByBucket));
    this.totalSeconds = b.totalSeconds;
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(b.counters));
    this.credits = b.credits;
    this.met = b.met;
  }

  /**
   * @param key e.g. {@code 2021-2022} (school year) or {@code 2022-fall} (semester)
   * @param kind {@code school-year}, {@code semester} or {@code year}
   * @param start first day
   * @param end last day, inclusive
   */
  public static Builder builder(String key, String kind, LocalDate start, LocalDate end) {
    return new Builder(key, kind, start, end);
  }

  public String key() {
    return key;
  }

  public String kind() {
    return kind;
  }

  public LocalDate start() {
    return start;
  }

  public LocalDate end() {
    return end;
  }

  public Map<String, Long> secondsByBucket() {
    return secondsByBucket;
  }

  public long totalSeconds() {
    return totalSeconds;
  }

  public Map<String, Long> counters() {
    return counters;
  }

  /** Credits earned in the period, when the policy converts hours to credits per period. */
  public Optional<BigDecimal> credits() {
    return Optional.ofNullable(credits);
  }

  /** Whether the period's own rules are met, when it has any. */
  public Optional<Boolean> met() {
    return Optional.ofNullable(met);
  }

  /** Builds a {@link PeriodStanding}. */
  public static final class Builder {
    private final String key;
    private final String kind;
    private final LocalDate start;
    private final LocalDate end;
    private final Map<String, Long> secondsByBucket = new LinkedHashMap<>();
    private long totalSeconds;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private BigDecimal credits;
    private Boolean met;

    private Builder(String key, String kind, LocalDate start, LocalDate end) {
      this.key = Objects.requireNonNull(key);
      this.kind = Objects.requireNonNull(kind);
      this.start = Objects.requireNonNull(start);
      this.end = Objects.requireNonNull(end);
    }

    public Builder bucket(String bucket, long seconds) {
      secondsByBucket.put(bucket, seconds);
      return this;
    }

    public Builder totalSeconds(long v) {
      totalSeconds = v;
      return this;
    }

    public Builder counter(String counter, long n) {
      counters.put(counter, n);
      return this;
    }

    public Builder credits(BigDecimal v) {
      credits = v;
      return this;
    }

    public Builder met(Boolean v) {
      met = v;
      return this;
    }

    public PeriodStanding build() {
      return new PeriodStanding(this);
    }
  }
}
