package cn.weineng.evidence.application;

import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.organisation.domain.Roles;
import cn.weineng.people.domain.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles a person holds over a teacher: a unit role (school_admin, school_assessor) at the
 * teacher's school or a unit above it (a county_admin over the county's schools), and a group role
 * (workshop_lead, subject_expert, tutor) in a class or workshop the teacher belongs to.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Reviewers {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** A role held over a teacher, and where: a unit (school, county…) or a group. */
  public record Held(String role, String kind, String id, String name) {}

  public List<Held> over(Person reviewer, Person teacher) {
    List<Held> out = new ArrayList<>();
    List<String> schoolAndAbove = unitsAbove(teacher.schoolId());
    for (Object[] r :
        rows(
            "select r.role, u.kind, u.id, u.name from org_unit_role r join org_unit u on u.id = r.unit_id"
                + " where r.person_id = ?",
            reviewer.id())) {
      if (schoolAndAbove.contains((String) r[2])) {
        out.add(new Held((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
      }
    }
    for (Object[] r :
        rows(
            "select m.role, g.kind, g.id, g.name from org_membership m join org_group g on g.id ="
                + " m.group_id where m.person_id = ? and m.role <> '"
                + Roles.TEACHER
                + "' and exists (select 1 from org_membership t where t.group_id = g.id and"
                + " t.person_id = ? and t.role = '"
                + Roles.TEACHER
                + "')",
            reviewer.id(),
            teacher.id())) {
      out.add(new Held((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
    }
    return out;
  }

  /**
   * The groups (by workshop or class) and units where the person holds a role other than teacher.
   */
  public List<Held> heldBy(Person reviewer) {
    List<Held> out = new ArrayList<>();
    for (Object[] r :
        rows(
            "select m.role, g.kind, g.id, g.name from org_membership m join org_group g on g.id ="
                + " m.group_id where m.person_id = ? and m.role <> '"
                + Roles.TEACHER
                + "' order by g.kind desc, g.name",
            reviewer.id())) {
      out.add(new Held((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
    }
    for (Object[] r :
        rows(
            "select r.role, u.kind, u.id, u.name from org_unit_role r join org_unit u on u.id = r.unit_id"
                + " where r.person_id = ? order by u.name",
            reviewer.id())) {
      out.add(new Held((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
    }
    return out;
  }

  /**
   * The teachers a held role reaches: a group's teacher members, or the teachers of a unit's
   * schools.
   */
  @SuppressWarnings("unchecked")
  public List<String> teachersIn(Held where) {
    if (where.kind().equals("class") || where.kind().equals("workshop")) {
      return em.createNativeQuery(
              "select person_id from org_membership where group_id = ? and role = ? order by person_id")
          .setParameter(1, where.id())
          .setParameter(2, Roles.TEACHER)
          .getResultList();
    }
    List<String> schools = schoolsUnder(where.id());
    if (schools.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select p.id from Person p where p.schoolId in :schools order by p.id", String.class)
        .setParameter("schools", schools)
        .getResultList();
  }

  /** The unit and every unit above it, nearest first. */
  List<String> unitsAbove(String unitId) {
    List<String> out = new ArrayList<>();
    String at = unitId;
    while (at != null && out.size() < 8) {
      OrgUnit u = em.find(OrgUnit.class, at);
      if (u == null) {
        break;
      }
      out.add(u.id());
      at = u.parentId();
    }
    return out;
  }

  /** The schools at or under a unit. */
  List<String> schoolsUnder(String unitId) {
    List<String> out = new ArrayList<>();
    List<String> frontier = List.of(unitId);
    for (int depth = 0; depth < 8 && !frontier.isEmpty(); depth++) {
      List<OrgUnit> units =
          em.createQuery("select u from OrgUnit u where u.id in :ids", OrgUnit.class)
              .setParameter("ids", frontier)
              .getResultList();
      units.stream().filter(u -> u.kind().equals(OrgUnit.SCHOOL)).forEach(u -> out.add(u.id()));
      frontier =
          em.createQuery("select u.id from OrgUnit u where u.parentId in :ids", String.class)
              .setParameter("ids", frontier)
              .getResultList();
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, Object... params) {
    var q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    return q.getResultList();
  }
}
