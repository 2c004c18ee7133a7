package cn.weineng.ledger.application;

import cn.weineng.lti.domain.Problem;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.application.StoreService;
import cn.weineng.xapi.application.StoredStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a store's ledger from the LRS: deletes its lines and credits its statements again, in
 * stored order, through the LRS's in-process cursor and the live writer's own path.
 */
@ApplicationScoped
public class LedgerRebuild {

  static final int PAGE = 1000;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject StatementService statements;
  @Inject StoreService stores;
  @Inject LedgerWriter writer;

  /** What a rebuild read and wrote. */
  public record Result(String storeId, long statements, long lines) {}

  @Transactional
  public Result rebuild(String storeId) {
    if (stores.list().stream().noneMatch(s -> s.id().equals(storeId))) {
      throw Problem.notFound("store", storeId);
    }
    em.createNamedQuery("LedgerEntry.deleteForStore")
        .setParameter("store", storeId)
        .executeUpdate();
    long read = 0;
    long lines = 0;
    long after = 0;
    while (true) {
      List<StoredStatement> page = statements.readInStoredOrder(storeId, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      // voided statements are not in the cursor; voiding ones remove nothing that is there
      lines += writer.write(storeId, page, Set.of());
      read += page.size();
      after = page.get(page.size() - 1).seq();
      em.flush();
      em.clear();
    }
    return new Result(storeId, read, lines);
  }
}
