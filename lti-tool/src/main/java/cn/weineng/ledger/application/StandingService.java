package cn.weineng.ledger.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.ledger.domain.CourseChoiceEntity;
import cn.weineng.ledger.domain.LedgerActivity;
import cn.weineng.people.domain.Person;
import cn.weineng.platform.domain.Platform;
import cn.weineng.policy.api.CourseChoice;
import cn.weineng.policy.api.Credit;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.Score;
import cn.weineng.policy.api.Standing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A learner's standing under a policy, evaluated from the ledger and the learner's facts at the
 * moment of asking (or at a given instant).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StandingService {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(StandingService.class.getName());

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PolicyRegistry policies;

  @Inject jakarta.enterprise.inject.Instance<LearnerPoints> points;

  @Inject
  @ConfigProperty(name = "weineng.policy.default", defaultValue = "cn-national-2019")
  String defaultPolicy;

  /** The policy of learners known from no platform (WEINENG_POLICY_DEFAULT). */
  public String defaultPolicyId() {
    return defaultPolicy;
  }

  /**
   * Refuses, for a while, to read the ledger of a store that is being rebuilt (503 with
   * Retry-After), so that no answer counts half a ledger.
   */
  public void requireReady(String storeId) {
    requireReady(em, storeId);
  }

  /** {@link #requireReady(String)} for a caller with its own persistence context (linking). */
  public static void requireReady(EntityManager em, String storeId) {
    if (rebuilding(em, storeId)) {
      throw Problem.unavailable(
          "ledger-rebuilding",
          "Ledger being rebuilt",
          "the ledger of store "
              + storeId
              + " is being rebuilt from its statements; ask again in a minute",
          30);
    }
  }

  /** Whether the store's ledger is marked as being (or due to be) rebuilt. */
  public static boolean rebuilding(EntityManager em, String storeId) {
    return !em.createNativeQuery("select store_id from ledger_rebuild_due where store_id = ?")
        .setParameter(1, storeId)
        .getResultList()
        .isEmpty();
  }

  /** A standing with the policy that produced it. */
  public record Evaluated(Person person, PolicyRegistry.Installed policy, Standing standing) {}

  public Person person(String personId) {
    Person person = personId == null ? null : em.find(Person.class, personId);
    if (person == null) {
      throw Problem.notFound("learner", personId);
    }
    return person;
  }

  /**
   * The policy named, or the learner's home platform's, or the one policy the store's platforms
   * name (a teacher known only from a vendor's statements), or the default.
   */
  public PolicyRegistry.Installed policyFor(Person person, String policyId) {
    if (policyId != null) {
      return policies.require(policyId);
    }
    Platform home =
        person.homePlatformId() == null ? null : em.find(Platform.class, person.homePlatformId());
    return policies.require(
        home != null && home.policyId() != null ? home.policyId() : storePolicy(person.storeId()));
  }

  /** The policy the store's platforms name, when they all name the same; else the default. */
  public String storePolicy(String storeId) {
    List<String> named =
        em.createQuery(
                "select distinct p.policyId from Platform p where p.storeId = :store"
                    + " and p.policyId is not null",
                String.class)
            .setParameter("store", storeId)
            .getResultList();
    return named.size() == 1 ? named.get(0) : defaultPolicy;
  }

  public Evaluated evaluate(String personId, String policyId, Instant asOf) {
    Person person = person(personId);
    return evaluate(person, policyFor(person, policyId), asOf);
  }

  public Evaluated evaluate(Person person, PolicyRegistry.Installed policy, Instant asOf) {
    requireReady(person.storeId());
    return new Evaluated(
        person,
        policy,
        policy.policy().evaluate(facts(person, policy), EvaluationContext.at(asOf)));
  }

  /** Everything the policy may judge the person by. */
  public LearnerFacts facts(Person person, PolicyRegistry.Installed policy) {
    return factsOf(List.of(person), policy).get(person.id());
  }

  /**
   * The standings of many people under one policy, read in a few queries per few hundred people
   * instead of a few per person: a unit's standing judges every teacher of a county.
   */
  public java.util.Map<String, Standing> evaluateAll(
      List<Person> people, PolicyRegistry.Installed policy, Instant asOf) {
    java.util.Map<String, Standing> out = new java.util.LinkedHashMap<>();
    people.stream().map(Person::storeId).distinct().forEach(this::requireReady);
    EvaluationContext at = EvaluationContext.at(asOf);
    for (int i = 0; i < people.size(); i += CHUNK) {
      List<Person> chunk = people.subList(i, Math.min(people.size(), i + CHUNK));
      factsOf(chunk, policy).forEach((id, f) -> out.put(id, policy.policy().evaluate(f, at)));
    }
    return out;
  }

  /** People per query when many are read at once. */
  static final int CHUNK = 500;

  private java.util.Map<String, LearnerFacts> factsOf(
      List<Person> people, PolicyRegistry.Installed policy) {
    List<String> ids = people.stream().map(Person::id).toList();
    java.util.Map<String, List<LedgerLine>> lines = new java.util.HashMap<>();
    for (LedgerActivity row :
        em.createNamedQuery("LedgerActivity.forPeople", LedgerActivity.class)
            .setParameter("people", ids)
            .getResultList()) {
      lines
          .computeIfAbsent(row.personId(), k -> new java.util.ArrayList<>())
          .addAll(credit(policy, row.toActivity()));
    }
    java.util.Map<String, List<CourseChoice>> choices = new java.util.HashMap<>();
    java.util.Map<CatalogueCourse.Key, CatalogueCourse> courses = new java.util.HashMap<>();
    for (CourseChoiceEntity c :
        em.createNamedQuery("CourseChoice.byPeople", CourseChoiceEntity.class)
            .setParameter("people", ids)
            .getResultList()) {
      CatalogueCourse course =
          courses.computeIfAbsent(
              new CatalogueCourse.Key(c.storeId(), c.courseId()),
              k -> em.find(CatalogueCourse.class, k));
      choices
          .computeIfAbsent(c.personId(), k -> new java.util.ArrayList<>())
          .add(
              CourseChoice.of(
                  c.courseId(),
                  Duration.ofSeconds(course.nominalSeconds()),
                  course.kind(),
                  c.chosenAt().toInstant()));
    }
    java.util.Map<String, List<Score>> scores = new java.util.HashMap<>();
    for (AssessmentScoreEntity s :
        em.createNamedQuery("AssessmentScore.byPeople", AssessmentScoreEntity.class)
            .setParameter("people", ids)
            .getResultList()) {
      scores
          .computeIfAbsent(s.personId(), k -> new java.util.ArrayList<>())
          .add(
              Score.of(
                  s.assessment(),
                  s.source(),
                  s.value().doubleValue(),
                  s.max().doubleValue(),
                  s.recordedAt().toInstant()));
    }
    java.util.Map<String, LearnerPoints.Points> pointsOf =
        points.isResolvable() ? points.get().of(people, policy.policy()) : java.util.Map.of();
    java.util.Map<String, LearnerFacts> out = new java.util.LinkedHashMap<>();
    for (Person person : people) {
      LearnerPoints.Points p = pointsOf.getOrDefault(person.id(), LearnerPoints.Points.NONE);
      out.put(
          person.id(),
          LearnerFacts.builder(person.id())
              .lines(lines.getOrDefault(person.id(), List.of()))
              .segment(person.segment())
              .subject(person.subject())
              .birthYear(person.birthYear())
              .courseChoices(choices.getOrDefault(person.id(), List.of()))
              .scores(scores.getOrDefault(person.id(), List.of()))
              .points(p.selected())
              .pointRange(p.range())
              .build());
    }
    return out;
  }

  /**
   * What the person's recorded activities earn under the policy: its credits for each, in stored
   * order. Derived on every reading, so the lines are always those of the installed rule set.
   */
  public List<LedgerLine> lines(Person person, PolicyRegistry.Installed policy) {
    requireReady(person.storeId());
    List<LedgerLine> out = new java.util.ArrayList<>();
    for (LedgerActivity row :
        em.createNamedQuery("LedgerActivity.forPerson", LedgerActivity.class)
            .setParameter("person", person.id())
            .getResultList()) {
      out.addAll(credit(policy, row.toActivity()));
    }
    return out;
  }

  /** The policy's lines for one recorded activity; none, and logged, when the policy fails. */
  private static List<LedgerLine> credit(PolicyRegistry.Installed policy, LearningActivity a) {
    List<Credit> credits;
    try {
      credits = policy.policy().credit(a);
    } catch (RuntimeException e) {
      // a faulty policy loses the activity's credit in this answer, not the recorded activity
      LOG.log(
          java.util.logging.Level.SEVERE,
          "policy " + policy.id() + " failed to credit statement " + a.statementId(),
          e);
      return List.of();
    }
    List<LedgerLine> out = new java.util.ArrayList<>(credits.size());
    for (Credit c : credits) {
      out.add(LedgerLine.of(a, c));
    }
    return out;
  }
}
