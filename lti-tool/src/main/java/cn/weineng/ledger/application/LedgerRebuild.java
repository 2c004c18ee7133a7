package cn.weineng.ledger.application;

import cn.weineng.ledger.domain.LedgerEntry;
import cn.weineng.lti.domain.Problem;
import cn.weineng.lti.infrastructure.SchemaMigrator;
import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.application.StoredStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Rebuilds a store's ledger from the LRS: deletes its lines (and the scores derived from
 * statements) and credits its statements again, in stored order, through the LRS's in-process
 * cursor and the live writer's own crediting path. Lines go to the database in JDBC batches, on the
 * transaction's own connection; the whole rebuild is one transaction, so readers see the old ledger
 * or the new one, never half of it.
 */
@ApplicationScoped
public class LedgerRebuild {

  private static final Logger LOG = Logger.getLogger(LedgerRebuild.class.getName());
  static final int PAGE = 5000;

  /** Lines per INSERT statement (multi-row VALUES), and statements per JDBC batch. */
  static final int ROWS = 100;

  static final int BATCH = 10;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject StatementService statements;
  @Inject CredentialService credentials;
  @Inject LedgerWriter writer;
  @Inject SchemaMigrator schema;

  /** What a rebuild read and wrote. */
  public record Result(String storeId, long statements, long lines, long millis) {}

  @Transactional
  public Result rebuild(String storeId) {
    if (!credentials.storeExists(storeId)) {
      throw Problem.notFound("store", storeId);
    }
    long t0 = System.nanoTime();
    em.createNamedQuery("LedgerEntry.deleteForStore")
        .setParameter("store", storeId)
        .executeUpdate();
    em.createNamedQuery("AssessmentScore.deleteDerived")
        .setParameter("store", storeId)
        .executeUpdate();
    em.flush();
    long read = 0;
    long lines = 0;
    long after = 0;
    LedgerWriter.Lookups lookups = writer.remembering(storeId);
    // the persistence context's own connection: the learners it creates on the way are visible to
    // the batches, and everything commits or rolls back together
    Connection c = em.unwrap(Connection.class);
    try (BatchSink sink = new BatchSink(c, schema.isPostgreSql())) {
      while (true) {
        List<StoredStatement> page = statements.readInStoredOrder(storeId, after, PAGE);
        if (page.isEmpty()) {
          break;
        }
        // voided statements are not in the cursor; voiding ones remove nothing that is there
        lines += writer.write(storeId, page, Set.of(), sink, lookups);
        read += page.size();
        after = page.get(page.size() - 1).seq();
        em.flush();
        sink.flush();
        em.clear();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the ledger rebuild of store " + storeId + " failed", e);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long n = read;
    long l = lines;
    LOG.info(
        () ->
            "ledger of store "
                + storeId
                + " rebuilt: "
                + n
                + " statements, "
                + l
                + " lines, "
                + ms
                + " ms");
    return new Result(storeId, read, lines, ms);
  }

  /** Ledger lines as JDBC batches of multi-row inserts. */
  static final class BatchSink implements LedgerWriter.Sink, AutoCloseable {
    private final Connection connection;
    private final String next;
    private final PreparedStatement full;
    private final List<LedgerEntry> pending = new java.util.ArrayList<>(ROWS);
    private int batched;

    BatchSink(Connection c, boolean postgresql) throws SQLException {
      connection = c;
      next = postgresql ? "nextval('ledger_entry_seq')" : "next value for ledger_entry_seq";
      full = c.prepareStatement(sql(ROWS));
    }

    private String sql(int rows) {
      StringBuilder b =
          new StringBuilder(
              "insert into ledger_entry (id, store_id, person_id, policy_id, ruleset_version,"
                  + " statement_id, activity_id, bucket, unit, seconds, occurred_at, rule_id, topics,"
                  + " catalogue_course_id, actor_ifi, recorded_at) values ");
      for (int i = 0; i < rows; i++) {
        b.append(i == 0 ? "" : ", ")
            .append('(')
            .append(next)
            .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      return b.toString();
    }

    @Override
    public void line(LedgerEntry e) {
      pending.add(e);
      if (pending.size() == ROWS) {
        try {
          bind(full, pending);
          full.addBatch();
          pending.clear();
          if (++batched == BATCH) {
            full.executeBatch();
            batched = 0;
          }
        } catch (SQLException ex) {
          throw new IllegalStateException("ledger lines could not be written", ex);
        }
      }
    }

    private static void bind(PreparedStatement ps, List<LedgerEntry> rows) throws SQLException {
      int p = 1;
      for (LedgerEntry e : rows) {
        ps.setString(p++, e.storeId());
        ps.setString(p++, e.personId());
        ps.setString(p++, e.policyId());
        ps.setString(p++, e.rulesetVersion());
        ps.setString(p++, e.statementId());
        ps.setString(p++, e.activityId());
        ps.setString(p++, e.key());
        ps.setString(p++, e.unit());
        ps.setLong(p++, e.amount());
        ps.setObject(p++, e.occurredAt());
        ps.setString(p++, e.ruleId());
        ps.setString(p++, e.topicsColumn());
        ps.setString(p++, e.catalogueCourseId());
        ps.setString(p++, e.actorIfi());
        ps.setObject(p++, e.recordedAt());
      }
    }

    /** Writes everything added so far. */
    void flush() throws SQLException {
      if (batched > 0) {
        full.executeBatch();
        batched = 0;
      }
      if (!pending.isEmpty()) {
        try (PreparedStatement rest = connection.prepareStatement(sql(pending.size()))) {
          bind(rest, pending);
          rest.executeUpdate();
        }
        pending.clear();
      }
    }

    @Override
    public void close() throws SQLException {
      flush();
      full.close();
    }
  }
}
