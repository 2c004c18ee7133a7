package cn.weineng.lti.application;

import cn.weineng.lti.domain.Person;
import cn.weineng.lti.domain.PersonIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Finds the person an agent identifier belongs to in a store, creating one on first sight. Creation
 * commits on its own so that two requests meeting the same new learner at once end with one person.
 */
@ApplicationScoped
public class PersonDirectory {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** The id of the person known by {@code ifi} in the store. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public String resolve(String storeId, String ifi) {
    PersonIdentity known = em.find(PersonIdentity.class, new PersonIdentity.Key(storeId, ifi));
    if (known != null) {
      return known.personId();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Person person = new Person(UUID.randomUUID().toString(), storeId, now);
    em.persist(person);
    em.persist(new PersonIdentity(storeId, ifi, person.id(), now));
    try {
      em.flush();
    } catch (PersistenceException e) {
      // a concurrent request created the identity first; the caller retries and finds it
      throw new ConcurrentCreation();
    }
    return person.id();
  }

  /** Raised when another transaction created the same identity first. */
  public static final class ConcurrentCreation extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
