package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.StoreService;
import cn.weineng.xapi.infrastructure.persistence.StoreEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Stores in the lrs_store table. */
@ApplicationScoped
public class DefaultStoreService implements StoreService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Override
  @Transactional
  public boolean create(String id, String name) {
    if (em.find(StoreEntity.class, id) != null) {
      return false;
    }
    em.persist(new StoreEntity(id, name, OffsetDateTime.now(ZoneOffset.UTC)));
    return true;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<StoreInfo> list() {
    return em
        .createQuery("select s from StoreEntity s order by s.id", StoreEntity.class)
        .getResultList()
        .stream()
        .map(s -> new StoreInfo(s.id(), s.name()))
        .toList();
  }
}
