package cn.weineng.policy.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One line of a learner's ledger under one policy, as the host hands it back for evaluation: what a
 * statement earned, when the experience happened.
 */
public final class LedgerLine {

  private final String statementId;
  private final String activityId;
  private final String key;
  private final Credit.Unit unit;
  private final long amount;
  private final Instant occurredAt;
  private final String rule;
  private final Set<String> topics;
  private final String catalogueCourseId;

  private LedgerLine(Builder b) {
    this.statementId = b.statementId;
    this.activityId = b.activityId;
    this.key = b.key;
    this.unit = b.unit;
    this.amount = b.amount;
    this.occurredAt = b.occurredAt;
    this.rule = b.rule;
    this.topics = Set.copyOf(b.topics);
    this.catalogueCourseId = b.catalogueCourseId;
  }

  /** A line for what {@code activity} earned as {@code credit}. */
  public static LedgerLine of(LearningActivity activity, Credit credit) {
    return builder(activity.statementId(), credit.key(), credit.amount(), activity.timestamp())
        .unit(credit.unit())
        .rule(credit.rule())
        .activityId(activity.activityId().orElse(null))
        .topics(credit.topics())
        .catalogueCourseId(activity.catalogueCourseId().orElse(null))
        .build();
  }

  public static Builder builder(String statementId, String key, long amount, Instant occurredAt) {
    return new Builder(statementId, key, amount, occurredAt);
  }

  public String statementId() {
    return statementId;
  }

  /** The activity credited; repeated completions of one activity share it. */
  public Optional<String> activityId() {
    return Optional.ofNullable(activityId);
  }

  /** The bucket or counter. */
  public String key() {
    return key;
  }

  public Credit.Unit unit() {
    return unit;
  }

  public long amount() {
    return amount;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String rule() {
    return rule;
  }

  public Set<String> topics() {
    return topics;
  }

  public Optional<String> catalogueCourseId() {
    return Optional.ofNullable(catalogueCourseId);
  }

  /** Builds a {@link LedgerLine}. */
  public static final class Builder {
    private final String statementId;
    private final String key;
    private final long amount;
    private final Instant occurredAt;
    private String activityId;
    private Credit.Unit unit = Credit.Unit.SECONDS;
    private String rule = "";
    private Set<String> topics = Set.of();
    private String catalogueCourseId;

    private Builder(String statementId, String key, long amount, Instant occurredAt) {
      this.statementId = Objects.requireNonNull(statementId, "statementId");
      this.key = Objects.requireNonNull(key, "key");
      this.amount = amount;
      this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public Builder activityId(String v) {
      activityId = v;
      return this;
    }

    public Builder unit(Credit.Unit v) {
      unit = Objects.requireNonNull(v);
      return this;
    }

    public Builder rule(String v) {
      rule = v == null ? "" : v;
      return this;
    }

    public Builder topics(Set<String> v) {
      topics = v == null ? Set.of() : v;
      return this;
    }

    public Builder catalogueCourseId(String v) {
      catalogueCourseId = v;
      return this;
    }

    public LedgerLine build() {
      return new LedgerLine(this);
    }
  }
}
