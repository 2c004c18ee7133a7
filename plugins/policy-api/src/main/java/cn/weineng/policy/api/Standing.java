package cn.weineng.policy.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A learner's standing under a policy: every requirement with its key, whether it is met, its
 * figures and its reason; the hours per bucket and counters in the cycle; the credits; and per
 * period (school year, semester) the same figures. {@link #qualified()} is true when every
 * requirement is met (合格).
 */
public final class Standing {

  private final String policyId;
  private final String rulesetVersion;
  private final LocalDate cycleStart;
  private final LocalDate cycleEnd;
  private final Map<String, Long> secondsByBucket;
  private final long totalSeconds;
  private final Map<String, Long> counters;
  private final BigDecimal credits;
  private final List<Requirement> requirements;
  private final List<PeriodStanding> periods;
  private final boolean certificateOnPass;

  private Standing(Builder b) {
    this.policyId = b.policyId;
    this.rulesetVersion = b.rulesetVersion;
    this.cycleStart = b.cycleStart;
    this.cycleEnd = b.cycleEnd;
    this.secondsByBucket = Collections.unmodifiableMap(new LinkedHashMap<>(b.secondsByBucket));
    this.totalSeconds = b.totalSeconds;
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(b.counters));
    this.credits = b.credits;
    this.requirements = List.copyOf(b.requirements);
    this.periods = List.copyOf(b.periods);
    this.certificateOnPass = b.certificateOnPass;
  }

  public static Builder builder(String policyId, String rulesetVersion) {
    return new Builder(policyId, rulesetVersion);
  }

  public String policyId() {
    return policyId;
  }

  public String rulesetVersion() {
    return rulesetVersion;
  }

  /** First day of the cycle judged, when the policy has one. */
  public Optional<LocalDate> cycleStart() {
    return Optional.ofNullable(cycleStart);
  }

  /** Last day of the cycle judged (inclusive), when the policy has one. */
  public Optional<LocalDate> cycleEnd() {
    return Optional.ofNullable(cycleEnd);
  }

  /** Credited seconds per bucket in the cycle, every bucket present, in display order. */
  public Map<String, Long> secondsByBucket() {
    return secondsByBucket;
  }

  public long totalSeconds() {
    return totalSeconds;
  }

  /** Counter totals in the cycle, every counter present. */
  public Map<String, Long> counters() {
    return counters;
  }

  /** Credits (学分) earned in the cycle, when the policy converts hours to credits. */
  public Optional<BigDecimal> credits() {
    return Optional.ofNullable(credits);
  }

  /** Every requirement checked, met or not, in the order the policy checks them. */
  public List<Requirement> requirements() {
    return requirements;
  }

  public List<PeriodStanding> periods() {
    return periods;
  }

  /** True when every requirement is met. */
  public boolean qualified() {
    return requirements.stream().allMatch(Requirement::met);
  }

  /** Whether the policy's text issues a certificate (合格证书) on pass. */
  public boolean certificateOnPass() {
    return certificateOnPass;
  }

  /** True when a certificate is due: the policy issues one on pass and the learner qualifies. */
  public boolean certificateEligible() {
    return certificateOnPass && qualified();
  }

  /** Builds a {@link Standing}. */
  public static final class Builder {
    private final String policyId;
    private final String rulesetVersion;
    private LocalDate cycleStart;
    private LocalDate cycleEnd;
    private final Map<String, Long> secondsByBucket = new LinkedHashMap<>();
    private long totalSeconds;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private BigDecimal credits;
    private final List<Requirement> requirements = new ArrayList<>();
    private final List<PeriodStanding> periods = new ArrayList<>();
    private boolean certificateOnPass;

    private Builder(String policyId, String rulesetVersion) {
      this.policyId = Objects.requireNonNull(policyId);
      this.rulesetVersion = Objects.requireNonNull(rulesetVersion);
    }

    public Builder cycle(LocalDate start, LocalDate end) {
      cycleStart = start;
      cycleEnd = end;
      return this;
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

    public Builder requirement(Requirement r) {
      requirements.add(Objects.requireNonNull(r));
      return this;
    }

    public Builder period(PeriodStanding p) {
      periods.add(Objects.requireNonNull(p));
      return this;
    }

    public Builder certificateOnPass(boolean v) {
      certificateOnPass = v;
      return this;
    }

    public Standing build() {
      return new Standing(this);
    }
  }
}
