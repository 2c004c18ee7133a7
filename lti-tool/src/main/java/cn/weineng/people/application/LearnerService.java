package cn.weineng.people.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.people.domain.Person;
import cn.weineng.xapi.domain.AgentIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;

/** People: finding a learner by an identifier, and the attributes the rules need. */
@ApplicationScoped
public class LearnerService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @jakarta.inject.Inject cn.weineng.xapi.application.CredentialService credentials;
  @jakarta.inject.Inject PersonDirectory directory;

  @Transactional(Transactional.TxType.SUPPORTS)
  public Person find(String personId) {
    Person p = personId == null ? null : em.find(Person.class, personId);
    if (p == null) {
      throw Problem.notFound("learner", personId);
    }
    return p;
  }

  /** The identifiers (agent IFIs) a person is known by. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<String> identities(String personId) {
    return em.createQuery(
            "select i.ifi from PersonIdentity i where i.personId = :person order by i.ifi",
            String.class)
        .setParameter("person", personId)
        .getResultList();
  }

  /** Learners known by an account (homePage and name) or an mbox in a store. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Person> findByIdentifier(String storeId, String homePage, String name, String mbox) {
    String ifi = identifier(homePage, name, mbox);
    return em.createQuery(
            "select p from Person p, PersonIdentity i where i.personId = p.id"
                + " and i.storeId = :store and i.ifi = :ifi",
            Person.class)
        .setParameter("store", storeId == null ? "default" : storeId)
        .setParameter("ifi", ifi)
        .getResultList();
  }

  /** A learner created by hand, in a store, optionally with the institute's id and a school. */
  @Transactional
  public Person create(
      String storeId,
      String name,
      String externalId,
      String schoolId,
      String segment,
      String subject) {
    String store = storeId == null ? "default" : storeId;
    if (!credentials.storeExists(store)) {
      throw invalid("storeId", "no store '" + store + "' exists");
    }
    if (cn.weineng.people.domain.IdNumbers.looksLikeOne(externalId)) {
      throw invalid("externalId", "looks like a 身份证号; Weineng does not collect ID numbers");
    }
    if (externalId != null && directory.byExternalId(store, externalId).isPresent()) {
      throw new Problem(
          409, "conflict", "Conflict", "another learner of the store has this externalId");
    }
    Person p =
        new Person(
            java.util.UUID.randomUUID().toString(), store, OffsetDateTime.now(ZoneOffset.UTC));
    em.persist(p);
    p.nameIfUnknown(name);
    p.identifyAs(externalId);
    placeAt(p, schoolId);
    checkSegment(segment);
    p.describe(blankToNull(segment), blankToNull(subject), null, null);
    return p;
  }

  private void placeAt(Person p, String schoolId) {
    if (schoolId == null) {
      return;
    }
    cn.weineng.organisation.domain.OrgUnit school =
        em.find(cn.weineng.organisation.domain.OrgUnit.class, schoolId);
    if (school == null
        || !school.storeId().equals(p.storeId())
        || !school.kind().equals(cn.weineng.organisation.domain.OrgUnit.SCHOOL)) {
      throw invalid("schoolId", "no school '" + schoolId + "' in store " + p.storeId());
    }
    p.placeAt(schoolId);
  }

  private static void checkSegment(String segment) {
    if (segment != null
        && !segment.isBlank()
        && !cn.weineng.organisation.domain.Roles.SEGMENTS.contains(segment.trim())) {
      throw invalid("segment", "must be one of " + cn.weineng.organisation.domain.Roles.SEGMENTS);
    }
  }

  private static Problem invalid(String field, String message) {
    return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)));
  }

  /** The agent identifier an account or an mbox stands for; exactly one of the two. */
  public static String identifier(String homePage, String name, String mbox) {
    if (mbox != null && homePage == null && name == null) {
      String m = mbox.trim();
      if (!m.matches("(mailto:)?[^@\\s]+@[^@\\s]+")) {
        throw invalid("mbox", "must be an email address, e.g. mailto:teacher@example.cn");
      }
      return "mbox:"
          + (m.startsWith("mailto:") ? m : "mailto:" + m).toLowerCase(java.util.Locale.ROOT);
    }
    if (mbox == null
        && homePage != null
        && name != null
        && !homePage.isBlank()
        && !name.isBlank()) {
      return AgentIdentifier.account(homePage, name);
    }
    throw Problem.invalid(
        "give either homePage and name (an account) or mbox",
        List.of(new Problem.FieldError("homePage", "and name, or mbox alone, are required")));
  }

  @Transactional
  public Person describe(
      String personId,
      String segment,
      String subject,
      Integer birthYear,
      Boolean consent,
      String schoolId) {
    Person p = find(personId);
    checkSegment(segment);
    placeAt(p, schoolId);
    if (birthYear != null && !Boolean.TRUE.equals(consent)) {
      throw Problem.invalid(
          "a birth year is stored only with the teacher's consent",
          List.of(
              new Problem.FieldError("birthYearConsent", "must be true when birthYear is given")));
    }
    if (birthYear != null && (birthYear < 1930 || birthYear > Year.now().getValue() - 16)) {
      throw Problem.invalid(
          "birthYear is out of range",
          List.of(new Problem.FieldError("birthYear", "must be a plausible year of birth")));
    }
    p.describe(
        blankToNull(segment), blankToNull(subject), birthYear, OffsetDateTime.now(ZoneOffset.UTC));
    return p;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
