package cn.weineng.people.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.people.domain.Person;
import cn.weineng.people.domain.PersonIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Links and unlinks the identities (LTI accounts, vendors' accounts and mboxes) a person is known
 * by. Linking moves the identity, and every activity and score recorded under it, to the person;
 * unlinking returns it, with them, to the person it created when first seen. So linking then
 * unlinking restores both records, and no line is ever computed twice.
 */
@ApplicationScoped
public class Linking {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject InsertIfAbsent inserts;

  /**
   * Links {@code ifi} to the person, in the caller's transaction.
   *
   * @return true when something moved or was added
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean linkInTx(String personId, String ifi) {
    Person person = em.find(Person.class, personId);
    if (person == null) {
      throw Problem.notFound("learner", personId);
    }
    String store = person.storeId();
    PersonIdentity known = em.find(PersonIdentity.class, new PersonIdentity.Key(store, ifi));
    if (known != null && known.personId().equals(personId)) {
      return false;
    }
    requireLedgerReady(store);
    String from = known == null ? null : known.personId();
    if (known == null) {
      inserts.insert(
          em,
          "person_identity",
          InsertIfAbsent.row(
              "store_id",
              store,
              "ifi",
              ifi,
              "person_id",
              personId,
              "created_at",
              OffsetDateTime.now(ZoneOffset.UTC)),
          List.of("store_id", "ifi"));
    } else {
      known.belongTo(personId);
    }
    em.flush();
    if (from != null) {
      moveLines(store, ifi, from, personId);
    }
    return true;
  }

  @Transactional
  public void link(String personId, String ifi) {
    linkInTx(personId, ifi);
  }

  /** Returns {@code ifi} (and its lines) from the person to the person it created. */
  @Transactional
  public String unlink(String personId, String ifi) {
    Person person = em.find(Person.class, personId);
    if (person == null) {
      throw Problem.notFound("learner", personId);
    }
    String store = person.storeId();
    PersonIdentity known = em.find(PersonIdentity.class, new PersonIdentity.Key(store, ifi));
    if (known == null || !known.personId().equals(personId)) {
      throw Problem.invalid(
          "learner " + personId + " is not known by that identifier",
          List.of(new Problem.FieldError("identifier", "is not linked to this learner")));
    }
    requireLedgerReady(store);
    String own = PersonDirectory.derivedId(store, ifi);
    if (own.equals(personId)) {
      throw new Problem(
          409,
          "conflict",
          "Conflict",
          "the identifier created this learner; link it to another learner instead of unlinking it");
    }
    if (em.find(Person.class, own) == null) {
      inserts.insert(
          em,
          "person",
          InsertIfAbsent.row(
              "id", own, "store_id", store, "created_at", OffsetDateTime.now(ZoneOffset.UTC)),
          List.of("id"));
    }
    known.belongTo(own);
    em.flush();
    moveLines(store, ifi, personId, own);
    return own;
  }

  /** Links move ledger rows: not while the store's ledger is being rebuilt. */
  private void requireLedgerReady(String store) {
    cn.weineng.ledger.application.StandingService.requireReady(em, store);
  }

  /** Moves what was earned under {@code ifi} from the person it belonged to, to another. */
  private void moveLines(String store, String ifi, String from, String to) {
    em.createQuery(
            "update AssessmentScoreEntity s set s.personId = :to where s.storeId = :store"
                + " and s.actorIfi = :ifi")
        .setParameter("to", to)
        .setParameter("store", store)
        .setParameter("ifi", ifi)
        .executeUpdate();
    // an identifier belongs to one person at a time, so its rows are all among that person's
    em.createQuery(
            "update LedgerActivity a set a.personId = :to where a.personId = :from"
                + " and a.actorIfi = :ifi and a.storeId = :store")
        .setParameter("to", to)
        .setParameter("from", from)
        .setParameter("store", store)
        .setParameter("ifi", ifi)
        .executeUpdate();
  }
}
