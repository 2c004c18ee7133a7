package cn.weineng.evidence.domain;

import cn.weineng.policy.api.PointResult;
import java.util.Collection;

/**
 * The national grading rule (校本应用考核规范, 使用说明): each evidence item is graded 优秀, 合格 or 不合格; a point
 * is 优秀 only when every item is 优秀, 不合格 when any item is 不合格, else 合格. An item not yet submitted or
 * not yet graded leaves the point without a grade.
 */
public final class Grades {

  private Grades() {}

  /**
   * The point's result from its items' latest states, in any order.
   *
   * @param items each item's state: {@code MISSING} (not submitted), {@code PENDING} (submitted,
   *     not graded) or its grade; an empty collection is a point with no items (missing)
   */
  public static PointResult point(Collection<PointResult> items) {
    if (items.contains(PointResult.FAIL)) {
      return PointResult.FAIL;
    }
    if (items.isEmpty() || items.contains(PointResult.MISSING)) {
      return PointResult.MISSING;
    }
    if (items.contains(PointResult.PENDING)) {
      return PointResult.PENDING;
    }
    return items.stream().allMatch(r -> r == PointResult.EXCELLENT)
        ? PointResult.EXCELLENT
        : PointResult.PASS;
  }
}
