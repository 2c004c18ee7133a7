package cn.weineng.policy.api.rules;

import static cn.weineng.policy.api.rules.Figures.hours;
import static cn.weineng.policy.api.rules.Figures.plain;
import static cn.weineng.policy.api.rules.Figures.plainHours;

import cn.weineng.policy.api.CourseChoice;
import cn.weineng.policy.api.Credit;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.OrganisationFacts;
import cn.weineng.policy.api.OrganisationStanding;
import cn.weineng.policy.api.PeriodStanding;
import cn.weineng.policy.api.PointFacts;
import cn.weineng.policy.api.PointResult;
import cn.weineng.policy.api.PromotionStage;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.Requirement;
import cn.weineng.policy.api.Score;
import cn.weineng.policy.api.Standing;
import cn.weineng.policy.api.Text;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A region policy whose rules are data: a {@link Descriptor} read by this engine. The keys are
 * listed in {@code plugins/policy-api/README.md}; every rule the descriptor turns on becomes one or
 * more {@link Requirement}s with a stable key. Plugins whose text needs more than data say so by
 * subclassing {@link RulebookPolicyFactory} and adding requirements in {@link #extraRequirements}.
 */
public class RulebookPolicy implements RegionPolicy {

  static final String VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
  static final String VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed";

  private static final Messages M =
      Messages.of("cn.weineng.policy.api.rules.messages", RulebookPolicy.class.getClassLoader());

  private final RulebookPolicyFactory factory;
  private final Descriptor d;
  private final List<String> buckets;
  private final Map<String, String> bucketOfKind = new HashMap<>();
  private final Map<String, BigDecimal> bucketMin = new LinkedHashMap<>();
  private final List<CounterRule> counters = new ArrayList<>();
  private final Set<String> creditVerbs;
  private final boolean requireSuccess;
  private final Set<String> requireSuccessKinds;
  private final String timeMode;
  private final long capSeconds;
  private final BigDecimal totalMin;
  private final Map<String, BigDecimal> shareMin = new LinkedHashMap<>();
  private final String cycleMode;
  private final int cycleYears;
  private final LocalDate cycleStart;
  private final LocalDate cycleEnd;
  private final int firstSchoolYear;
  private final Calendar calendar;
  private final String creditsMode;
  private final BigDecimal creditsPerHour;
  private final BigDecimal hoursPerCredit;
  private final RoundingMode creditsRounding;
  private final int creditsScale;
  private final String creditsPeriod;
  private final boolean creditsOnlyIfPassed;
  private final BigDecimal creditsMin;
  private final BigDecimal yearHoursMin;
  private final BigDecimal yearHoursCap;
  private final String yearScore;
  private final boolean yearScoreRequired;
  private final BigDecimal yearScoreMin;
  private final Map<String, ScoreRule> scores = new LinkedHashMap<>();
  private final List<String> topics;
  private final BigDecimal choiceHours;
  private final String choiceAfter;
  private final Set<String> choiceBuckets;
  private final Integer classMax;
  private final Integer workshopMax;
  private final List<Map.Entry<Set<String>, String>> subjectGroups = new ArrayList<>();
  private final String otherGroup;
  private final boolean onePerGroup;
  private final boolean certificateOnPass;
  private final boolean dedupePerSchoolYear;
  private final BigDecimal creditsMax;
  private final Integer pointsMin;
  private final Integer pointsMax;
  private final Integer dimensionsMin;
  private final List<String> environmentsRequired;
  private final PointResult pointResultMin;
  private final boolean pointsRequiredForPass;
  private final Set<String> reviewerRoles;
  private final Set<String> evidenceModes;
  private final List<PromotionStage> promotionStages = new ArrayList<>();

  record CounterRule(
      String key,
      Set<String> kinds,
      Set<String> verbs,
      BigDecimal min,
      Integer youngMaxAge,
      BigDecimal youngMin,
      boolean ageUnknownStrict,
      LocalDate since) {}

  record ScoreRule(String assessment, BigDecimal min, String source, boolean required) {}

  protected RulebookPolicy(RulebookPolicyFactory factory, Descriptor d) {
    this.factory = factory;
    this.d = d;
    this.buckets = factory.buckets();
    for (String b : buckets) {
      for (String kind : d.list("bucket." + b + ".kinds")) {
        String before = bucketOfKind.put(kind, b);
        if (before != null) {
          throw new IllegalArgumentException(
              "policy setting 'bucket." + b + ".kinds': kind " + kind + " is already in " + before);
        }
      }
      d.decimal("bucket." + b + ".min").ifPresent(m -> bucketMin.put(b, m));
      d.decimal("hours.share." + b + ".min")
          .ifPresent(
              s -> {
                if (s.compareTo(BigDecimal.ONE) > 0) {
                  throw new IllegalArgumentException(
                      "policy setting 'hours.share." + b + ".min' must be between 0 and 1");
                }
                shareMin.put(b, s);
              });
    }
    this.creditVerbs =
        Set.copyOf(
            d.list("credit.verbs").isEmpty()
                ? List.of(VERB_COMPLETED, VERB_PASSED)
                : d.list("credit.verbs"));
    for (String c : factory.counters()) {
      String p = "counter." + c + ".";
      d.choice(p + "per", "semester", "semester");
      counters.add(
          new CounterRule(
              c,
              Set.copyOf(d.list(p + "kinds")),
              d.list(p + "verbs").isEmpty() ? creditVerbs : Set.copyOf(d.list(p + "verbs")),
              d.decimal(p + "min", BigDecimal.ZERO),
              d.integer(p + "youngMaxAge").orElse(null),
              d.decimal(p + "youngMin").orElse(null),
              d.choice(p + "ageUnknown", "strict", "strict", "lenient").equals("strict"),
              d.date(p + "since").orElse(null)));
    }
    this.requireSuccess = d.bool("credit.requireSuccess", false);
    this.requireSuccessKinds = Set.copyOf(d.list("credit.requireSuccess.kinds"));
    this.timeMode =
        d.choice(
            "credit.time", "nominal-else-duration", "nominal-else-duration", "duration", "nominal");
    this.capSeconds = Figures.seconds(d.decimal("cap.perActivityHours", BigDecimal.ZERO));
    this.totalMin = d.decimal("hours.total.min").orElse(null);
    this.cycleMode = d.choice("cycle", "all", "all", "rolling", "fixed", "schoolYears");
    this.cycleYears = d.integer("cycle.years").orElse(5);
    if (cycleYears < 1) {
      throw new IllegalArgumentException("policy setting 'cycle.years' must be at least 1");
    }
    this.cycleStart = d.date("cycle.start").orElse(null);
    this.cycleEnd = d.date("cycle.end").orElse(null);
    if (cycleMode.equals("fixed") && (cycleStart == null || cycleEnd == null)) {
      throw new IllegalArgumentException(
          "policy settings 'cycle.start' and 'cycle.end' are required with cycle=fixed");
    }
    this.firstSchoolYear = d.integer("cycle.firstSchoolYear").orElse(2018);
    this.calendar =
        new Calendar(
            d.monthDay("schoolYear.start", MonthDay.of(9, 1)),
            d.monthDay("semester.springStart", MonthDay.of(2, 1)));
    this.creditsMode = d.choice("credits.mode", "none", "none", "perHour", "hoursPerCredit");
    this.creditsPerHour = d.decimal("credits.perHour", BigDecimal.ONE);
    this.hoursPerCredit = d.decimal("credits.hoursPerCredit", BigDecimal.ONE);
    if (hoursPerCredit.signum() == 0) {
      throw new IllegalArgumentException("policy setting 'credits.hoursPerCredit' must be > 0");
    }
    this.creditsRounding =
        switch (d.choice("credits.rounding", "floor", "floor", "half_up", "none")) {
          case "half_up" -> RoundingMode.HALF_UP;
          case "none" -> RoundingMode.UNNECESSARY;
          default -> RoundingMode.FLOOR;
        };
    this.creditsScale = d.integer("credits.scale").orElse(0);
    this.creditsPeriod = d.choice("credits.period", "cycle", "cycle", "schoolYear");
    this.creditsOnlyIfPassed = d.bool("credits.onlyIfPassed", false);
    this.creditsMin = d.decimal("credits.min").orElse(null);
    this.yearHoursMin = d.decimal("period.schoolYear.hours.min").orElse(null);
    this.yearHoursCap = d.decimal("period.schoolYear.hours.cap").orElse(null);
    this.yearScore = d.get("period.schoolYear.score").orElse(null);
    this.yearScoreRequired = d.bool("period.schoolYear.score.required", false);
    this.yearScoreMin = d.decimal("period.schoolYear.score.min", BigDecimal.valueOf(60));
    for (String a : d.list("scores")) {
      String p = "score." + a + ".";
      scores.put(
          a,
          new ScoreRule(
              a,
              d.decimal(p + "min", BigDecimal.valueOf(60)),
              d.get(p + "source").orElse(null),
              d.bool(p + "required", true)));
    }
    this.topics = d.list("topics.mandatory");
    this.choiceHours = d.decimal("courseChoice.hours").orElse(null);
    this.choiceAfter = d.get("courseChoice.afterAssessment").orElse(null);
    this.choiceBuckets = Set.copyOf(d.list("courseChoice.onlyChosenCountIn"));
    this.classMax = d.integer("organisation.class.maxSize").orElse(null);
    this.workshopMax = d.integer("organisation.workshop.maxPerSchool").orElse(null);
    String other = null;
    for (String entry : d.get("organisation.workshop.subjectGroups", "").split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "policy setting 'organisation.workshop.subjectGroups': '"
                + entry
                + "' is not subjects:group");
      }
      String group = entry.substring(colon + 1).trim();
      Set<String> subjects = new LinkedHashSet<>();
      for (String s : entry.substring(0, colon).split("\\|")) {
        subjects.add(s.trim());
      }
      if (subjects.contains("*")) {
        other = group;
      } else {
        subjectGroups.add(Map.entry(subjects, group));
      }
    }
    this.otherGroup = other;
    this.onePerGroup = d.bool("organisation.workshop.onePerGroup", false);
    this.certificateOnPass = d.bool("certificate.onPass", false);
    this.dedupePerSchoolYear =
        d.choice("dedupe", "cycle", "cycle", "schoolYear").equals("schoolYear");
    this.creditsMax = d.decimal("credits.max").orElse(null);
    this.pointsMin = d.integer("points.selection.minPoints").orElse(null);
    this.pointsMax = d.integer("points.selection.maxPoints").orElse(null);
    this.dimensionsMin = d.integer("points.selection.minDimensions").orElse(null);
    this.environmentsRequired = d.list("points.selection.requiredEnvironments");
    for (String e : environmentsRequired) {
      if (!ENVIRONMENTS.contains(e)) {
        throw new IllegalArgumentException(
            "policy setting 'points.selection.requiredEnvironments': '"
                + e
                + "' is not one of "
                + ENVIRONMENTS);
      }
    }
    this.pointResultMin =
        PointResult.of(d.choice("points.result.min", "pass", "pass", "excellent"));
    this.pointsRequiredForPass = d.bool("points.requiredForPass", false);
    List<String> roles = d.list("points.review.roles");
    this.reviewerRoles =
        roles.isEmpty() ? Set.of("school_admin", "school_assessor") : Set.copyOf(roles);
    List<String> modes = d.list("points.evidence.modes");
    for (String m : modes) {
      if (!m.equals("upload") && !m.equals("data-rule")) {
        throw new IllegalArgumentException(
            "policy setting 'points.evidence.modes': '" + m + "' is not upload or data-rule");
      }
    }
    this.evidenceModes = modes.isEmpty() ? Set.of("upload") : Set.copyOf(modes);
    List<String> stages = d.list("promotion.stages");
    for (int i = 0; i < stages.size(); i++) {
      String k = stages.get(i);
      String p = "promotion.stage." + k + ".";
      List<String> stageRoles = d.list(p + "roles");
      if (i > 0 && stageRoles.isEmpty()) {
        throw new IllegalArgumentException(
            "policy setting '" + p + "roles' is missing: who promotes a work to " + k + "?");
      }
      promotionStages.add(
          PromotionStage.of(
              k,
              Text.of(d.get(p + "name.zh-CN", k), d.get(p + "name.en", k)),
              i == 0 ? Set.of() : Set.copyOf(stageRoles)));
    }
  }

  static final List<String> ENVIRONMENTS = List.of("multimedia", "blended", "smart");
  static final List<String> DIMENSIONS =
      List.of("learner-analysis", "instructional-design", "learning-guidance", "assessment");

  @Override
  public Map<String, String> settings() {
    Map<String, String> out = new TreeMap<>(d.values());
    out.keySet().removeIf(k -> k.startsWith("name.") || k.contains(".name.") || k.equals("source"));
    return out;
  }

  // ---- crediting ------------------------------------------------------------------------------

  @Override
  public List<Credit> credit(LearningActivity a) {
    Optional<String> kind = a.kind();
    if (kind.isEmpty() || Boolean.FALSE.equals(a.completion().orElse(null))) {
      return List.of();
    }
    if ((requireSuccess || requireSuccessKinds.contains(kind.get()))
        && Boolean.FALSE.equals(a.success().orElse(null))) {
      return List.of();
    }
    List<Credit> out = new ArrayList<>();
    String bucket = bucketOfKind.get(kind.get());
    if (bucket != null && (creditVerbs.contains(a.verbId()) || a.completesPerCatalogue())) {
      long seconds = seconds(a);
      if (seconds > 0) {
        if (capSeconds > 0) {
          seconds = Math.min(seconds, capSeconds);
        }
        out.add(Credit.hours(bucket, seconds, kind.get() + "-completed").withTopics(a.topics()));
      }
    }
    for (CounterRule c : counters) {
      if (c.kinds().contains(kind.get())
          && (c.verbs().contains(a.verbId()) || a.completesPerCatalogue())) {
        out.add(Credit.count(c.key(), 1, kind.get() + "-counted"));
      }
    }
    return out;
  }

  private long seconds(LearningActivity a) {
    Optional<java.time.Duration> nominal = a.nominalDuration();
    Optional<java.time.Duration> spent = a.duration();
    Optional<java.time.Duration> chosen =
        switch (timeMode) {
          case "duration" -> spent;
          case "nominal" -> nominal;
          default -> nominal.isPresent() ? nominal : spent;
        };
    return chosen.map(java.time.Duration::getSeconds).orElse(0L);
  }

  // ---- evaluation -----------------------------------------------------------------------------

  /** The window lines are judged in. */
  record Window(Instant from, Instant to, LocalDate start, LocalDate end, Text name) {
    boolean contains(Instant t) {
      return (from == null || !t.isBefore(from)) && !t.isAfter(to);
    }
  }

  Window window(EvaluationContext ctx) {
    ZoneId zone = ctx.zone();
    Instant asOf = ctx.asOf();
    LocalDate today = LocalDate.ofInstant(asOf, zone);
    switch (cycleMode) {
      case "rolling" -> {
        Instant from = asOf.atZone(zone).minusYears(cycleYears).toInstant();
        return new Window(
            from.plusNanos(1),
            asOf,
            LocalDate.ofInstant(from, zone),
            today,
            M.text("cycle.rolling", cycleYears));
      }
      case "fixed" -> {
        Instant from = cycleStart.atStartOfDay(zone).toInstant();
        Instant end = cycleEnd.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        return new Window(
            from,
            end.isBefore(asOf) ? end : asOf,
            cycleStart,
            cycleEnd,
            M.text("cycle.window", cycleStart, cycleEnd));
      }
      case "schoolYears" -> {
        int year = calendar.schoolYearOf(today);
        int k = Math.floorDiv(year - firstSchoolYear, cycleYears);
        int startYear = firstSchoolYear + k * cycleYears;
        LocalDate start = calendar.schoolYear(startYear).start();
        LocalDate end = calendar.schoolYear(startYear + cycleYears - 1).end();
        return new Window(
            start.atStartOfDay(zone).toInstant(),
            asOf,
            start,
            end,
            M.text("cycle.window", start, end));
      }
      default -> {
        return new Window(null, asOf, null, null, M.text("cycle.all"));
      }
    }
  }

  @Override
  public Standing evaluate(LearnerFacts facts, EvaluationContext ctx) {
    ZoneId zone = ctx.zone();
    Window w = window(ctx);
    Standing.Builder out =
        Standing.builder(factory.id(), factory.rulesetVersion())
            .cycle(w.start(), w.end())
            .certificateOnPass(certificateOnPass);

    List<CourseChoice> choices =
        facts.courseChoices().stream().filter(c -> !c.chosenAt().isAfter(ctx.asOf())).toList();
    Set<String> chosen = new HashSet<>();
    choices.forEach(c -> chosen.add(c.courseId()));
    LocalDate firstActivity = null;

    // hours: one activity counts once per bucket, at its longest credited time
    Map<String, LedgerLine> best = new LinkedHashMap<>();
    Map<String, Map<String, LedgerLine>> countedByCounter = new LinkedHashMap<>();
    for (LedgerLine line : sorted(facts.lines())) {
      if (!w.contains(line.occurredAt())) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(line.occurredAt(), zone);
      if (firstActivity == null || day.isBefore(firstActivity)) {
        firstActivity = day;
      }
      if (line.unit() == Credit.Unit.COUNT) {
        // one lesson counts once in its semester
        countedByCounter
            .computeIfAbsent(line.key(), k -> new LinkedHashMap<>())
            .putIfAbsent(calendar.semesterContaining(day).key() + '\n' + sameActivity(line), line);
        continue;
      }
      if (choiceBuckets.contains(line.key())
          && !line.catalogueCourseId().map(chosen::contains).orElse(false)) {
        continue; // only chosen catalogue courses count in this bucket
      }
      String key =
          (dedupePerSchoolYear ? calendar.schoolYearOf(day) + "\n" : "")
              + line.key()
              + '\n'
              + sameActivity(line);
      LedgerLine before = best.get(key);
      if (before == null || line.amount() > before.amount()) {
        best.put(key, line);
      }
    }
    Map<String, Long> byBucket = new LinkedHashMap<>();
    buckets.forEach(b -> byBucket.put(b, 0L));
    for (LedgerLine l : best.values()) {
      byBucket.merge(l.key(), l.amount(), Long::sum);
    }
    long total = byBucket.values().stream().mapToLong(Long::longValue).sum();
    byBucket.forEach(out::bucket);
    out.totalSeconds(total);
    for (CounterRule c : counters) {
      out.counter(c.key(), countedByCounter.getOrDefault(c.key(), Map.of()).size());
    }

    List<Requirement> reqs = new ArrayList<>();
    if (totalMin != null) {
      long need = Figures.seconds(totalMin);
      boolean met = total >= need;
      String key = met ? "hours.total.met" : "hours.total.unmet";
      String have = plainHours(total);
      String toGo = plainHours(Math.max(0, need - total));
      reqs.add(
          Requirement.builder("hours.total.min", met)
              .figure("actual", hours(total))
              .figure("required", totalMin)
              .figure("unit", "h")
              .reason(bilingualAt(1, key, w.name()::in, have, plain(totalMin), toGo))
              .build());
    }
    for (Map.Entry<String, BigDecimal> e : bucketMin.entrySet()) {
      long have = byBucket.get(e.getKey());
      long need = Figures.seconds(e.getValue());
      boolean met = have >= need;
      reqs.add(
          Requirement.builder("hours.bucket." + e.getKey() + ".min", met)
              .figure("bucket", e.getKey())
              .figure("actual", hours(have))
              .figure("required", e.getValue())
              .figure("unit", "h")
              .reason(
                  bilingual(
                      met ? "hours.bucket.met" : "hours.bucket.unmet",
                      loc -> factory.bucketName(e.getKey(), loc),
                      plainHours(have),
                      plain(e.getValue()),
                      plainHours(Math.max(0, need - have))))
              .build());
    }
    for (Map.Entry<String, BigDecimal> e : shareMin.entrySet()) {
      long part = byBucket.get(e.getKey());
      boolean met =
          total > 0
              && BigDecimal.valueOf(part)
                      .compareTo(BigDecimal.valueOf(total).multiply(e.getValue()))
                  >= 0;
      String pct = plain(e.getValue().multiply(BigDecimal.valueOf(100)));
      reqs.add(
          Requirement.builder("hours.share." + e.getKey() + ".min", met)
              .figure("bucket", e.getKey())
              .figure("actual", hours(part))
              .figure("total", hours(total))
              .figure("requiredShare", e.getValue())
              .reason(
                  total == 0
                      ? bilingual(
                          "hours.share.none", loc -> factory.bucketName(e.getKey(), loc), pct)
                      : bilingual(
                          met ? "hours.share.met" : "hours.share.unmet",
                          loc -> factory.bucketName(e.getKey(), loc),
                          plainHours(part),
                          Figures.percent(part, total),
                          pct))
              .build());
    }

    // school years: per-year hours, scores and credits
    BigDecimal credits = null;
    boolean yearly =
        yearHoursMin != null || yearScore != null || creditsPeriod.equals("schoolYear");
    List<Requirement> yearReqs = new ArrayList<>();
    if (yearly) {
      BigDecimal sum = BigDecimal.ZERO;
      for (Calendar.Period y : schoolYears(w, best.values(), ctx)) {
        long secs = 0;
        Map<String, Long> yb = new LinkedHashMap<>();
        buckets.forEach(b -> yb.put(b, 0L));
        for (LedgerLine l : best.values()) {
          if (y.contains(LocalDate.ofInstant(l.occurredAt(), zone))) {
            secs += l.amount();
            yb.merge(l.key(), l.amount(), Long::sum);
          }
        }
        long counted = yearHoursCap == null ? secs : Math.min(secs, Figures.seconds(yearHoursCap));
        boolean inProgress = !LocalDate.ofInstant(ctx.asOf(), zone).isAfter(y.end());
        boolean yearMet = true;
        if (yearHoursMin != null) {
          boolean met = counted >= Figures.seconds(yearHoursMin);
          yearMet = met;
          yearReqs.add(
              Requirement.builder("period.schoolYear.hours.min", met)
                  .scope(y.key())
                  .figure("actual", hours(counted))
                  .figure("required", yearHoursMin)
                  .figure("unit", "h")
                  .reason(
                      met
                          ? M.text(
                              "period.hours.met", y.key(), plainHours(counted), plain(yearHoursMin))
                          : yearHoursUnmet(
                              inProgress,
                              creditsOnlyIfPassed && creditsPeriod.equals("schoolYear"),
                              y.key(),
                              plainHours(counted),
                              plain(yearHoursMin)))
                  .build());
        }
        if (yearScore != null) {
          Optional<Score> s = latest(facts.scores(), yearScore, null, y, zone, ctx.asOf());
          java.util.function.Function<java.util.Locale, String> label =
              loc -> factory.assessmentName(yearScore, loc);
          if (s.isPresent()) {
            boolean met = BigDecimal.valueOf(s.get().percent()).compareTo(yearScoreMin) >= 0;
            yearMet &= met;
            yearReqs.add(
                Requirement.builder("period.schoolYear.score.min", met)
                    .scope(y.key())
                    .figure("assessment", yearScore)
                    .figure(
                        "actual",
                        BigDecimal.valueOf(s.get().percent()).setScale(1, RoundingMode.DOWN))
                    .figure("required", yearScoreMin)
                    .reason(
                        bilingualAt(
                            1,
                            met
                                ? "period.score.met"
                                : inProgress
                                    ? "period.score.unmetInProgress"
                                    : "period.score.unmet",
                            label,
                            y.key(),
                            plain(
                                BigDecimal.valueOf(s.get().percent())
                                    .setScale(1, RoundingMode.DOWN)),
                            plain(yearScoreMin)))
                    .build());
          } else if (yearScoreRequired) {
            yearMet = false;
            yearReqs.add(
                Requirement.builder("period.schoolYear.score.min", false)
                    .scope(y.key())
                    .figure("assessment", yearScore)
                    .figure("required", yearScoreMin)
                    .reason(bilingualAt(1, "period.score.missingRequired", label, y.key()))
                    .build());
          }
        }
        BigDecimal yc = null;
        if (creditsPeriod.equals("schoolYear") && !creditsMode.equals("none")) {
          yc = creditsOnlyIfPassed && !yearMet ? zero() : credits(counted);
          sum = sum.add(yc);
        }
        PeriodStanding.Builder pb =
            PeriodStanding.builder(y.key(), y.kind(), y.start(), y.end())
                .totalSeconds(secs)
                .credits(yc)
                .met(yearHoursMin == null && yearScore == null ? null : yearMet);
        yb.forEach(pb::bucket);
        out.period(pb.build());
      }
      if (creditsPeriod.equals("schoolYear") && !creditsMode.equals("none")) {
        credits = sum;
      }
    }
    reqs.addAll(yearReqs);

    // counters per semester
    for (CounterRule c : counters) {
      Map<String, LedgerLine> counted = countedByCounter.getOrDefault(c.key(), Map.of());
      LocalDate today = LocalDate.ofInstant(ctx.asOf(), zone);
      // semesters are judged from the configured start, else from the teacher's first activity
      LocalDate first =
          c.since() != null ? c.since() : firstActivity == null ? today : firstActivity;
      if (first.isAfter(today)) {
        first = today;
      }
      if (w.start() != null && first.isBefore(w.start())) {
        first = w.start();
      }
      for (Calendar.Period s = calendar.semesterContaining(first);
          !s.start().isAfter(today);
          s = calendar.nextSemester(s)) {
        Calendar.Period sem = s;
        long n =
            counted.values().stream()
                .filter(l -> sem.contains(LocalDate.ofInstant(l.occurredAt(), zone)))
                .count();
        BigDecimal required = c.min();
        String who = "";
        String whoKey = null;
        if (c.youngMaxAge() != null && c.youngMin() != null) {
          if (facts.birthYear().isPresent()) {
            int age = sem.start().getYear() - facts.birthYear().getAsInt();
            if (age <= c.youngMaxAge()) {
              required = c.youngMin();
              whoKey = "counter.young";
            } else {
              whoKey = "counter.older";
            }
          } else if (c.ageUnknownStrict()) {
            required = c.youngMin().max(c.min());
            whoKey = "counter.ageUnknown";
          }
        }
        boolean met = BigDecimal.valueOf(n).compareTo(required) >= 0;
        boolean inProgress = !today.isAfter(sem.end());
        Text whoText = whoKey == null ? Text.of("", "") : M.text(whoKey, c.youngMaxAge());
        String key = c.key();
        BigDecimal req = required;
        Text reason =
            Text.of(
                format(
                    met,
                    inProgress,
                    sem,
                    key,
                    n,
                    req,
                    whoText,
                    java.util.Locale.SIMPLIFIED_CHINESE),
                format(met, inProgress, sem, key, n, req, whoText, java.util.Locale.ENGLISH));
        reqs.add(
            Requirement.builder("counter." + key + ".min", met)
                .scope(sem.key())
                .figure("counter", key)
                .figure("actual", n)
                .figure("required", required)
                .reason(reason)
                .build());
        out.period(
            PeriodStanding.builder(sem.key(), sem.kind(), sem.start(), sem.end())
                .counter(key, n)
                .met(met)
                .build());
      }
    }

    // mandatory topics
    if (!topics.isEmpty()) {
      Set<String> covered = new HashSet<>();
      best.values().forEach(l -> covered.addAll(l.topics()));
      List<String> missing = topics.stream().filter(t -> !covered.contains(t)).toList();
      reqs.add(
          Requirement.builder("topics.mandatory", missing.isEmpty())
              .figure("required", topics)
              .figure("missing", missing)
              .reason(
                  missing.isEmpty()
                      ? M.text("topics.met", topics.size())
                      : M.text("topics.unmet", String.join("、", missing)))
              .build());
    }

    // course choice
    if (choiceHours != null) {
      // a chosen course counts towards the chosen hours when its kind feeds a bucket in which only
      // chosen courses count (Fuyu: online courses), or any bucket when no such bucket is named
      long nominal =
          choices.stream()
              .filter(
                  c ->
                      choiceBuckets.isEmpty()
                          || c.kind()
                              .map(k -> choiceBuckets.contains(bucketOfKind.get(k)))
                              .orElse(true))
              .mapToLong(c -> c.nominalDuration().getSeconds())
              .sum();
      boolean met = nominal >= Figures.seconds(choiceHours);
      reqs.add(
          Requirement.builder("courseChoice.hours.min", met)
              .figure("actual", hours(nominal))
              .figure("required", choiceHours)
              .figure("unit", "h")
              .figure("courses", (long) choices.size())
              .reason(
                  M.text(
                      met ? "choice.hours.met" : "choice.hours.unmet",
                      plainHours(nominal),
                      plain(choiceHours)))
              .build());
    }
    if (choiceAfter != null) {
      Optional<Instant> taken =
          facts.scores().stream()
              .filter(
                  s -> s.assessment().equals(choiceAfter) && !s.recordedAt().isAfter(ctx.asOf()))
              .map(Score::recordedAt)
              .min(Comparator.naturalOrder());
      String name = factory.assessmentName(choiceAfter, java.util.Locale.SIMPLIFIED_CHINESE);
      String nameEn = factory.assessmentName(choiceAfter, java.util.Locale.ENGLISH);
      if (taken.isEmpty()) {
        reqs.add(
            Requirement.builder("courseChoice.afterAssessment", false)
                .figure("assessment", choiceAfter)
                .figure("taken", false)
                .reason(
                    Text.of(
                        M.text("choice.after.missing", name)
                            .in(java.util.Locale.SIMPLIFIED_CHINESE),
                        M.text("choice.after.missing", nameEn).in(java.util.Locale.ENGLISH)))
                .build());
      } else {
        long before =
            choices.stream()
                .map(CourseChoice::chosenAt)
                .filter(t -> t.isBefore(taken.get()))
                .count();
        boolean met = before == 0;
        reqs.add(
            Requirement.builder("courseChoice.afterAssessment", met)
                .figure("assessment", choiceAfter)
                .figure("taken", true)
                .figure("chosenBefore", before)
                .reason(
                    Text.of(
                        M.text(met ? "choice.after.met" : "choice.after.unmet", name, before)
                            .in(java.util.Locale.SIMPLIFIED_CHINESE),
                        M.text(met ? "choice.after.met" : "choice.after.unmet", nameEn, before)
                            .in(java.util.Locale.ENGLISH)))
                .build());
      }
    }

    // scores
    for (ScoreRule r : scores.values()) {
      Optional<Score> s =
          latest(facts.scores(), r.assessment(), r.source(), null, zone, ctx.asOf());
      String zhName = factory.assessmentName(r.assessment(), java.util.Locale.SIMPLIFIED_CHINESE);
      String enName = factory.assessmentName(r.assessment(), java.util.Locale.ENGLISH);
      String zhSource = factory.sourceName(r.source(), java.util.Locale.SIMPLIFIED_CHINESE);
      String enSource = factory.sourceName(r.source(), java.util.Locale.ENGLISH);
      if (s.isEmpty()) {
        if (r.required()) {
          reqs.add(
              Requirement.builder("score." + r.assessment() + ".min", false)
                  .figure("assessment", r.assessment())
                  .figure("source", r.source() == null ? "any" : r.source())
                  .figure("required", r.min())
                  .reason(
                      Text.of(
                          M.text("score.missing", zhName, zhSource, plain(r.min()))
                              .in(java.util.Locale.SIMPLIFIED_CHINESE),
                          M.text("score.missing", enName, enSource, plain(r.min()))
                              .in(java.util.Locale.ENGLISH)))
                  .build());
        }
        continue;
      }
      BigDecimal pct = BigDecimal.valueOf(s.get().percent()).setScale(1, RoundingMode.DOWN);
      boolean met = pct.compareTo(r.min()) >= 0;
      String key = met ? "score.met" : "score.unmet";
      String zhBy = factory.sourceName(s.get().source(), java.util.Locale.SIMPLIFIED_CHINESE);
      String enBy = factory.sourceName(s.get().source(), java.util.Locale.ENGLISH);
      reqs.add(
          Requirement.builder("score." + r.assessment() + ".min", met)
              .figure("assessment", r.assessment())
              .figure("source", s.get().source())
              .figure("actual", pct)
              .figure("required", r.min())
              .reason(
                  Text.of(
                      M.text(key, zhName, zhBy, plain(pct), plain(r.min()))
                          .in(java.util.Locale.SIMPLIFIED_CHINESE),
                      M.text(key, enName, enBy, plain(pct), plain(r.min()))
                          .in(java.util.Locale.ENGLISH)))
              .build());
    }

    if (pointsRequiredForPass) {
      if (facts.pointRange().isEmpty()) {
        reqs.add(
            Requirement.builder("points.selection.range", false)
                .figure("circled", false)
                .reason(M.text("points.range.none"))
                .build());
      } else {
        reqs.addAll(pointRequirements(facts.points()));
      }
    }

    reqs.addAll(extraRequirements(facts, ctx, byBucket));

    if (!creditsMode.equals("none") && creditsPeriod.equals("cycle")) {
      boolean othersMet = reqs.stream().allMatch(Requirement::met);
      credits = creditsOnlyIfPassed && !othersMet ? zero() : credits(total);
    }
    if (creditsMin != null && credits != null) {
      boolean met = credits.compareTo(creditsMin) >= 0;
      BigDecimal c = credits;
      reqs.add(
          Requirement.builder("credits.min", met)
              .figure("actual", credits)
              .figure("required", creditsMin)
              .reason(
                  Text.of(
                      M.text(
                              met ? "credits.met" : "credits.unmet",
                              plain(c),
                              w.name().in(java.util.Locale.SIMPLIFIED_CHINESE),
                              plain(creditsMin))
                          .in(java.util.Locale.SIMPLIFIED_CHINESE),
                      M.text(
                              met ? "credits.met" : "credits.unmet",
                              plain(c),
                              w.name().in(java.util.Locale.ENGLISH),
                              plain(creditsMin))
                          .in(java.util.Locale.ENGLISH)))
              .build());
    }
    out.credits(credits);
    reqs.forEach(r -> out.requirement(capitalised(r)));
    return out.build();
  }

  // ---- micro-ability points -------------------------------------------------------------------

  @Override
  public List<Requirement> checkSelection(List<PointFacts> selection) {
    return selectionRules(selection).stream().map(RulebookPolicy::capitalised).toList();
  }

  private List<Requirement> selectionRules(List<PointFacts> selection) {
    List<Requirement> reqs = new ArrayList<>();
    List<String> outside =
        selection.stream().filter(p -> !p.inRange()).map(PointFacts::code).toList();
    reqs.add(
        Requirement.builder("points.selection.range", outside.isEmpty())
            .figure("outside", outside)
            .reason(
                outside.isEmpty()
                    ? M.text("points.range.met")
                    : M.text("points.range.unmet", String.join(", ", outside)))
            .build());
    long n = selection.stream().map(PointFacts::code).distinct().count();
    if (pointsMin != null) {
      boolean met = n >= pointsMin;
      reqs.add(
          Requirement.builder("points.selection.minPoints", met)
              .figure("actual", n)
              .figure("required", pointsMin)
              .reason(M.text(met ? "points.count.met" : "points.count.unmet", n, pointsMin))
              .build());
    }
    if (pointsMax != null) {
      boolean met = n <= pointsMax;
      reqs.add(
          Requirement.builder("points.selection.maxPoints", met)
              .figure("actual", n)
              .figure("allowed", pointsMax)
              .reason(M.text(met ? "points.max.met" : "points.max.unmet", n, pointsMax))
              .build());
    }
    if (dimensionsMin != null) {
      List<String> covered =
          DIMENSIONS.stream()
              .filter(dim -> selection.stream().anyMatch(p -> p.dimension().equals(dim)))
              .toList();
      boolean met = covered.size() >= dimensionsMin;
      String key =
          selection.isEmpty()
              ? "points.dimensions.none"
              : met ? "points.dimensions.met" : "points.dimensions.unmet";
      reqs.add(
          Requirement.builder("points.selection.minDimensions", met)
              .figure("actual", covered.size())
              .figure("required", dimensionsMin)
              .figure("dimensions", covered)
              .reason(named(key, covered, "dimension.", 2, covered.size(), dimensionsMin))
              .build());
    }
    if (!environmentsRequired.isEmpty()) {
      List<String> missing =
          environmentsRequired.stream()
              .filter(e -> selection.stream().noneMatch(p -> p.environment().equals(e)))
              .toList();
      boolean met = missing.isEmpty();
      reqs.add(
          Requirement.builder("points.selection.requiredEnvironments", met)
              .figure("required", environmentsRequired)
              .figure("missing", missing)
              .reason(
                  named(
                      met ? "points.environments.met" : "points.environments.unmet",
                      met ? environmentsRequired : missing,
                      "environment.",
                      0))
              .build());
    }
    return reqs;
  }

  /**
   * The selection's rules, then one requirement per selected point (scope: its code) that is met
   * when the point's result is at least {@code points.result.min}.
   */
  private List<Requirement> pointRequirements(List<PointFacts> points) {
    List<Requirement> reqs = new ArrayList<>(selectionRules(points));
    for (PointFacts p : points) {
      boolean met = p.result().atLeast(pointResultMin);
      String result = "result." + p.result().key();
      String min = "result." + pointResultMin.key();
      reqs.add(
          Requirement.builder("points.point.result", met)
              .scope(p.code())
              .figure("point", p.code())
              .figure("environment", p.environment())
              .figure("dimension", p.dimension())
              .figure("result", p.result().key())
              .figure("required", pointResultMin.key())
              .reason(
                  Text.of(
                      M.text(
                              met ? "point.met" : "point.unmet",
                              p.code(),
                              M.text(result).in(java.util.Locale.SIMPLIFIED_CHINESE),
                              M.text(min).in(java.util.Locale.SIMPLIFIED_CHINESE))
                          .in(java.util.Locale.SIMPLIFIED_CHINESE),
                      M.text(
                              met ? "point.met" : "point.unmet",
                              p.code(),
                              M.text(result).in(java.util.Locale.ENGLISH),
                              M.text(min).in(java.util.Locale.ENGLISH))
                          .in(java.util.Locale.ENGLISH)))
              .build());
    }
    return reqs;
  }

  /**
   * A sentence with the named keys (dimensions, environments) joined in each language as argument
   * {@code {listAt}}, the other arguments as given.
   */
  private static Text named(
      String key, List<String> keys, String prefix, int listAt, Object... others) {
    java.util.Locale[] locales = {java.util.Locale.SIMPLIFIED_CHINESE, java.util.Locale.ENGLISH};
    String[] out = new String[locales.length];
    for (int i = 0; i < locales.length; i++) {
      java.util.Locale loc = locales[i];
      List<Object> args = new ArrayList<>(List.of(others));
      args.add(
          listAt,
          String.join(
              i == 0 ? "、" : ", ", keys.stream().map(k -> M.text(prefix + k).in(loc)).toList()));
      out[i] = M.text(key, args.toArray()).in(loc);
    }
    return Text.of(out[0], out[1]);
  }

  @Override
  public Set<String> reviewerRoles() {
    return reviewerRoles;
  }

  @Override
  public Set<String> evidenceModes() {
    return evidenceModes;
  }

  @Override
  public List<PromotionStage> promotionStages() {
    return List.copyOf(promotionStages);
  }

  /**
   * Requirements the data cannot state, added after the data's own. None by default; a plugin
   * overrides this when its text needs code.
   */
  protected List<Requirement> extraRequirements(
      LearnerFacts facts, EvaluationContext ctx, Map<String, Long> secondsByBucket) {
    return List.of();
  }

  private String format(
      boolean met,
      boolean inProgress,
      Calendar.Period semester,
      String counter,
      long n,
      BigDecimal required,
      Text who,
      java.util.Locale loc) {
    String name = factory.counterName(counter, loc);
    String unit = factory.counterUnit(counter, loc);
    String label = semesterLabel(semester).in(loc);
    Text t =
        met
            ? M.text("counter.met", label, name, n, plain(required), who.in(loc), "", unit)
            : M.text(
                "counter.unmet",
                label,
                name,
                n,
                plain(required),
                who.in(loc),
                inProgress ? M.text("counter.semesterInProgress").in(loc) : "",
                unit);
    return t.in(loc);
  }

  /** 2023年秋季学期 / Fall 2023 semester, from a semester key such as {@code 2023-fall}. */
  static Text semesterLabel(Calendar.Period semester) {
    String key = semester.key();
    int dash = key.indexOf('-');
    return M.text(
        key.endsWith("fall") ? "semester.fall" : "semester.spring", key.substring(0, dash));
  }

  private static Text yearHoursUnmet(
      boolean inProgress, boolean noCredit, String year, String have, String need) {
    java.util.Locale zh = java.util.Locale.SIMPLIFIED_CHINESE;
    java.util.Locale en = java.util.Locale.ENGLISH;
    return Text.of(
        M.text(
                "period.hours.unmet",
                year,
                have,
                need,
                inProgress ? M.text("period.inProgress").in(zh) : "",
                noCredit && !inProgress ? M.text("period.noCredit").in(zh) : "")
            .in(zh),
        M.text(
                "period.hours.unmet",
                year,
                have,
                need,
                inProgress ? M.text("period.inProgress").in(en) : "",
                noCredit && !inProgress ? M.text("period.noCredit").in(en) : "")
            .in(en));
  }

  /** A text whose argument at {@code index} is language-specific. */
  private static Text bilingualAt(
      int index,
      String key,
      java.util.function.Function<java.util.Locale, String> named,
      Object... rest) {
    java.util.Locale zh = java.util.Locale.SIMPLIFIED_CHINESE;
    java.util.Locale en = java.util.Locale.ENGLISH;
    Object[] a = new Object[rest.length + 1];
    Object[] b = new Object[rest.length + 1];
    for (int i = 0, j = 0; i < a.length; i++) {
      if (i == index) {
        a[i] = named.apply(zh);
        b[i] = named.apply(en);
      } else {
        a[i] = rest[j];
        b[i] = rest[j];
        j++;
      }
    }
    return Text.of(M.text(key, a).in(zh), M.text(key, b).in(en));
  }

  private List<Calendar.Period> schoolYears(
      Window w, java.util.Collection<LedgerLine> lines, EvaluationContext ctx) {
    ZoneId zone = ctx.zone();
    LocalDate today = LocalDate.ofInstant(ctx.asOf(), zone);
    LocalDate first = w.start();
    if (first == null) {
      first = today;
      for (LedgerLine l : lines) {
        LocalDate day = LocalDate.ofInstant(l.occurredAt(), zone);
        if (day.isBefore(first)) {
          first = day;
        }
      }
    }
    List<Calendar.Period> out = new ArrayList<>();
    for (int y = calendar.schoolYearOf(first); y <= calendar.schoolYearOf(today); y++) {
      Calendar.Period p = calendar.schoolYear(y);
      if (w.end() != null && p.start().isAfter(w.end())) {
        break;
      }
      out.add(p);
    }
    return out;
  }

  private static Optional<Score> latest(
      List<Score> scores,
      String assessment,
      String source,
      Calendar.Period within,
      ZoneId zone,
      Instant asOf) {
    return scores.stream()
        .filter(s -> s.assessment().equals(assessment))
        .filter(s -> source == null || source.equals(s.source()))
        .filter(s -> !s.recordedAt().isAfter(asOf))
        .filter(s -> within == null || within.contains(LocalDate.ofInstant(s.recordedAt(), zone)))
        .max(Comparator.comparing(Score::recordedAt));
  }

  private BigDecimal credits(long seconds) {
    BigDecimal h =
        BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 10, RoundingMode.DOWN);
    BigDecimal raw =
        creditsMode.equals("perHour")
            ? h.multiply(creditsPerHour)
            : h.divide(hoursPerCredit, 10, RoundingMode.DOWN);
    if (creditsRounding == RoundingMode.UNNECESSARY) {
      BigDecimal r =
          raw.setScale(Math.max(creditsScale, 2), RoundingMode.DOWN).stripTrailingZeros();
      return creditsMax != null && r.compareTo(creditsMax) > 0 ? creditsMax : r;
    }
    BigDecimal r = raw.setScale(creditsScale, creditsRounding);
    if (creditsMax != null && r.compareTo(creditsMax) > 0) {
      r = creditsMax;
    }
    return r.signum() == 0 ? zero() : r;
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO;
  }

  private static List<LedgerLine> sorted(List<LedgerLine> lines) {
    List<LedgerLine> out = new ArrayList<>(lines);
    out.sort(Comparator.comparing(LedgerLine::occurredAt).thenComparing(LedgerLine::statementId));
    return out;
  }

  private static Text bilingual(
      String key, Function<java.util.Locale, String> name, Object... rest) {
    return Text.of(
        with(key, name.apply(java.util.Locale.SIMPLIFIED_CHINESE), rest)
            .in(java.util.Locale.SIMPLIFIED_CHINESE),
        with(key, name.apply(java.util.Locale.ENGLISH), rest).in(java.util.Locale.ENGLISH));
  }

  private static Text with(String key, String first, Object[] rest) {
    Object[] args = new Object[rest.length + 1];
    args[0] = first;
    System.arraycopy(rest, 0, args, 1, rest.length);
    return M.text(key, args);
  }

  /** The same requirement with its English reason starting with a capital letter. */
  static Requirement capitalised(Requirement r) {
    String en = r.reason().byLanguage().get(Text.EN);
    String cap = en == null ? null : Messages.capitalised(en);
    if (cap == null || cap.equals(en)) {
      return r;
    }
    Map<String, String> langs = new LinkedHashMap<>(r.reason().byLanguage());
    langs.put(Text.EN, cap);
    return r.toBuilder().reason(Text.of(langs)).build();
  }

  // ---- organisation ---------------------------------------------------------------------------

  @Override
  public OrganisationStanding evaluateOrganisation(
      OrganisationFacts org, EvaluationContext context) {
    OrganisationStanding.Builder built = OrganisationStanding.builder();
    java.util.function.Consumer<Requirement> out = r -> built.requirement(capitalised(r));
    for (OrganisationFacts.School school : org.schools()) {
      List<OrganisationFacts.Group> workshops = new ArrayList<>();
      for (OrganisationFacts.Group g : school.groups()) {
        if (g.kind().equals("class") && classMax != null) {
          boolean met = g.teacherCount() <= classMax;
          out.accept(
              Requirement.builder("organisation.class.maxSize", met)
                  .scope(g.groupId())
                  .figure("actual", g.teacherCount())
                  .figure("required", classMax)
                  .figure("schools", g.schoolCount())
                  .reason(
                      M.text(
                          met ? "org.class.met" : "org.class.unmet",
                          g.name(),
                          g.teacherCount(),
                          classMax))
                  .build());
        }
        if (g.kind().equals("workshop")) {
          workshops.add(g);
        }
      }
      if (workshopMax != null) {
        boolean met = workshops.size() <= workshopMax;
        out.accept(
            Requirement.builder("organisation.workshop.maxPerSchool", met)
                .scope(school.schoolId())
                .figure("actual", workshops.size())
                .figure("required", workshopMax)
                .reason(
                    M.text(
                        met ? "org.workshops.met" : "org.workshops.unmet",
                        school.name(),
                        workshops.size(),
                        workshopMax))
                .build());
      }
      if (!subjectGroups.isEmpty() || otherGroup != null) {
        Map<String, List<String>> workshopsByGroup = new TreeMap<>();
        for (OrganisationFacts.Group g : workshops) {
          Set<String> groups = new java.util.TreeSet<>();
          g.teacherSubjects().forEach(s -> groups.add(groupOf(s)));
          if (groups.isEmpty()) {
            out.accept(
                Requirement.builder("organisation.workshop.subjectGroup", true)
                    .scope(g.groupId())
                    .figure("groups", List.of())
                    .reason(M.text("org.subject.empty", g.name()))
                    .build());
            continue;
          }
          boolean met = groups.size() == 1;
          if (met) {
            workshopsByGroup
                .computeIfAbsent(groups.iterator().next(), k -> new ArrayList<>())
                .add(g.groupId());
          }
          out.accept(
              Requirement.builder("organisation.workshop.subjectGroup", met)
                  .scope(g.groupId())
                  .figure("groups", List.copyOf(groups))
                  .reason(
                      M.text(
                          met ? "org.subject.met" : "org.subject.unmet",
                          g.name(),
                          String.join("、", groups)))
                  .build());
        }
        if (onePerGroup) {
          List<String> doubled =
              workshopsByGroup.entrySet().stream()
                  .filter(e -> e.getValue().size() > 1)
                  .map(Map.Entry::getKey)
                  .toList();
          out.accept(
              Requirement.builder("organisation.workshop.onePerGroup", doubled.isEmpty())
                  .scope(school.schoolId())
                  .figure("doubled", doubled)
                  .reason(
                      doubled.isEmpty()
                          ? M.text("org.onePerGroup.met", school.name())
                          : M.text(
                              "org.onePerGroup.unmet", school.name(), String.join("、", doubled)))
                  .build());
        }
      }
    }
    return built.build();
  }

  /**
   * What makes two lines the same activity, which counts once: the catalogue course when the
   * institute listed it (a Moodle activity and its parts, such as {@code …/view.php?id=7} and
   * {@code …/view.php?id=7#submission}, are one course), else the activity IRI, else the statement.
   */
  private static String sameActivity(LedgerLine line) {
    return line.catalogueCourseId()
        .map(c -> "course:" + c)
        .orElseGet(() -> "activity:" + line.activityId().orElse(line.statementId()));
  }

  /** The workshop group a 学科 belongs to under the policy's mapping. */
  public String groupOf(String subject) {
    subject = subject == null ? null : subject.strip();
    for (Map.Entry<Set<String>, String> e : subjectGroups) {
      if (e.getKey().contains(subject)) {
        return e.getValue();
      }
    }
    return otherGroup == null ? subject : otherGroup;
  }
}
