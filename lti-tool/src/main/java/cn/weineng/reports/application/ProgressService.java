package cn.weineng.reports.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.launch.domain.Course;
import cn.weineng.launch.domain.Enrolment;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.ledger.application.StandingService;
import cn.weineng.people.domain.Person;
import cn.weineng.platform.domain.Platform;
import cn.weineng.policy.api.Standing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Learners' hours and verdicts, evaluated from the ledger at the moment of asking. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProgressService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PolicyRegistry policies;
  @Inject StandingService standings;

  public Progress forPerson(String personId, String policyId, Locale locale) {
    Person person = standings.person(personId);
    PolicyRegistry.Installed policy = standings.policyFor(person, policyId);
    Instant now = Instant.now();
    return progress(
        person, policy, standings.evaluate(person, policy, now).standing(), locale, now);
  }

  public Course course(String courseId) {
    Course c = courseId == null ? null : em.find(Course.class, courseId);
    if (c == null) {
      throw Problem.notFound("course", courseId);
    }
    return c;
  }

  public List<Course> courses(String platformId, String contextId) {
    // filtered in the database: only the conditions asked for (a null parameter would need a type)
    StringBuilder jpql = new StringBuilder("select c from Course c where 1 = 1");
    if (platformId != null) {
      jpql.append(" and c.platformId = :platform");
    }
    if (contextId != null) {
      jpql.append(" and c.contextId = :context");
    }
    jakarta.persistence.TypedQuery<Course> q =
        em.createQuery(jpql.append(" order by c.createdAt, c.id").toString(), Course.class);
    if (platformId != null) {
      q.setParameter("platform", platformId);
    }
    if (contextId != null) {
      q.setParameter("context", contextId);
    }
    return q.getResultList();
  }

  public long learnerCount(String courseId) {
    return em.createNamedQuery("Enrolment.countByCourse", Long.class)
        .setParameter("course", courseId)
        .getSingleResult();
  }

  /**
   * Every person enrolled in the course, by name, under the course platform's policy unless one is
   * named.
   */
  public List<Progress> forCourse(String courseId, String policyId, Locale locale) {
    Course course = course(courseId);
    Platform platform = em.find(Platform.class, course.platformId());
    PolicyRegistry.Installed policy =
        policies.require(policyId != null ? policyId : platform.policyId());
    List<Person> people =
        em
            .createNamedQuery("Enrolment.byCourse", Enrolment.class)
            .setParameter("course", courseId)
            .getResultList()
            .stream()
            .map(e -> em.find(Person.class, e.personId()))
            .toList();
    // the class's facts in a few queries, not a few per learner
    Instant now = Instant.now();
    Map<String, Standing> judged = standings.evaluateAll(people, policy, now);
    return people.stream()
        .map(p -> progress(p, policy, judged.get(p.id()), locale, now))
        .sorted(
            Comparator.comparing((Progress p) -> p.name() == null ? "" : p.name())
                .thenComparing(Progress::personId))
        .toList();
  }

  private static Progress progress(
      Person person,
      PolicyRegistry.Installed policy,
      Standing standing,
      Locale locale,
      Instant now) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String bucket : policy.factory().buckets()) {
      names.put(bucket, policy.factory().bucketName(bucket, locale));
    }
    Map<String, String> counters = new LinkedHashMap<>();
    for (String c : policy.factory().counters()) {
      counters.put(c, policy.factory().counterName(c, locale));
    }
    return new Progress(
        person.id(),
        person.displayName(),
        person.ltiSubject(),
        policy.factory().displayName(locale),
        standing,
        locale,
        names,
        counters,
        now);
  }

  /** Each learner's membership of the course: active, inactive or left (by person id). */
  public java.util.Map<String, String> enrolmentStatus(String courseId) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (Enrolment e :
        em.createNamedQuery("Enrolment.byCourse", Enrolment.class)
            .setParameter("course", courseId)
            .getResultList()) {
      out.put(e.personId(), e.status());
    }
    return out;
  }
}
