package cn.weineng.ledger.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.ledger.domain.CourseChoiceEntity;
import cn.weineng.people.domain.Person;
import cn.weineng.xapi.application.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The facts the ledger judges besides statements: the course catalogue, learners' course choices
 * and assessment scores. Bad input is refused with the field named and nothing changed.
 */
@ApplicationScoped
public class LedgerFacts {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject CredentialService credentials;

  // ---- catalogue

  @Transactional
  public CatalogueCourse createCourse(
      String storeId,
      String id,
      String activityId,
      String title,
      BigDecimal nominalHours,
      String kind,
      List<String> topics,
      List<String> verbs) {
    String store = storeId == null ? "default" : storeId;
    requireStore(store, "storeId");
    if (!ActivityFacts.KINDS.contains(kind)) {
      throw invalid("kind", "must be one of " + ActivityFacts.KINDS);
    }
    if (em.find(CatalogueCourse.class, new CatalogueCourse.Key(store, id)) != null) {
      throw new Problem(
          409,
          "conflict",
          "Conflict",
          "the catalogue of store " + store + " already has course " + id);
    }
    if (!em.createNamedQuery("CatalogueCourse.byActivity", CatalogueCourse.class)
        .setParameter("store", store)
        .setParameter("activity", activityId)
        .getResultList()
        .isEmpty()) {
      throw new Problem(
          409,
          "conflict",
          "Conflict",
          "the catalogue of store " + store + " already lists activity " + activityId);
    }
    checkTopicsAndVerbs(topics, verbs);
    long seconds =
        nominalHours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.DOWN).longValue();
    CatalogueCourse c =
        new CatalogueCourse(
            store,
            id,
            activityId,
            title,
            seconds,
            kind,
            topics == null ? List.of() : topics,
            OffsetDateTime.now(ZoneOffset.UTC));
    c.completedBy(verbs);
    em.persist(c);
    return c;
  }

  /** Corrects an entry; the same checks as on creation. */
  @Transactional
  public CatalogueCourse updateCourse(
      String storeId,
      String id,
      String activityId,
      String title,
      BigDecimal nominalHours,
      String kind,
      List<String> topics,
      List<String> verbs) {
    String store = storeId == null ? "default" : storeId;
    requireStore(store, "storeId");
    CatalogueCourse c = em.find(CatalogueCourse.class, new CatalogueCourse.Key(store, id));
    if (c == null) {
      throw Problem.notFound("catalogue course", id);
    }
    if (!ActivityFacts.KINDS.contains(kind)) {
      throw invalid("kind", "must be one of " + ActivityFacts.KINDS);
    }
    for (CatalogueCourse other :
        em.createNamedQuery("CatalogueCourse.byActivity", CatalogueCourse.class)
            .setParameter("store", store)
            .setParameter("activity", activityId)
            .getResultList()) {
      if (!other.id().equals(id)) {
        throw new Problem(
            409,
            "conflict",
            "Conflict",
            "the catalogue of store " + store + " already lists activity " + activityId);
      }
    }
    checkTopicsAndVerbs(topics, verbs);
    long seconds =
        nominalHours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.DOWN).longValue();
    return c.correct(activityId, title, seconds, kind, topics == null ? List.of() : topics)
        .completedBy(verbs);
  }

  /** Removes an entry nobody has chosen. */
  @Transactional
  public void deleteCourse(String storeId, String id) {
    String store = storeId == null ? "default" : storeId;
    requireStore(store, "storeId");
    CatalogueCourse c = em.find(CatalogueCourse.class, new CatalogueCourse.Key(store, id));
    if (c == null) {
      throw Problem.notFound("catalogue course", id);
    }
    long chosen =
        em.createQuery(
                "select count(c) from CourseChoiceEntity c where c.storeId = :store"
                    + " and c.courseId = :course",
                Long.class)
            .setParameter("store", store)
            .setParameter("course", id)
            .getSingleResult();
    if (chosen > 0) {
      throw new Problem(
          409,
          "course-chosen",
          "Course chosen",
          "course " + id + " is chosen by " + chosen + " learner(s); it cannot be removed");
    }
    em.remove(c);
  }

  private static void checkTopicsAndVerbs(List<String> topics, List<String> verbs) {
    for (String t : topics == null ? List.<String>of() : topics) {
      if (t.contains("|")) {
        throw invalid("topics", "a topic must not contain '|'");
      }
    }
    for (String v : verbs == null ? List.<String>of() : verbs) {
      if (!v.matches("[a-z][a-z0-9+.-]*:\\S+") || v.contains("|") || v.length() > 500) {
        throw invalid("verbs", "'" + v + "' is not a verb IRI");
      }
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CatalogueCourse> courses(String storeId) {
    String store = storeId == null ? "default" : storeId;
    requireStore(store, "storeId");
    return em.createNamedQuery("CatalogueCourse.byStore", CatalogueCourse.class)
        .setParameter("store", store)
        .getResultList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public CatalogueCourse course(String storeId, String courseId) {
    return em.find(CatalogueCourse.class, new CatalogueCourse.Key(storeId, courseId));
  }

  // ---- course choices

  @Transactional
  public CourseChoiceEntity choose(String personId, String courseId, OffsetDateTime chosenAt) {
    Person person = person(personId);
    CatalogueCourse course = course(person.storeId(), courseId);
    if (course == null) {
      throw invalid(
          "courseId",
          "'" + courseId + "' is not in the course catalogue of store " + person.storeId());
    }
    if (em.find(CourseChoiceEntity.class, new CourseChoiceEntity.Key(personId, courseId)) != null) {
      throw new Problem(
          409, "conflict", "Conflict", "learner " + personId + " already chose course " + courseId);
    }
    CourseChoiceEntity c =
        new CourseChoiceEntity(
            personId,
            person.storeId(),
            courseId,
            chosenAt == null ? OffsetDateTime.now(ZoneOffset.UTC) : chosenAt);
    em.persist(c);
    return c;
  }

  @Transactional
  public void withdraw(String personId, String courseId) {
    person(personId);
    CourseChoiceEntity c =
        em.find(CourseChoiceEntity.class, new CourseChoiceEntity.Key(personId, courseId));
    if (c == null) {
      throw Problem.notFound("course choice", courseId);
    }
    em.remove(c);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CourseChoiceEntity> choices(String personId) {
    person(personId);
    return em.createNamedQuery("CourseChoice.byPerson", CourseChoiceEntity.class)
        .setParameter("person", personId)
        .getResultList();
  }

  // ---- scores

  @Transactional
  public AssessmentScoreEntity record(
      String personId,
      String assessment,
      String source,
      BigDecimal value,
      BigDecimal max,
      OffsetDateTime recordedAt) {
    person(personId);
    BigDecimal m = max == null ? BigDecimal.valueOf(100) : max;
    if (m.signum() <= 0) {
      throw invalid("max", "must be greater than 0");
    }
    if (value.signum() < 0 || value.compareTo(m) > 0) {
      throw invalid(
          "value", "must be between 0 and max (" + m.stripTrailingZeros().toPlainString() + ")");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    AssessmentScoreEntity s =
        new AssessmentScoreEntity(
            UUID.randomUUID().toString(),
            personId,
            assessment,
            source,
            value,
            m,
            recordedAt == null ? now : recordedAt,
            now);
    em.persist(s);
    return s;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AssessmentScoreEntity> scores(String personId) {
    person(personId);
    return em.createNamedQuery("AssessmentScore.byPerson", AssessmentScoreEntity.class)
        .setParameter("person", personId)
        .getResultList();
  }

  private Person person(String personId) {
    Person p = personId == null ? null : em.find(Person.class, personId);
    if (p == null) {
      throw Problem.notFound("learner", personId);
    }
    return p;
  }

  private void requireStore(String storeId, String field) {
    if (!credentials.storeExists(storeId)) {
      throw invalid(field, "no store '" + storeId + "' exists");
    }
  }

  private static Problem invalid(String field, String message) {
    return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)));
  }
}
