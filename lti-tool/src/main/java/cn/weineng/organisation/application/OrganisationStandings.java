package cn.weineng.organisation.application;

import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.ledger.application.StandingService;
import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.people.domain.Person;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.OrganisationStanding;
import cn.weineng.policy.api.Standing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit's standing under a policy: the policy's organisation rules, and for the unit and each of
 * its schools the teachers, how many take part (参训: at least one ledger line under the policy) and
 * how many pass (合格), with the rates.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrganisationStandings {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject OrganisationService organisations;
  @Inject StandingService standings;
  @Inject PolicyRegistry policies;

  /** Teachers, participants and passes. */
  public record Tally(String unitId, String name, int teachers, int participating, int qualified) {
    public double participationRate() {
      return teachers == 0 ? 0 : Math.floor(participating * 1000.0 / teachers) / 1000.0;
    }

    /** 合格率: of those who take part, the share who pass. */
    public double passRate() {
      return participating == 0 ? 0 : Math.floor(qualified * 1000.0 / participating) / 1000.0;
    }

    /** 目标达成率: of all teachers, the share who pass. */
    public double achievementRate() {
      return teachers == 0 ? 0 : Math.floor(qualified * 1000.0 / teachers) / 1000.0;
    }
  }

  /** The whole answer. */
  public record Result(
      OrgUnit unit,
      PolicyRegistry.Installed policy,
      Instant asOf,
      Tally total,
      List<Tally> schools,
      OrganisationStanding rules) {}

  public Result evaluate(String unitId, String policyId, Instant asOf) {
    OrgUnit unit = organisations.unit(unitId);
    PolicyRegistry.Installed policy =
        policies.require(policyId == null ? standings.storePolicy(unit.storeId()) : policyId);
    List<OrgUnit> schools = organisations.schoolsUnder(unit);
    List<Tally> perSchool = new ArrayList<>();
    int teachers = 0;
    int participating = 0;
    int qualified = 0;
    for (OrgUnit school : schools) {
      int t = 0;
      int p = 0;
      int q = 0;
      List<Person> staff = organisations.teachersUnder(List.of(school));
      for (Standing s : standings.evaluateAll(staff, policy, asOf).values()) {
        t++;
        if (s.totalSeconds() > 0 || s.counters().values().stream().anyMatch(n -> n > 0)) {
          p++;
        }
        if (s.qualified()) {
          q++;
        }
      }
      perSchool.add(new Tally(school.id(), school.name(), t, p, q));
      teachers += t;
      participating += p;
      qualified += q;
    }
    OrganisationStanding rules =
        policy
            .policy()
            .evaluateOrganisation(
                OrganisationFactsBuilder.of(em, organisations, unit), EvaluationContext.at(asOf));
    return new Result(
        unit,
        policy,
        asOf,
        new Tally(unit.id(), unit.name(), teachers, participating, qualified),
        perSchool,
        rules);
  }
}
