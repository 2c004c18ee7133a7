package cn.weineng.people.application;

import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.people.domain.PersonIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Finds the person an agent identifier belongs to in a store, creating one on first sight, in the
 * caller's transaction: if the caller rolls back, no person is left behind. A new person's id is
 * derived from the store and identifier, so two transactions meeting the same new learner at once
 * create the same row, once.
 */
@ApplicationScoped
public class PersonDirectory {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject InsertIfAbsent inserts;

  /**
   * The id of the person an identifier creates when first seen: derived from the store and the
   * identifier, so that unlinking an identifier returns it to the same person.
   */
  public static String derivedId(String storeId, String ifi) {
    return UUID.nameUUIDFromBytes(
            ("person|" + storeId + "|" + ifi).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The person the institute knows by its own id (工号) in the store. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Optional<cn.weineng.people.domain.Person> byExternalId(
      String storeId, String externalId) {
    return em.createNamedQuery("Person.byExternalId", cn.weineng.people.domain.Person.class)
        .setParameter("store", storeId)
        .setParameter("ext", externalId)
        .getResultStream()
        .findFirst();
  }

  /** The id of the person known by {@code ifi} in the store. */
  @Transactional(Transactional.TxType.MANDATORY)
  public String resolve(String storeId, String ifi) {
    PersonIdentity known = em.find(PersonIdentity.class, new PersonIdentity.Key(storeId, ifi));
    if (known != null) {
      return known.personId();
    }
    String personId = derivedId(storeId, ifi);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    inserts.insert(
        em,
        "person",
        InsertIfAbsent.row("id", personId, "store_id", storeId, "created_at", now),
        List.of("id"));
    inserts.insert(
        em,
        "person_identity",
        InsertIfAbsent.row(
            "store_id", storeId, "ifi", ifi, "person_id", personId, "created_at", now),
        List.of("store_id", "ifi"));
    return em.createQuery(
            "select i.personId from PersonIdentity i where i.storeId = :store and i.ifi = :ifi",
            String.class)
        .setParameter("store", storeId)
        .setParameter("ifi", ifi)
        .getSingleResult();
  }

  /**
   * The persons the identifiers of a store already belong to, in one query served by the {@code
   * (store_id, ifi)} key on either database ({@code KeyedQueries.keyed}).
   */
  public static java.util.Map<String, String> known(
      java.sql.Connection c, boolean postgresql, String storeId, java.util.Collection<String> ifis)
      throws java.sql.SQLException {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    cn.weineng.xapi.application.KeyedQueries.forEach(
        c,
        postgresql,
        "s.ifi, s.person_id",
        "person_identity",
        "ifi",
        "",
        storeId,
        ifis,
        r -> out.put(r.getString(1), r.getString(2)));
    return out;
  }
}
