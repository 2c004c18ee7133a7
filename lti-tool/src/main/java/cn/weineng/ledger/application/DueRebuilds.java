package cn.weineng.ledger.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Rebuilds, at start-up, the ledgers a migration marked as due ({@code ledger_rebuild_due}): a
 * ledger is derived from the statements, so a migration that changes its form leaves it to be
 * written again from them instead of converting it. Each store is rebuilt in its own transaction,
 * which also clears its mark.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DueRebuilds {

  private static final Logger LOG = Logger.getLogger(DueRebuilds.class.getName());

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject LedgerRebuild rebuild;

  @PostConstruct
  void rebuildDue() {
    @SuppressWarnings("unchecked")
    List<String> due =
        em.createNativeQuery(
                "select d.store_id from ledger_rebuild_due d"
                    + " where d.store_id in (select s.id from lrs_store s) order by d.store_id")
            .getResultList();
    for (String store : due) {
      LOG.info(() -> "rebuilding the ledger of store " + store + " after a schema change");
      rebuild.rebuild(store);
    }
  }
}
