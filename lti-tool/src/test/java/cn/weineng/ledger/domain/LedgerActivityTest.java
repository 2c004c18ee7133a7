package cn.weineng.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.policy.api.LearningActivity;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerActivityTest {

  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 7, 4, 0, 0, 0, ZoneOffset.UTC);

  static LearningActivity.Builder full() {
    return LearningActivity.builder(
            "0b6d3f0e-6f5a-4c1e-9d2a-1f2e3d4c5b6a",
            "http://adlnet.gov/expapi/verbs/completed",
            Instant.parse("2024-03-01T00:00:00Z"))
        .activityId("https://moodle.example.cn/mod/assign/view.php?id=3#submission")
        .activityType("http://adlnet.gov/expapi/activities/course")
        .kind("school-based-research")
        .duration(Duration.ofMillis(5_400_250))
        .nominalDuration(Duration.ofHours(10))
        .completion(true)
        .success(false)
        .scoreScaled(0.75)
        .topics(Set.of("师德师风", "信息技术应用"))
        .catalogueCourseId("yy-sr-01")
        .completesPerCatalogue(true);
  }

  @Test
  void keepsEverythingAPolicySees() {
    LearningActivity a = full().build();
    LearningActivity back = new LedgerActivity(7L, "s", "p", "mbox:x", a, NOW).toActivity();
    assertThat(back.statementId()).isEqualTo(a.statementId());
    assertThat(back.verbId()).isEqualTo(a.verbId());
    assertThat(back.timestamp()).isEqualTo(a.timestamp());
    assertThat(back.activityId()).isEqualTo(a.activityId());
    assertThat(back.activityType()).isEqualTo(a.activityType());
    assertThat(back.kind()).isEqualTo(a.kind());
    assertThat(back.duration()).isEqualTo(a.duration());
    assertThat(back.nominalDuration()).isEqualTo(a.nominalDuration());
    assertThat(back.completion()).isEqualTo(a.completion());
    assertThat(back.success()).isEqualTo(a.success());
    assertThat(back.scoreScaled()).isEqualTo(a.scoreScaled());
    assertThat(back.topics()).isEqualTo(a.topics());
    assertThat(back.catalogueCourseId()).isEqualTo(a.catalogueCourseId());
    assertThat(back.completesPerCatalogue()).isTrue();
  }

  @Test
  void absentFactsStayAbsent() {
    LearningActivity a =
        LearningActivity.builder("id", "http://adlnet.gov/expapi/verbs/passed", Instant.EPOCH)
            .activityId("https://example.cn/a")
            .build();
    LearningActivity back = new LedgerActivity(1L, "s", "p", "mbox:x", a, NOW).toActivity();
    assertThat(back.kind()).isEmpty();
    assertThat(back.duration()).isEmpty();
    assertThat(back.nominalDuration()).isEmpty();
    assertThat(back.completion()).isEmpty();
    assertThat(back.success()).isEmpty();
    assertThat(back.scoreScaled()).isEmpty();
    assertThat(back.topics()).isEmpty();
    assertThat(back.catalogueCourseId()).isEmpty();
  }

  @Test
  void theSameRowWrittenLaterIsTheSame() {
    LedgerActivity a = new LedgerActivity(7L, "s", "p", "mbox:x", full().build(), NOW);
    LedgerActivity later =
        new LedgerActivity(7L, "s", "p", "mbox:x", full().build(), NOW.plusDays(3));
    assertThat(a.sameAs(later)).isTrue();
    assertThat(a.sameAs(null)).isFalse();
  }

  @Test
  void anyFactThatDiffersMakesItAnotherRow() {
    LedgerActivity a = new LedgerActivity(7L, "s", "p", "mbox:x", full().build(), NOW);
    assertThat(a.sameAs(new LedgerActivity(7L, "s", "q", "mbox:x", full().build(), NOW)))
        .as("another person")
        .isFalse();
    assertThat(
            a.sameAs(
                new LedgerActivity(
                    7L,
                    "s",
                    "p",
                    "mbox:x",
                    full().nominalDuration(Duration.ofHours(8)).build(),
                    NOW)))
        .as("other nominal hours")
        .isFalse();
    assertThat(
            a.sameAs(
                new LedgerActivity(7L, "s", "p", "mbox:x", full().kind("practice").build(), NOW)))
        .as("another kind")
        .isFalse();
    assertThat(
            a.sameAs(
                new LedgerActivity(
                    7L, "s", "p", "mbox:x", full().completesPerCatalogue(false).build(), NOW)))
        .as("no longer completed per the catalogue")
        .isFalse();
  }
}
