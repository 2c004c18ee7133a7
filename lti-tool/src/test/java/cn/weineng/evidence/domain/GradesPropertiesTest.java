package cn.weineng.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.policy.api.PointResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The national grading rule as properties: a point's result is the minimum over its items (优秀 only
 * when all are 优秀, 不合格 when any is), and a resubmission can only mend a point.
 */
class GradesPropertiesTest {

  @Provide
  Arbitrary<List<PointResult>> items() {
    return Arbitraries.of(PointResult.values()).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<PointResult>> graded() {
    return Arbitraries.of(PointResult.EXCELLENT, PointResult.PASS, PointResult.FAIL)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Property(tries = 500)
  void theOrderOfItemsDoesNotMatter(@ForAll("items") List<PointResult> items, @ForAll long seed) {
    List<PointResult> shuffled = new ArrayList<>(items);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    assertThat(Grades.point(shuffled)).isEqualTo(Grades.point(items));
  }

  @Property(tries = 500)
  void aGradedPointIsItsLowestItem(@ForAll("graded") List<PointResult> items) {
    PointResult lowest =
        items.stream().max(java.util.Comparator.comparingInt(PointResult::ordinal)).orElseThrow();
    assertThat(Grades.point(items)).isEqualTo(lowest);
  }

  @Property(tries = 500)
  void anyFailFailsThePointWhateverTheOthers(@ForAll("items") List<PointResult> items) {
    assertThat(Grades.point(items) == PointResult.FAIL).isEqualTo(items.contains(PointResult.FAIL));
  }

  @Property(tries = 500)
  void aPointIsGradedOnlyWhenEveryItemIs(@ForAll("items") List<PointResult> items) {
    boolean allGraded = items.stream().allMatch(PointResult::isGrade);
    if (!items.contains(PointResult.FAIL)) {
      assertThat(Grades.point(items).isGrade()).isEqualTo(allGraded);
    }
  }

  @Property(tries = 500)
  void excellentOnlyWhenEveryItemIsExcellent(@ForAll("items") List<PointResult> items) {
    assertThat(Grades.point(items) == PointResult.EXCELLENT)
        .isEqualTo(items.stream().allMatch(r -> r == PointResult.EXCELLENT));
  }

  /** A fail resubmitted and graded again never leaves the point worse than it was. */
  @Property(tries = 500)
  void aResubmissionOnlyMends(
      @ForAll("graded") List<PointResult> items,
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll("resubmitted") PointResult regrade) {
    int i = which % items.size();
    if (items.get(i) != PointResult.FAIL) {
      return;
    }
    PointResult before = Grades.point(items);
    List<PointResult> after = new ArrayList<>(items);
    after.set(i, PointResult.PENDING); // submitted again: waiting for review
    PointResult waiting = Grades.point(after);
    after.set(i, regrade);
    PointResult now = Grades.point(after);
    assertThat(before).isEqualTo(PointResult.FAIL);
    assertThat(waiting)
        .as("while the new attempt waits, the point is not passed")
        .isIn(PointResult.FAIL, PointResult.PENDING);
    assertThat(now.ordinal()).isLessThanOrEqualTo(before.ordinal());
    boolean otherFails =
        java.util.stream.IntStream.range(0, items.size())
            .anyMatch(j -> j != i && items.get(j) == PointResult.FAIL);
    if (!otherFails && regrade != PointResult.FAIL) {
      assertThat(now.atLeast(PointResult.PASS)).isTrue();
    }
  }

  @Provide
  Arbitrary<PointResult> resubmitted() {
    return Arbitraries.of(PointResult.EXCELLENT, PointResult.PASS, PointResult.FAIL);
  }
}
