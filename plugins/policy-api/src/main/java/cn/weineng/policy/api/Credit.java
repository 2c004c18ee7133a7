package cn.weineng.policy.api;

import java.util.Objects;
import java.util.Set;

/**
 * What one statement earns under a policy: seconds in an hour bucket, or a count on a counter (e.g.
 * smart-classroom lessons taught). The host writes each credit as a ledger line stamped with the
 * policy id and rule-set version.
 */
public final class Credit {

  /** What {@link #amount()} counts. */
  public enum Unit {
    /** Seconds of credited time in an hour bucket. */
    SECONDS,
    /** Occurrences on a counter. */
    COUNT
  }

  private final String key;
  private final Unit unit;
  private final long amount;
  private final String rule;
  private final Set<String> topics;

  private Credit(String key, Unit unit, long amount, String rule, Set<String> topics) {
    this.key = Objects.requireNonNull(key, "key");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.topics = Set.copyOf(topics);
    if (amount < 0) {
      throw new IllegalArgumentException("a credit is never negative: " + amount);
    }
    this.amount = amount;
  }

  /** Seconds in a bucket. */
  public static Credit hours(String bucket, long seconds, String rule) {
    return new Credit(bucket, Unit.SECONDS, seconds, rule, Set.of());
  }

  /** A count on a counter. */
  public static Credit count(String counter, long n, String rule) {
    return new Credit(counter, Unit.COUNT, n, rule, Set.of());
  }

  /** The same credit, tagged with topics (mandatory-topic coverage). */
  public Credit withTopics(Set<String> topics) {
    return new Credit(key, unit, amount, rule, topics);
  }

  /** The bucket or counter key. */
  public String key() {
    return key;
  }

  public Unit unit() {
    return unit;
  }

  public long amount() {
    return amount;
  }

  /** The id of the rule that matched, shown to reviewers. */
  public String rule() {
    return rule;
  }

  public Set<String> topics() {
    return topics;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credit c
        && c.key.equals(key)
        && c.unit == unit
        && c.amount == amount
        && c.rule.equals(rule)
        && c.topics.equals(topics);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, unit, amount, rule, topics);
  }

  @Override
  public String toString() {
    return "Credit[" + key + " " + amount + " " + unit + " by " + rule + " " + topics + "]";
  }
}
