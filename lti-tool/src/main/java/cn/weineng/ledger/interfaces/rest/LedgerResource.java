package cn.weineng.ledger.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.LedgerApi;
import cn.weineng.api.server.model.AssessmentScore;
import cn.weineng.api.server.model.AssessmentScoreRequest;
import cn.weineng.api.server.model.BucketHours;
import cn.weineng.api.server.model.CatalogueCourse;
import cn.weineng.api.server.model.CounterValue;
import cn.weineng.api.server.model.CourseChoice;
import cn.weineng.api.server.model.CourseChoiceRequest;
import cn.weineng.api.server.model.LedgerDiff;
import cn.weineng.api.server.model.LedgerDiffChange;
import cn.weineng.api.server.model.LedgerDiffRequest;
import cn.weineng.api.server.model.LedgerRebuild;
import cn.weineng.api.server.model.PeriodResult;
import cn.weineng.api.server.model.RequirementResult;
import cn.weineng.api.server.model.StandingSummary;
import cn.weineng.common.interfaces.rest.Locales;
import cn.weineng.ledger.application.LedgerFacts;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.ledger.application.StandingService;
import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.CourseChoiceEntity;
import cn.weineng.policy.api.PeriodStanding;
import cn.weineng.policy.api.Requirement;
import cn.weineng.policy.api.Standing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** /api/learners/{id}/standing, course choices and scores, /api/catalogue, ledger rebuild. */
@RequestScoped
@AdminApi
public class LedgerResource implements LedgerApi {

  @Inject StandingService standings;
  @Inject LedgerFacts facts;
  @Inject cn.weineng.ledger.application.LedgerRebuild rebuild;
  @Inject cn.weineng.ledger.application.LedgerDiff diff;

  @Override
  public Response getLearnerStanding(
      String learnerId, String policy, OffsetDateTime asOf, String lang) {
    Instant at = asOf == null ? Instant.now() : asOf.toInstant();
    StandingService.Evaluated e = standings.evaluate(learnerId, policy, at);
    return Response.ok(toApi(learnerId, e.policy(), e.standing(), at, Locales.of(lang))).build();
  }

  @Override
  public Response listLearnerLedger(String learnerId, String policy) {
    cn.weineng.people.domain.Person person = standings.person(learnerId);
    PolicyRegistry.Installed p = standings.policyFor(person, policy);
    List<cn.weineng.api.server.model.LedgerLine> lines =
        standings.lines(person, p).stream()
            .map(
                l ->
                    new cn.weineng.api.server.model.LedgerLine()
                        .statementId(l.statementId())
                        .activityId(l.activityId().orElse(null))
                        .catalogueCourseId(l.catalogueCourseId().orElse(null))
                        .key(l.key())
                        .unit(
                            l.unit() == cn.weineng.policy.api.Credit.Unit.COUNT
                                ? cn.weineng.api.server.model.LedgerLine.UnitEnum.COUNT
                                : cn.weineng.api.server.model.LedgerLine.UnitEnum.HOURS)
                        .amount(
                            l.unit() == cn.weineng.policy.api.Credit.Unit.COUNT
                                ? (double) l.amount()
                                : hours(l.amount()))
                        .occurredAt(l.occurredAt().atOffset(ZoneOffset.UTC))
                        .rule(l.rule())
                        .topics(new java.util.ArrayList<>(new java.util.TreeSet<>(l.topics())))
                        .policyId(p.id())
                        .rulesetVersion(p.rulesetVersion()))
            .toList();
    return Response.ok(
            new cn.weineng.api.server.model.LedgerLines()
                .learnerId(learnerId)
                .policyId(p.id())
                .rulesetVersion(p.rulesetVersion())
                .lines(lines))
        .build();
  }

