package cn.weineng.organisation.application;

import cn.weineng.organisation.domain.OrgGroup;
import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.organisation.domain.Roles;
import cn.weineng.people.domain.Person;
import cn.weineng.policy.api.OrganisationFacts;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a policy may judge an organisation unit by: its schools, their groups, sizes and subjects.
 */
final class OrganisationFactsBuilder {

  private OrganisationFactsBuilder() {}

  static OrganisationFacts of(EntityManager em, OrganisationService orgs, OrgUnit unit) {
    List<OrganisationFacts.School> schools = new ArrayList<>();
    for (OrgUnit school : orgs.schoolsUnder(unit)) {
      List<OrganisationFacts.Group> groups = new ArrayList<>();
      for (OrgGroup g : orgs.groups(school.id())) {
        int teachers = 0;
        List<String> subjects = new ArrayList<>();
        Set<String> fromSchools = new HashSet<>();
        for (OrganisationService.Member m : orgs.members(g.id())) {
          if (!m.role().equals(Roles.TEACHER)) {
            continue;
          }
          teachers++;
          Person p = em.find(Person.class, m.personId());
          if (p.subject() != null) {
            subjects.add(p.subject());
          }
          fromSchools.add(p.schoolId() == null ? school.id() : p.schoolId());
        }
        groups.add(
            OrganisationFacts.Group.of(
                g.id(), g.kind(), g.name(), teachers, subjects, Math.max(1, fromSchools.size())));
      }
      schools.add(OrganisationFacts.School.of(school.id(), school.name(), groups));
    }
    return OrganisationFacts.of(unit.id(), unit.kind(), schools);
  }
}
