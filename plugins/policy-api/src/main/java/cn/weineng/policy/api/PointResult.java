package cn.weineng.policy.api;

/**
 * Where one selected micro-ability point stands: graded 优秀, 合格 or 不合格 (the minimum over its
 * evidence items, or an admin's override), waiting for a reviewer, or still missing evidence. The
 * grades are ordered: {@link #EXCELLENT} above {@link #PASS} above {@link #FAIL}.
 */
public enum PointResult {
  /** 优秀: every evidence item graded 优秀. */
  EXCELLENT("excellent"),
  /** 合格: every item 合格 or better, not all 优秀. */
  PASS("pass"),
  /** 不合格: at least one item graded 不合格 (it may be resubmitted). */
  FAIL("fail"),
  /** Every item submitted, at least one not yet graded. */
  PENDING("pending"),
  /** At least one evidence item not yet submitted. */
  MISSING("missing");

  private final String key;

  PointResult(String key) {
    this.key = key;
  }

  /** The lower-case key used in settings and APIs ({@code excellent}, {@code pass}, …). */
  public String key() {
    return key;
  }

  /** True when this is a grade at least as good as {@code min} (a pending point is not graded). */
  public boolean atLeast(PointResult min) {
    return isGrade() && ordinal() <= min.ordinal();
  }

  /** True for 优秀, 合格 and 不合格. */
  public boolean isGrade() {
    return this == EXCELLENT || this == PASS || this == FAIL;
  }

  /** The result for a key, e.g. from a setting. */
  public static PointResult of(String key) {
    for (PointResult r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no point result '" + key + "'");
  }
}
