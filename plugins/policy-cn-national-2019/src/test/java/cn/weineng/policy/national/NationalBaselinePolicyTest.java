package cn.weineng.policy.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.weineng.policy.api.HourCredit;
import cn.weineng.policy.api.LearnerRecord;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.PolicyContext;
import cn.weineng.policy.api.PolicyResult;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NationalBaselinePolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
  private final RegionPolicy policy =
      new NationalBaselinePolicyFactory().create(PolicyConfig.empty());

  @Test
  void isFoundByServiceLoader() {
    List<RegionPolicyFactory> found =
        ServiceLoader.load(RegionPolicyFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertThat(found).extracting(RegionPolicyFactory::id).contains("cn-national-2019");
    assertThat(found.get(0).requiresSpi()).isLessThanOrEqualTo(RegionPolicyFactory.SPI_VERSION);
  }

  @Test
  void creditsCompletedCourseWithDurationAsOnlineHours() {
    List<HourCredit> credits =
        policy.credit(
            activity("completed", "http://adlnet.gov/expapi/activities/course", "PT2H30M", null));
    assertThat(credits).containsExactly(new HourCredit("online", 9000, "online-course-completed"));
  }

  @Test
  void creditsPracticeActivityAsPracticeHours() {
    List<HourCredit> credits =
        policy.credit(
            activity(
                "completed",
                "https://w3id.org/weineng/xapi/activity-types/practice",
                "PT3H",
                true));
    assertThat(credits)
        .containsExactly(new HourCredit("practice", 10800, "practice-activity-completed"));
  }

  @Test
  void creditsNothingWithoutDurationOrCompletionOrKnownVerb() {
    String course = "http://adlnet.gov/expapi/activities/course";
    assertThat(policy.credit(activity("completed", course, null, null))).isEmpty();
    assertThat(policy.credit(activity("completed", course, "PT1H", false))).isEmpty();
    assertThat(policy.credit(activity("experienced", course, "PT1H", true))).isEmpty();
    assertThat(policy.credit(activity("completed", "http://example.com/other", "PT1H", true)))
        .isEmpty();
    assertThat(policy.credit(activity("completed", course, "PT0S", true))).isEmpty();
  }

  @Test
  void capsHoursPerActivityWhenConfigured() {
    RegionPolicy capped =
        new NationalBaselinePolicyFactory()
            .create(new PolicyConfig(Map.of("cap.perActivityHours", "4")));
    assertThat(
            capped.credit(
                activity("completed", "http://adlnet.gov/expapi/activities/course", "PT10H", true)))
        .extracting(HourCredit::seconds)
        .containsExactly(4 * 3600L);
  }

  @Test
  void rejectsMalformedConfigurationNamingTheKey() {
    NationalBaselinePolicyFactory f = new NationalBaselinePolicyFactory();
    assertThatThrownBy(() -> f.create(new PolicyConfig(Map.of("hours.total.min", "fifty"))))
        .hasMessageContaining("hours.total.min");
    assertThatThrownBy(() -> f.create(new PolicyConfig(Map.of("hours.practice.minShare", "1.5"))))
        .hasMessageContaining("hours.practice.minShare");
  }

  @Test
  void qualifiesAtExactlyFiftyHoursHalfPractice() {
    PolicyResult r =
        policy.evaluate(
            record(line("a", "online", 25), line("b", "practice", 25)), ctx(Locale.ENGLISH));
    assertThat(r.qualified()).isTrue();
    assertThat(r.totalSeconds()).isEqualTo(50 * 3600);
    assertThat(r.reasons()).allMatch(reason -> reason.met());
  }

  @Test
  void refusesWhenPracticeShareIsBelowHalfEvenWithEnoughHours() {
    PolicyResult r =
        policy.evaluate(
            record(line("a", "online", 40), line("b", "practice", 20)), ctx(Locale.ENGLISH));
    assertThat(r.qualified()).isFalse();
    assertThat(r.reasons())
        .filteredOn(x -> !x.met())
        .extracting(x -> x.code())
        .containsExactly("hours.practice.minShare");
    assertThat(r.reasons().get(1).message()).contains("33.3 %").contains("50 %");
  }

  @Test
  void countsARepeatedActivityOnceAtItsLongestTime() {
    PolicyResult r =
        policy.evaluate(
            record(line("a", "online", 10), line("a", "online", 12), line("b", "practice", 5)),
            ctx(Locale.ENGLISH));
    assertThat(r.secondsByBucket())
        .containsExactly(Map.entry("online", 12 * 3600L), Map.entry("practice", 5 * 3600L));
  }

  @Test
  void ignoresLinesOutsideTheRollingCycle() {
    LedgerLine old =
        new LedgerLine(
            "s-old", "old", "practice", 100 * 3600, NOW.minus(Duration.ofDays(366 * 5)), "r");
    PolicyResult r = policy.evaluate(record(old), ctx(Locale.ENGLISH));
    assertThat(r.totalSeconds()).isZero();
    assertThat(r.qualified()).isFalse();
  }

  @Test
  void writesReasonsInChinese() {
    PolicyResult r =
        policy.evaluate(record(line("a", "online", 10)), ctx(Locale.SIMPLIFIED_CHINESE));
    assertThat(r.reasons().get(0).message()).contains("总学时10").contains("50学时");
    assertThat(
            new NationalBaselinePolicyFactory().bucketName("practice", Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("实践应用");
  }

  private static LearningActivity activity(
      String verb, String type, String duration, Boolean completion) {
    return new LearningActivity(
        "00000000-0000-4000-8000-000000000001",
        "http://adlnet.gov/expapi/verbs/" + verb,
        "http://example.com/activity/1",
        type,
        NOW,
        duration == null ? null : Duration.parse(duration),
        completion,
        null);
  }

  private static LedgerLine line(String activity, String bucket, long hours) {
    return new LedgerLine(
        "s-" + activity + hours, activity, bucket, hours * 3600, NOW.minusSeconds(60), "r");
  }

  private static LearnerRecord record(LedgerLine... lines) {
    return new LearnerRecord("learner-1", List.of(lines));
  }

  private static PolicyContext ctx(Locale locale) {
    return new PolicyContext(NOW, locale);
  }
}
