package cn.weineng.policy.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a policy applied to one learner or organisation: a stable key (e.g. {@code
 * hours.bucket.online.min}), whether it is met, the figures behind it (actual and required, in the
 * rule's unit) and a reason in zh-CN and en. A rule that applies per period or per group says which
 * in {@link #scope()}.
 */
public final class Requirement {

  private final String key;
  private final boolean met;
  private final String scope;
  private final Map<String, Object> figures;
  private final Text reason;

  private Requirement(Builder b) {
    this.key = b.key;
    this.met = b.met;
    this.scope = b.scope;
    this.figures = Collections.unmodifiableMap(new LinkedHashMap<>(b.figures));
    this.reason = Objects.requireNonNull(b.reason, "reason of " + b.key);
  }

  public static Builder builder(String key, boolean met) {
    return new Builder(key, met);
  }

  /** A builder holding this requirement's key, verdict, scope and figures, to change its reason. */
  public Builder toBuilder() {
    Builder b = new Builder(key, met);
    b.scope = scope;
    b.figures.putAll(figures);
    b.reason = reason;
    return b;
  }

  public String key() {
    return key;
  }

  public boolean met() {
    return met;
  }

  /** The period ({@code 2021-2022}, {@code 2022-fall}) or group the rule was applied to. */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * The figures, in order: names such as {@code actual}, {@code required}, {@code unit}; values are
   * {@link BigDecimal}, {@link String}, {@link Boolean} or a {@link List} of strings.
   */
  public Map<String, Object> figures() {
    return figures;
  }

  public Text reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "Requirement["
        + key
        + (scope == null ? "" : "@" + scope)
        + " met="
        + met
        + figures
        + "]";
  }

  /** Builds a {@link Requirement}. */
  public static final class Builder {
    private final String key;
    private final boolean met;
    private String scope;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private Text reason;

    private Builder(String key, boolean met) {
      this.key = Objects.requireNonNull(key, "key");
      this.met = met;
    }

    public Builder scope(String v) {
      scope = v;
      return this;
    }

    public Builder figure(String name, BigDecimal value) {
      figures.put(
          name,
          value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros());
      return this;
    }

    public Builder figure(String name, long value) {
      return figure(name, BigDecimal.valueOf(value));
    }

    public Builder figure(String name, String value) {
      figures.put(name, Objects.requireNonNull(value));
      return this;
    }

    public Builder figure(String name, boolean value) {
      figures.put(name, value);
      return this;
    }

    public Builder figure(String name, List<String> value) {
      figures.put(name, List.copyOf(value));
      return this;
    }

    public Builder reason(Text v) {
      reason = v;
      return this;
    }

    public Requirement build() {
      return new Requirement(this);
    }
  }
}
