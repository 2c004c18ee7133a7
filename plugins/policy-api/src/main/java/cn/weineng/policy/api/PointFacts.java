package cn.weineng.policy.api;

import java.util.Objects;

/**
 * One micro-ability point a learner selected, as the host knows it: its code in the catalogue in
 * use (e.g. {@code A1}), its teaching environment and dimension, whether it lies in the school's
 * circled range (圈定范围), and its result so far. No evidence content and no reviewer crosses into a
 * policy.
 *
 * <p>Environments: {@code multimedia} (多媒体教学环境), {@code blended} (混合学习环境), {@code smart} (智慧学习环境).
 * Dimensions: {@code learner-analysis} (学情分析), {@code instructional-design} (教学设计), {@code
 * learning-guidance} (学法指导), {@code assessment} (学业评价).
 */
public final class PointFacts {

  private final String code;
  private final String environment;
  private final String dimension;
  private final boolean inRange;
  private final PointResult result;

  private PointFacts(
      String code, String environment, String dimension, boolean inRange, PointResult result) {
    this.code = Objects.requireNonNull(code, "code");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.dimension = Objects.requireNonNull(dimension, "dimension");
    this.inRange = inRange;
    this.result = Objects.requireNonNull(result, "result");
  }

  public static PointFacts of(
      String code, String environment, String dimension, boolean inRange, PointResult result) {
    return new PointFacts(code, environment, dimension, inRange, result);
  }

  /** A point being selected, before any evidence: its result is {@link PointResult#MISSING}. */
  public static PointFacts selected(
      String code, String environment, String dimension, boolean inRange) {
    return new PointFacts(code, environment, dimension, inRange, PointResult.MISSING);
  }

  public String code() {
    return code;
  }

  public String environment() {
    return environment;
  }

  public String dimension() {
    return dimension;
  }

  /** True when the school circled this point (always true where the school circled no range). */
  public boolean inRange() {
    return inRange;
  }

  public PointResult result() {
    return result;
  }

  @Override
  public String toString() {
    return "Point[" + code + " " + environment + "/" + dimension + " " + result.key() + "]";
  }
}