  /** The standing as the REST API shows it. */
  public static cn.weineng.api.server.model.Standing toApi(
      String learnerId, PolicyRegistry.Installed p, Standing s, Instant asOf, Locale locale) {
    cn.weineng.api.server.model.Standing out =
        new cn.weineng.api.server.model.Standing()
            .learnerId(learnerId)
            .policyId(s.policyId())
            .policyName(p.factory().displayName(locale))
            .rulesetVersion(s.rulesetVersion())
            .asOf(asOf.atOffset(ZoneOffset.UTC))
            .cycleStart(s.cycleStart().orElse(null))
            .cycleEnd(s.cycleEnd().orElse(null))
            .qualified(s.qualified())
            .certificateEligible(s.certificateEligible())
            .hours(hours(p, s.secondsByBucket(), locale))
            .totalHours(hours(s.totalSeconds()))
            .counters(counters(p, s.counters(), locale))
            .credits(s.credits().map(BigDecimal::doubleValue).orElse(null))
            .requirements(s.requirements().stream().map(LedgerResource::requirement).toList())
            .periods(s.periods().stream().map(x -> period(p, x, locale)).toList())
            .settings(p.policy().settings());
    return out;
  }

  public static RequirementResult requirement(Requirement r) {
    Map<String, Object> figures = new LinkedHashMap<>();
    r.figures().forEach((k, v) -> figures.put(k, v instanceof BigDecimal bd ? number(bd) : v));
    return new RequirementResult()
        .key(r.key())
        .scope(r.scope().orElse(null))
        .met(r.met())
        .figures(figures)
        .reason(new LinkedHashMap<>(r.reason().byLanguage()));
  }

  private static Object number(BigDecimal bd) {
    BigDecimal s = bd.stripTrailingZeros();
    if (s.scale() <= 0) {
      try {
        return s.longValueExact();
      } catch (ArithmeticException e) {
        return s.doubleValue();
      }
    }
    return s.doubleValue();
  }

  static PeriodResult period(PolicyRegistry.Installed p, PeriodStanding x, Locale locale) {
    return new PeriodResult()
        .key(x.key())
        .kind(x.kind())
        .start(x.start())
        .end(x.end())
        .hours(hours(p, x.secondsByBucket(), locale))
        .totalHours(hours(x.totalSeconds()))
        .counters(counters(p, x.counters(), locale))
        .credits(x.credits().map(BigDecimal::doubleValue).orElse(null))
        .met(x.met().orElse(null));
  }

  private static List<BucketHours> hours(
      PolicyRegistry.Installed p, Map<String, Long> byBucket, Locale locale) {
    return byBucket.entrySet().stream()
        .map(
            e ->
                new BucketHours()
                    .bucket(e.getKey())
                    .name(p.factory().bucketName(e.getKey(), locale))
                    .hours(hours(e.getValue())))
        .toList();
  }

  private static List<CounterValue> counters(
      PolicyRegistry.Installed p, Map<String, Long> counters, Locale locale) {
    return counters.entrySet().stream()
        .map(
            e ->
                new CounterValue()
                    .counter(e.getKey())
                    .name(p.factory().counterName(e.getKey(), locale))
                    .count(e.getValue()))
        .toList();
  }

  private static double hours(long seconds) {
    return cn.weineng.policy.api.rules.Figures.hours(seconds).doubleValue();
  }

  @Override
  public Response listCourseChoices(String learnerId) {
    return Response.ok(facts.choices(learnerId).stream().map(this::toApi).toList()).build();
  }

  @Override
  public Response chooseCourse(String learnerId, CourseChoiceRequest r) {
    CourseChoiceEntity c = facts.choose(learnerId, r.getCourseId(), r.getChosenAt());
    return Response.status(201).entity(toApi(c)).build();
  }

  @Override
  public Response withdrawCourseChoice(String learnerId, String courseId) {
    facts.withdraw(learnerId, courseId);
    return Response.noContent().build();
  }

  private CourseChoice toApi(CourseChoiceEntity c) {
    cn.weineng.ledger.domain.CatalogueCourse course = facts.course(c.storeId(), c.courseId());
    return new CourseChoice()
        .courseId(c.courseId())
        .title(course.title())
        .nominalHours(course.nominalSeconds() / 3600.0)
        .kind(course.kind())
        .chosenAt(c.chosenAt());
  }

  @Override
  public Response listScores(String learnerId) {
    return Response.ok(facts.scores(learnerId).stream().map(LedgerResource::toApi).toList())
        .build();
  }

  @Override
  public Response recordScore(String learnerId, AssessmentScoreRequest r) {
    AssessmentScoreEntity s =
        facts.record(
            learnerId,
            r.getAssessment(),
            r.getSource(),
            BigDecimal.valueOf(r.getValue()),
            r.getMax() == null ? null : BigDecimal.valueOf(r.getMax()),
            r.getRecordedAt());
    return Response.status(201).entity(toApi(s)).build();
  }

