package cn.weineng.services.application;

import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.launch.domain.Course;
import cn.weineng.launch.domain.Enrolment;
import cn.weineng.people.application.PersonDirectory;
import cn.weineng.people.domain.Person;
import cn.weineng.platform.domain.Platform;
import cn.weineng.xapi.domain.AgentIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Writes a roster read by {@link RosterSync} into the course, in one transaction. */
@ApplicationScoped
public class RosterRecords {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PersonDirectory people;
  @Inject InsertIfAbsent inserts;

  @Transactional
  public RosterSync.Result record(
      String courseId, Platform platform, List<RosterSync.Member> members, int pages) {
    Course c = em.find(Course.class, courseId);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int added = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (RosterSync.Member m : members) {
      String personId =
          people.resolve(
              platform.storeId(), AgentIdentifier.account(platform.issuer(), m.userId()));
      seen.add(personId);
      Person p = em.find(Person.class, personId);
      if (m.name() != null && !m.name().isBlank()) {
        p.nameIfUnknown(m.name());
      }
      String roles = String.join(" ", m.roles());
      roles = roles.length() > 4000 ? roles.substring(0, 4000) : roles;
      if (inserts.insert(
          em,
          "enrolment",
          InsertIfAbsent.row(
              "course_id", c.id(), "person_id", personId, "roles", roles, "status", "active"),
          List.of("course_id", "person_id"))) {
        added++;
      }
      em.find(Enrolment.class, new Enrolment.Key(c.id(), personId))
          .synced(roles, status(m.status()), now);
    }
    int left = 0;
    for (Enrolment e :
        em.createNamedQuery("Enrolment.byCourse", Enrolment.class)
            .setParameter("course", c.id())
            .getResultList()) {
      if (!seen.contains(e.personId()) && !"left".equals(e.status())) {
        e.left();
        left++;
      }
    }
    return new RosterSync.Result(members.size(), added, left, pages);
  }

  private static String status(String nrps) {
    return switch (nrps) {
      case "Inactive" -> "inactive";
      case "Deleted" -> "left";
      default -> "active";
    };
  }
}
