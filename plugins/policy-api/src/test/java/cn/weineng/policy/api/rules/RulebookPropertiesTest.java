package cn.weineng.policy.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.policy.api.Credit;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.PeriodStanding;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.Requirement;
import cn.weineng.policy.api.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the ledger's arithmetic over random activity histories: hours are never negative,
 * the order statements arrive in does not change a standing, voiding a statement removes exactly
 * what it earned, and replaying a store equals live ingestion.
 */
class RulebookPropertiesTest {

  static final class Factory extends RulebookPolicyFactory {
    Factory() {
      super("property-policy.properties");
    }
  }

  static final RegionPolicy POLICY = new Factory().create(PolicyConfig.empty());
  static final EvaluationContext AT = EvaluationContext.at(Instant.parse("2023-06-30T00:00:00Z"));
  static final List<String> KINDS =
      List.of(
          "online-course",
          "workshop",
          "practice",
          "school-based-research",
          "smart-classroom-lesson",
          "application-assessment");

  @Provide
  Arbitrary<List<LearningActivity>> histories() {
    Arbitrary<LearningActivity> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 40), // activity number: repeats happen
                Arbitraries.of(KINDS),
                Arbitraries.longs().between(0, 3 * 365L * 86400), // seconds after 2020-06-01
                Arbitraries.longs().between(-1, 60 * 3600L), // duration, -1 for none
                Arbitraries.of(true, false, true, true),
                Arbitraries.of(
                    "http://adlnet.gov/expapi/verbs/completed",
                    "http://adlnet.gov/expapi/verbs/passed",
                    "http://adlnet.gov/expapi/verbs/attempted"),
                Arbitraries.of("师德师风", "信息技术应用", "班级管理", "").set().ofMaxSize(2))
            .as(
                (n, kind, at, secs, completed, verb, topics) -> {
                  Set<String> t = new HashSet<>(topics);
                  t.remove("");
                  return LearningActivity.builder(
                          UUID.randomUUID().toString(),
                          verb,
                          Instant.parse("2020-06-01T00:00:00Z").plusSeconds(at))
                      .activityId("https://example.cn/a/" + n)
                      .kind(kind)
                      .duration(secs < 0 ? null : Duration.ofSeconds(secs))
                      .completion(completed)
                      .topics(t)
                      .build();
                });
    return one.list().ofMaxSize(60);
  }

  static List<LedgerLine> credit(List<LearningActivity> history) {
    List<LedgerLine> lines = new ArrayList<>();
    for (LearningActivity a : history) {
      for (Credit c : POLICY.credit(a)) {
        lines.add(LedgerLine.of(a, c));
      }
    }
    return lines;
  }

  static Standing evaluate(List<LedgerLine> lines, Integer birthYear) {
    return POLICY.evaluate(
        LearnerFacts.builder("learner").lines(lines).birthYear(birthYear).build(), AT);
  }

  /** A standing as comparable text: every figure, verdict and reason. */
  static String render(Standing s) {
    StringBuilder b = new StringBuilder();
    b.append(s.secondsByBucket()).append(s.totalSeconds()).append(s.counters()).append(s.credits());
    for (Requirement r : s.requirements()) {
      b.append('\n').append(r.key()).append(r.scope()).append(r.met()).append(r.figures());
      b.append(r.reason());
    }
    for (PeriodStanding p : s.periods()) {
      b.append('\n').append(p.key()).append(p.secondsByBucket()).append(p.counters());
      b.append(p.credits()).append(p.met());
    }
    return b.toString();
  }

  @Property(tries = 300)
  void hoursAndCreditsAreNeverNegative(@ForAll("histories") List<LearningActivity> history) {
    Standing s = evaluate(credit(history), null);
    assertThat(s.secondsByBucket().values()).allMatch(v -> v >= 0);
    assertThat(s.totalSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(s.counters().values()).allMatch(v -> v >= 0);
    s.credits().ifPresent(c -> assertThat(c.signum()).isGreaterThanOrEqualTo(0));
    for (PeriodStanding p : s.periods()) {
      assertThat(p.totalSeconds()).isGreaterThanOrEqualTo(0);
      p.credits().ifPresent(c -> assertThat(c.signum()).isGreaterThanOrEqualTo(0));
    }
    assertThat(credit(history)).allMatch(l -> l.amount() >= 0);
  }

  @Property(tries = 300)
  void theOrderOfArrivalDoesNotChangeTheStanding(
      @ForAll("histories") List<LearningActivity> history, @ForAll long seed) {
    List<LedgerLine> lines = credit(history);
    List<LedgerLine> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(render(evaluate(shuffled, 1980))).isEqualTo(render(evaluate(lines, 1980)));
  }

  @Property(tries = 300)
  void voidingRemovesExactlyWhatTheStatementEarned(
      @ForAll("histories") List<LearningActivity> history, @ForAll long seed) {
    if (history.isEmpty()) {
      return;
    }
    LearningActivity voided = history.get(new Random(seed).nextInt(history.size()));
    // live: every statement credited, then the voided one's lines removed by statement id
    List<LedgerLine> live = new ArrayList<>(credit(history));
    live.removeIf(l -> l.statementId().equals(voided.statementId()));
    // as if it had never arrived
    List<LearningActivity> without = new ArrayList<>(history);
    without.remove(voided);
    assertThat(render(evaluate(live, null))).isEqualTo(render(evaluate(credit(without), null)));
  }

  @Property(tries = 200)
  void replayingTheSameStatementsEqualsLiveIngestion(
      @ForAll("histories") List<LearningActivity> history) {
    // live: one statement at a time, as batches arrive; replay: the whole store in stored order
    List<LedgerLine> live = new ArrayList<>();
    for (LearningActivity a : history) {
      live.addAll(credit(List.of(a)));
    }
    assertThat(render(evaluate(credit(history), null))).isEqualTo(render(evaluate(live, null)));
  }

  @Property(tries = 200)
  void aStatementThatIsNotACompletionEarnsNothing(
      @ForAll("histories") List<LearningActivity> history) {
    for (LearningActivity a : history) {
      if (a.verbId().endsWith("/attempted") || Boolean.FALSE.equals(a.completion().orElse(null))) {
        assertThat(POLICY.credit(a)).isEmpty();
      }
    }
  }

  @Property(tries = 100)
  void aTeacherOver45NeedsNoMoreLessonsThanOneUnder(
      @ForAll("histories") List<LearningActivity> history) {
    List<LedgerLine> lines = credit(history);
    assertThat(unmetLessons(evaluate(lines, 1995)))
        .containsAll(unmetLessons(evaluate(lines, 1950)));
  }

  private static Set<String> unmetLessons(Standing s) {
    Set<String> out = new HashSet<>();
    s.requirements().stream()
        .filter(r -> r.key().equals("counter.lessons.min") && !r.met())
        .forEach(r -> out.add(r.scope().orElse("")));
    return out;
  }
}