  private static AssessmentScore toApi(AssessmentScoreEntity s) {
    return new AssessmentScore()
        .id(s.id())
        .assessment(s.assessment())
        .source(s.source())
        .value(s.value().doubleValue())
        .max(s.max().doubleValue())
        .recordedAt(s.recordedAt().withOffsetSameInstant(ZoneOffset.UTC));
  }

  @Override
  public Response listCatalogueCourses(String storeId) {
    return Response.ok(facts.courses(storeId).stream().map(LedgerResource::toApi).toList()).build();
  }

  @Override
  public Response createCatalogueCourse(CatalogueCourse c) {
    cn.weineng.ledger.domain.CatalogueCourse created =
        facts.createCourse(
            c.getStoreId(),
            c.getId(),
            c.getActivityId(),
            c.getTitle(),
            BigDecimal.valueOf(c.getNominalHours()),
            c.getKind(),
            c.getTopics(),
            c.getVerbs());
    return Response.status(201).entity(toApi(created)).build();
  }

  @Override
  public Response updateCatalogueCourse(String courseId, CatalogueCourse c) {
    if (!courseId.equals(c.getId())) {
      throw cn.weineng.common.domain.Problem.invalid(
          "the body names course " + c.getId() + ", the path " + courseId,
          List.of(new cn.weineng.common.domain.Problem.FieldError("id", "must equal the path's")));
    }
    return Response.ok(
            toApi(
                facts.updateCourse(
                    c.getStoreId(),
                    courseId,
                    c.getActivityId(),
                    c.getTitle(),
                    BigDecimal.valueOf(c.getNominalHours()),
                    c.getKind(),
                    c.getTopics(),
                    c.getVerbs())))
        .build();
  }

  @Override
  public Response deleteCatalogueCourse(String courseId, String storeId) {
    facts.deleteCourse(storeId, courseId);
    return Response.noContent().build();
  }

  private static CatalogueCourse toApi(cn.weineng.ledger.domain.CatalogueCourse c) {
    return new CatalogueCourse()
        .storeId(c.storeId())
        .id(c.id())
        .activityId(c.activityId())
        .title(c.title())
        .nominalHours(c.nominalSeconds() / 3600.0)
        .kind(c.kind())
        .topics(c.topics())
        .verbs(c.verbs());
  }

  @Override
  public Response diffLedger(String storeId, LedgerDiffRequest r) {
    Instant at = r.getAsOf() == null ? Instant.now() : r.getAsOf().toInstant();
    cn.weineng.ledger.application.LedgerDiff.Result d =
        diff.diff(
            storeId,
            r.getPolicyId(),
            r.getCandidatePolicyId(),
            r.getSettings() == null ? Map.of() : r.getSettings(),
            at);
    return Response.ok(
            new LedgerDiff()
                .storeId(d.storeId())
                .policyId(d.livePolicy())
                .candidatePolicyId(d.candidatePolicy())
                .settings(d.settings())
                .statements(d.statements())
                .learners(d.learners())
                .changes(
                    d.changes().stream()
                        .map(
                            c ->
                                new LedgerDiffChange()
                                    .learnerId(c.personId())
                                    .name(c.name())
                                    .live(summary(c.live()))
                                    .candidate(summary(c.candidate()))
                                    .flipped(c.flipped()))
                        .toList()))
        .build();
  }

  private static StandingSummary summary(Standing s) {
    return new StandingSummary()
        .qualified(s.qualified())
        .totalHours(hours(s.totalSeconds()))
        .credits(s.credits().map(BigDecimal::doubleValue).orElse(null))
        .unmet(
            s.requirements().stream()
                .filter(x -> !x.met())
                .map(x -> x.key() + x.scope().map(y -> "@" + y).orElse(""))
                .toList());
  }

  @Override
  public Response rebuildLedger(String storeId) {
    cn.weineng.ledger.application.LedgerRebuild.Result r = rebuild.rebuild(storeId);
    return Response.ok(
            new LedgerRebuild()
                .storeId(r.storeId())
                .statements(r.statements())
                .activities(r.activities())
                .scores(r.scores())
                .millis(r.millis()))
        .build();
  }
}
