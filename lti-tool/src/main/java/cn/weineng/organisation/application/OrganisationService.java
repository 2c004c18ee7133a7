package cn.weineng.organisation.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.organisation.domain.OrgGroup;
import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.organisation.domain.RegionCodes;
import cn.weineng.organisation.domain.Roles;
import cn.weineng.people.domain.Person;
import cn.weineng.xapi.application.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The organisation tree of a store: units (province → city → county → school), the classes and
 * workshops schools run, their members and roles. Every refusal names the field and changes
 * nothing.
 */
@ApplicationScoped
public class OrganisationService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject CredentialService credentials;

  /** A member of a group with a role. */
  public record Member(String personId, String role) {}

  /** A holder of a role in a unit. */
  public record UnitRole(String personId, String role) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public OrgUnit createUnitInTx(
      String storeId, String kind, String name, String code, String parentId) {
    String store = storeId == null ? "default" : storeId;
    if (!credentials.storeExists(store)) {
      throw invalid("storeId", "no store '" + store + "' exists");
    }
    if (OrgUnit.rank(kind) < 0) {
      throw invalid("kind", "must be province, city, county or school");
    }
    if (name == null || name.isBlank()) {
      throw invalid("name", "is required");
    }
    OrgUnit parent = null;
    if (parentId != null) {
      parent = em.find(OrgUnit.class, parentId);
      if (parent == null || !parent.storeId().equals(store)) {
        throw invalid("parentId", "no unit '" + parentId + "' in store " + store);
      }
      if (OrgUnit.rank(parent.kind()) >= OrgUnit.rank(kind)) {
        throw invalid("parentId", "a " + kind + " cannot be under a " + parent.kind());
      }
    } else if (kind.equals(OrgUnit.SCHOOL)) {
      throw invalid("parentId", "a school belongs to a county (or a city for 市直 schools)");
    }
    if (code != null && !code.isBlank()) {
      if (kind.equals(OrgUnit.SCHOOL)) {
        if (!code.matches("[0-9]{10}")) {
          throw invalid("code", "a school's 学校标识码 has ten digits");
        }
      } else {
        String k = RegionCodes.kindOf(code).orElse(null);
        if (k == null) {
          throw invalid("code", "a GB/T 2260 code has six digits, e.g. 430600");
        }
        if (!k.equals(kind)) {
          throw invalid("code", code + " is a " + k + " code, not a " + kind + " code");
        }
        if (parent != null && parent.code() != null && !RegionCodes.within(code, parent.code())) {
          throw invalid(
              "code", code + " does not lie within " + parent.code() + " " + parent.name());
        }
        String known = RegionCodes.name(code).orElse(null);
        if (known != null && !known.equals(name.trim())) {
          throw invalid("name", "GB/T 2260 names " + code + " " + known + ", not " + name.trim());
        }
      }
    }
    if (childByName(store, parentId, name.trim()) != null) {
      throw new Problem(
          409, "conflict", "Conflict", "a unit named " + name.trim() + " already exists there");
    }
    OrgUnit u =
        new OrgUnit(
            UUID.randomUUID().toString(),
            store,
            kind,
            code == null || code.isBlank() ? null : code,
            name.trim(),
            parentId,
            OffsetDateTime.now(ZoneOffset.UTC));
    em.persist(u);
    return u;
  }

  @Transactional
  public OrgUnit createUnit(
      String storeId, String kind, String name, String code, String parentId) {
    return createUnitInTx(storeId, kind, name, code, parentId);
  }

  OrgUnit childByName(String storeId, String parentId, String name) {
    if (parentId == null) {
      return em.createQuery(
              "select u from OrgUnit u where u.storeId = :store and u.parentId is null and u.name = :name",
              OrgUnit.class)
          .setParameter("store", storeId)
          .setParameter("name", name)
          .getResultStream()
          .findFirst()
          .orElse(null);
    }
    return em.createNamedQuery("OrgUnit.childByName", OrgUnit.class)
        .setParameter("parent", parentId)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public OrgUnit unit(String unitId) {
    OrgUnit u = unitId == null ? null : em.find(OrgUnit.class, unitId);
    if (u == null) {
      throw Problem.notFound("organisation unit", unitId);
    }
    return u;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<OrgUnit> units(String storeId, String parentId) {
    if (parentId != null) {
      unit(parentId);
      return em.createNamedQuery("OrgUnit.children", OrgUnit.class)
          .setParameter("parent", parentId)
          .getResultList();
    }
    return em.createNamedQuery("OrgUnit.byStore", OrgUnit.class)
        .setParameter("store", storeId == null ? "default" : storeId)
        .getResultList();
  }

  /** Every school at or under the unit. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<OrgUnit> schoolsUnder(OrgUnit unit) {
    List<OrgUnit> out = new ArrayList<>();
    List<OrgUnit> todo = new ArrayList<>(List.of(unit));
    while (!todo.isEmpty()) {
      OrgUnit u = todo.remove(todo.size() - 1);
      if (u.kind().equals(OrgUnit.SCHOOL)) {
        out.add(u);
      } else {
        todo.addAll(
            em.createNamedQuery("OrgUnit.children", OrgUnit.class)
                .setParameter("parent", u.id())
                .getResultList());
      }
    }
    out.sort(java.util.Comparator.comparing(OrgUnit::name).thenComparing(OrgUnit::id));
    return out;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public OrgGroup createGroupInTx(String schoolId, String kind, String name) {
    OrgUnit school = unit(schoolId);
    if (!school.kind().equals(OrgUnit.SCHOOL)) {
      throw invalid(
          "schoolId", "classes and workshops are run by a school, not a " + school.kind());
    }
    if (!Set.of(OrgGroup.CLASS, OrgGroup.WORKSHOP).contains(kind)) {
      throw invalid("kind", "must be class or workshop");
    }
    if (name == null || name.isBlank()) {
      throw invalid("name", "is required");
    }
    if (group(schoolId, kind, name.trim()) != null) {
      throw new Problem(
          409,
          "conflict",
          "Conflict",
          school.name() + " already has a " + kind + " named " + name.trim());
    }
    OrgGroup g =
        new OrgGroup(
            UUID.randomUUID().toString(),
            school.storeId(),
            kind,
            name.trim(),
            schoolId,
            OffsetDateTime.now(ZoneOffset.UTC));
    em.persist(g);
    return g;
  }

  @Transactional
  public OrgGroup createGroup(String schoolId, String kind, String name) {
    return createGroupInTx(schoolId, kind, name);
  }

  OrgGroup group(String schoolId, String kind, String name) {
    return em.createNamedQuery("OrgGroup.byName", OrgGroup.class)
        .setParameter("school", schoolId)
        .setParameter("kind", kind)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public OrgGroup group(String groupId) {
    OrgGroup g = groupId == null ? null : em.find(OrgGroup.class, groupId);
    if (g == null) {
      throw Problem.notFound("class or workshop", groupId);
    }
    return g;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<OrgGroup> groups(String schoolId) {
    unit(schoolId);
    return em.createNamedQuery("OrgGroup.bySchool", OrgGroup.class)
        .setParameter("school", schoolId)
        .getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public boolean addMemberInTx(String groupId, String personId, String role) {
    OrgGroup g = group(groupId);
    Person p = person(personId, g.storeId());
    if (!Roles.GROUP_ROLES.contains(role)) {
      throw invalid("role", "must be one of " + Roles.GROUP_ROLES);
    }
    if (!members(groupId).contains(new Member(p.id(), role))) {
      em.createNativeQuery(
              "insert into org_membership (group_id, person_id, role) values (?, ?, ?)")
          .setParameter(1, groupId)
          .setParameter(2, p.id())
          .setParameter(3, role)
          .executeUpdate();
      return true;
    }
    return false;
  }

  @Transactional
  public void addMember(String groupId, String personId, String role) {
    addMemberInTx(groupId, personId, role);
  }

  @Transactional
  public void removeMember(String groupId, String personId, String role) {
    group(groupId);
    int n =
        em.createNativeQuery(
                "delete from org_membership where group_id = ? and person_id = ? and role = ?")
            .setParameter(1, groupId)
            .setParameter(2, personId)
            .setParameter(3, role)
            .executeUpdate();
    if (n == 0) {
      throw Problem.notFound("membership", personId + " as " + role);
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public List<Member> members(String groupId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select person_id, role from org_membership where group_id = ? order by role, person_id")
            .setParameter(1, groupId)
            .getResultList();
    return rows.stream().map(r -> new Member((String) r[0], (String) r[1])).toList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void addUnitRoleInTx(String unitId, String personId, String role) {
    OrgUnit u = unit(unitId);
    Person p = person(personId, u.storeId());
    if (!Roles.UNIT_ROLES.contains(role)) {
      throw invalid("role", "must be one of " + Roles.UNIT_ROLES);
    }
    if (!unitRoles(unitId).contains(new UnitRole(p.id(), role))) {
      em.createNativeQuery("insert into org_unit_role (unit_id, person_id, role) values (?, ?, ?)")
          .setParameter(1, unitId)
          .setParameter(2, p.id())
          .setParameter(3, role)
          .executeUpdate();
    }
  }

  @Transactional
  public void addUnitRole(String unitId, String personId, String role) {
    addUnitRoleInTx(unitId, personId, role);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public List<UnitRole> unitRoles(String unitId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select person_id, role from org_unit_role where unit_id = ? order by role, person_id")
            .setParameter(1, unitId)
            .getResultList();
    return rows.stream().map(r -> new UnitRole((String) r[0], (String) r[1])).toList();
  }

  /** Teachers (people whose school is) at or under the unit. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Person> teachersUnder(List<OrgUnit> schools) {
    if (schools.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select p from Person p where p.schoolId in :schools order by p.id", Person.class)
        .setParameter("schools", schools.stream().map(OrgUnit::id).toList())
        .getResultList();
  }

  private Person person(String personId, String storeId) {
    Person p = personId == null ? null : em.find(Person.class, personId);
    if (p == null || !p.storeId().equals(storeId)) {
      throw invalid("learnerId", "no learner '" + personId + "' in store " + storeId);
    }
    return p;
  }

  static Problem invalid(String field, String message) {
    return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)));
  }
}
