package cn.weineng.ledger.application;

import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.ledger.domain.CourseChoiceEntity;
import cn.weineng.ledger.domain.LedgerActivity;
import cn.weineng.lti.domain.Platform;
import cn.weineng.lti.domain.Problem;
import cn.weineng.people.domain.Person;
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

  @Inject
  @ConfigProperty(name = "weineng.policy.default", defaultValue = "cn-national-2019")
  String defaultPolicy;

  /** The policy of learners known from no platform (WEINENG_POLICY_DEFAULT). */
  public String defaultPolicyId() {
    return defaultPolicy;
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

  /** The policy named, or the learner's home platform's, or the default. */
  public PolicyRegistry.Installed policyFor(Person person, String policyId) {
    if (policyId != null) {
      return policies.require(policyId);
    }
    Platform home =
        person.homePlatformId() == null ? null : em.find(Platform.class, person.homePlatformId());
    return policies.require(home != null ? home.policyId() : defaultPolicy);
  }

  public Evaluated evaluate(String personId, String policyId, Instant asOf) {
    Person person = person(personId);
    return evaluate(person, policyFor(person, policyId), asOf);
  }

  public Evaluated evaluate(Person person, PolicyRegistry.Installed policy, Instant asOf) {
    return new Evaluated(
        person,
        policy,
        policy.policy().evaluate(facts(person, policy), EvaluationContext.at(asOf)));
  }

  /** Everything the policy may judge the person by. */
  public LearnerFacts facts(Person person, PolicyRegistry.Installed policy) {
    List<LedgerLine> lines = lines(person, policy);
    List<CourseChoice> choices =
        em
            .createNamedQuery("CourseChoice.byPerson", CourseChoiceEntity.class)
            .setParameter("person", person.id())
            .getResultList()
            .stream()
            .map(
                c -> {
                  CatalogueCourse course =
                      em.find(
                          CatalogueCourse.class,
                          new CatalogueCourse.Key(c.storeId(), c.courseId()));
                  return CourseChoice.of(
                      c.courseId(),
                      Duration.ofSeconds(course.nominalSeconds()),
                      course.kind(),
                      c.chosenAt().toInstant());
                })
            .toList();
    List<Score> scores =
        em
            .createNamedQuery("AssessmentScore.byPerson", AssessmentScoreEntity.class)
            .setParameter("person", person.id())
            .getResultList()
            .stream()
            .map(
                s ->
                    Score.of(
                        s.assessment(),
                        s.source(),
                        s.value().doubleValue(),
                        s.max().doubleValue(),
                        s.recordedAt().toInstant()))
            .toList();
    return LearnerFacts.builder(person.id())
        .lines(lines)
        .segment(person.segment())
        .subject(person.subject())
        .birthYear(person.birthYear())
        .courseChoices(choices)
        .scores(scores)
        .build();
  }

  /**
   * What the person's recorded activities earn under the policy: its credits for each, in stored
   * order. Derived on every reading, so the lines are always those of the installed rule set.
   */
  public List<LedgerLine> lines(Person person, PolicyRegistry.Installed policy) {
    List<LedgerLine> out = new java.util.ArrayList<>();
    for (LedgerActivity row :
        em.createNamedQuery("LedgerActivity.forPerson", LedgerActivity.class)
            .setParameter("person", person.id())
            .getResultList()) {
      LearningActivity a = row.toActivity();
      List<Credit> credits;
      try {
        credits = policy.policy().credit(a);
      } catch (RuntimeException e) {
        // a faulty policy loses the activity's credit in this answer, not the recorded activity
        LOG.log(
            java.util.logging.Level.SEVERE,
            "policy " + policy.id() + " failed to credit statement " + a.statementId(),
            e);
        continue;
      }
      for (Credit c : credits) {
        out.add(LedgerLine.of(a, c));
      }
    }
    return out;
  }
}
