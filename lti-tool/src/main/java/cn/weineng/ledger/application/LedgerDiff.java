package cn.weineng.ledger.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.people.domain.Person;
import cn.weineng.people.domain.PersonIdentity;
import cn.weineng.policy.api.Credit;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.Requirement;
import cn.weineng.policy.api.Standing;
import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.application.StoredStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What would change if a store's statements were credited under another policy, or the same policy
 * with other settings: the store is replayed in stored order through the LRS's cursor and the
 * writer's own crediting step, into memory only, and every learner's candidate standing is compared
 * with the live one. Nothing is written.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LedgerDiff {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject StatementService statements;
  @Inject CredentialService credentials;
  @Inject PolicyRegistry policies;
  @Inject LedgerWriter writer;
  @Inject StandingService standings;

  /** One learner whose standing would change. */
  public record Change(
      String personId, String name, Standing live, Standing candidate, List<String> flipped) {}

  /** The whole answer. */
  public record Result(
      String storeId,
      String livePolicy,
      String candidatePolicy,
      Map<String, String> settings,
      long statements,
      int learners,
      List<Change> changes) {}

  public Result diff(
      String storeId,
      String livePolicyId,
      String candidatePolicyId,
      Map<String, String> settings,
      Instant asOf) {
    if (!credentials.storeExists(storeId)) {
      throw Problem.notFound("store", storeId);
    }
    PolicyRegistry.Installed live = policies.require(livePolicyId);
    PolicyRegistry.Installed candidateBase =
        policies.require(candidatePolicyId == null ? livePolicyId : candidatePolicyId);
    RegionPolicy candidate = policies.configure(candidateBase.id(), settings);

    // replay into memory: candidate lines per person
    Map<String, List<LedgerLine>> lines = new HashMap<>();
    Map<String, String> personOfIfi = new HashMap<>();
    Map<String, Optional<CatalogueCourse>> catalogue = new HashMap<>();
    long read = 0;
    long after = 0;
    while (true) {
      List<StoredStatement> page = statements.readInStoredOrder(storeId, after, 1000);
      if (page.isEmpty()) {
        break;
      }
      for (StoredStatement s : page) {
        read++;
        if (s.isVoiding() || s.actorIfi() == null || s.activityId() == null) {
          continue;
        }
        LearningActivity a =
            ActivityFacts.of(
                s, catalogue.computeIfAbsent(s.activityId(), id -> writer.listed(storeId, id)));
        List<Credit> credits = candidate.credit(a);
        if (credits.isEmpty()) {
          continue;
        }
        String person =
            personOfIfi.computeIfAbsent(
                s.actorIfi(),
                ifi -> {
                  PersonIdentity known =
                      em.find(PersonIdentity.class, new PersonIdentity.Key(storeId, ifi));
                  return known == null ? null : known.personId();
                });
        if (person == null) {
          continue; // a learner no policy has credited yet: not in the live records either
        }
        for (Credit c : credits) {
          lines.computeIfAbsent(person, k -> new ArrayList<>()).add(LedgerLine.of(a, c));
        }
      }
      after = page.get(page.size() - 1).seq();
    }

    List<Person> people =
        em.createQuery(
                "select p from Person p where p.storeId = :store order by p.id", Person.class)
            .setParameter("store", storeId)
            .getResultList();
    List<Change> changes = new ArrayList<>();
    EvaluationContext at = EvaluationContext.at(asOf);
    for (Person p : people) {
      Standing liveStanding = standings.evaluate(p, live, asOf).standing();
      LearnerFacts base = standings.facts(p, live);
      Standing cand =
          candidate.evaluate(
              LearnerFacts.builder(p.id())
                  .lines(lines.getOrDefault(p.id(), List.of()))
                  .segment(base.segment().orElse(null))
                  .subject(base.subject().orElse(null))
                  .birthYear(base.birthYear().isPresent() ? base.birthYear().getAsInt() : null)
                  .courseChoices(base.courseChoices())
                  .scores(base.scores())
                  .points(base.points())
                  .pointRange(base.pointRange().orElse(null))
                  .build(),
              at);
      List<String> flipped = flipped(liveStanding, cand);
      if (liveStanding.qualified() != cand.qualified()
          || liveStanding.totalSeconds() != cand.totalSeconds()
          || !liveStanding.credits().equals(cand.credits())
          || !flipped.isEmpty()) {
        changes.add(new Change(p.id(), p.displayName(), liveStanding, cand, flipped));
      }
    }
    return new Result(
        storeId,
        live.id(),
        candidateBase.id(),
        new LinkedHashMap<>(settings),
        read,
        people.size(),
        changes);
  }

  /** Requirement keys (with scope) met in one standing and not the other, or in one only. */
  static List<String> flipped(Standing a, Standing b) {
    Map<String, Boolean> ma = met(a);
    Map<String, Boolean> mb = met(b);
    TreeSet<String> keys = new TreeSet<>(ma.keySet());
    keys.addAll(mb.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!ma.getOrDefault(k, true).equals(mb.getOrDefault(k, true))) {
        out.add(k);
      }
    }
    return out;
  }

  private static Map<String, Boolean> met(Standing s) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (Requirement r : s.requirements()) {
      m.put(r.key() + r.scope().map(x -> "@" + x).orElse(""), r.met());
    }
    return m;
  }
}
