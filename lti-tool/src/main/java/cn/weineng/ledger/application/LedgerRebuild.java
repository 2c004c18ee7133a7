package cn.weineng.ledger.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.LedgerActivity;
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
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Rebuilds a store's ledger from the LRS: reads its statements in stored order through the LRS's
 * in-process cursor, records each again through the live writer's own crediting path, and makes the
 * ledger's rows for them agree: a row no longer earned is removed, a new or changed one written, an
 * equal one left alone, so rebuilding an unchanged ledger writes nothing. The scores taken from
 * statements are taken again.
 *
 * <p>The store is marked as rebuilding ({@code ledger_rebuild_due}) for the whole run, and every
 * reading of its ledger (standings, lines, unit standings, reports, links) answers 503 with
 * Retry-After until the mark is gone, so nobody reads half a ledger. The work commits one page of
 * {@link #PAGE} statements at a time: a transaction of a million rows costs H2 as long to commit as
 * to write. Live ingestion goes on meanwhile: its rows survive, and a statement both credited live
 * and read by the cursor is written once (the inserts skip a row that is there). A run cut short
 * leaves the mark, and the next start rebuilds the store again ({@link DueRebuilds}).
 */
@ApplicationScoped
public class LedgerRebuild {

  private static final Logger LOG = Logger.getLogger(LedgerRebuild.class.getName());
  static final int PAGE = 5000;

  /** Rows per INSERT statement (multi-row VALUES), and statements per JDBC batch. */
  static final int ROWS = 100;

  static final int BATCH = 10;

  @Inject CredentialService credentials;
  @Inject LedgerWriter writer;
  @Inject Steps steps;

  private final Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** What a rebuild read and wrote. */
  public record Result(
      String storeId, long statements, long activities, long scores, long millis) {}

  public Result rebuild(String storeId) {
    if (!credentials.storeExists(storeId)) {
      throw Problem.notFound("store", storeId);
    }
    if (!running.add(storeId)) {
      throw new Problem(
          409,
          "rebuild-running",
          "Rebuild running",
          "the ledger of store " + storeId + " is being rebuilt; wait for that rebuild to end");
    }
    try {
      long t0 = System.nanoTime();
      steps.mark(storeId);
      steps.deleteDerivedScores(storeId);
      LedgerWriter.Lookups lookups = writer.remembering(storeId);
      long read = 0;
      long activities = 0;
      long scores = 0;
      long changed = 0;
      for (long after = 0; ; ) {
        Steps.Page page = steps.page(storeId, after, lookups);
        if (page.read() == 0) {
          break;
        }
        read += page.read();
        activities += page.activities();
        scores += page.scores();
        changed += page.changed();
        after = page.lastSeq();
      }
      steps.unmark(storeId);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long n = read;
      long a = activities;
      long c = changed;
      LOG.info(
          () ->
              "ledger of store "
                  + storeId
                  + " rebuilt: "
                  + n
                  + " statements, "
                  + a
                  + " credited activities ("
                  + c
                  + " rows written or removed), "
                  + ms
                  + " ms");
      return new Result(storeId, read, activities, scores, ms);
    } finally {
      running.remove(storeId);
    }
  }

  /** The steps of a rebuild, each its own transaction. */
  @ApplicationScoped
  public static class Steps {

    @PersistenceContext(unitName = "weineng")
    EntityManager em;

    @Inject StatementService statements;
    @Inject LedgerWriter writer;
    @Inject cn.weineng.common.infrastructure.InsertIfAbsent inserts;
    @Inject cn.weineng.common.infrastructure.SchemaMigrator schema;

    /**
     * What one page read and kept; {@code changed} counts the rows it wrote or removed, {@code read
     * == 0} at the end of the store.
     */
    public record Page(int read, long lastSeq, long activities, long scores, long changed) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void mark(String storeId) {
      inserts.insert(
          em,
          "ledger_rebuild_due",
          cn.weineng.common.infrastructure.InsertIfAbsent.row("store_id", storeId),
          List.of("store_id"));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unmark(String storeId) {
      em.createNativeQuery("delete from ledger_rebuild_due where store_id = ?")
          .setParameter(1, storeId)
          .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deleteDerivedScores(String storeId) {
      em.createNamedQuery("AssessmentScore.deleteDerived")
          .setParameter("store", storeId)
          .executeUpdate();
    }

    /**
     * Reads and records the store's next page of statements after {@code after}, writing only what
     * differs from the ledger's rows for those statements: a row no longer earned is removed, a new
     * or changed one written, an equal one left alone. A rebuild over an unchanged ledger writes
     * nothing; rows of statements this page did not read (credited live meanwhile) are not touched.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Page page(String storeId, long after, LedgerWriter.Lookups lookups) {
      List<StoredStatement> page = statements.readInStoredOrder(storeId, after, PAGE);
      if (page.isEmpty()) {
        return new Page(0, after, 0, 0, 0);
      }
      long last = page.get(page.size() - 1).seq();
      // the persistence context's own connection: the learners created on the way are visible
      // to the batches, and the page commits or rolls back as one
      Connection c = em.unwrap(Connection.class);
      try (BatchSink sink = new BatchSink(c, schema.isPostgreSql())) {
        java.util.Map<Long, LedgerActivity> earned = new java.util.HashMap<>();
        LedgerWriter.Sink collect =
            new LedgerWriter.Sink() {
              @Override
              public void activity(LedgerActivity row) {
                earned.put(row.statementSeq(), row);
              }

              @Override
              public void score(AssessmentScoreEntity row) {
                sink.score(row);
              }
            };
        // voided statements are not in the cursor; voiding ones remove nothing that is there
        long activities = writer.write(storeId, page, Set.of(), collect, lookups);
        java.util.Map<Long, LedgerActivity> held = new java.util.HashMap<>();
        for (LedgerActivity row :
            em.createNamedQuery("LedgerActivity.inRange", LedgerActivity.class)
                .setParameter("store", storeId)
                .setParameter("after", after)
                .setParameter("last", last)
                .getResultList()) {
          held.put(row.statementSeq(), row);
        }
        List<Long> remove = new ArrayList<>();
        List<LedgerActivity> write = new ArrayList<>();
        for (StoredStatement s : page) {
          LedgerActivity now = earned.get(s.seq());
          LedgerActivity before = held.get(s.seq());
          if (now != null && now.sameAs(before)) {
            continue;
          }
          if (before != null) {
            remove.add(s.seq());
          }
          if (now != null) {
            write.add(now);
          }
        }
        em.flush();
        em.clear();
        for (int i = 0; i < remove.size(); i += 1000) {
          em.createNamedQuery("LedgerActivity.deleteAt")
              .setParameter("store", storeId)
              .setParameter("seqs", remove.subList(i, Math.min(remove.size(), i + 1000)))
              .executeUpdate();
        }
        write.forEach(sink::activity);
        sink.flush();
        return new Page(
            page.size(), last, activities, sink.scores, (long) remove.size() + write.size());
      } catch (SQLException e) {
        throw new IllegalStateException("the ledger rebuild of store " + storeId + " failed", e);
      }
    }
  }

  /** Ledger rows as JDBC batches of multi-row inserts. */
  static final class BatchSink implements LedgerWriter.Sink, AutoCloseable {
    private final Rows<LedgerActivity> activities;
    private final Rows<AssessmentScoreEntity> scoreRows;
    long scores;

    /**
     * Rows that are there already (a statement credited live while the rebuild ran) are left as
     * they are: {@code ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE … KEY} on H2.
     */
    BatchSink(Connection c, boolean postgresql) throws SQLException {
      activities =
          new Rows<>(
              c,
              upsert(
                  postgresql,
                  "ledger_activity (statement_seq, store_id, person_id, actor_ifi,"
                      + " statement_id, verb_id, occurred_at, activity_id, activity_type, kind,"
                      + " duration_ms, nominal_seconds, completion, success, score_scaled, topics,"
                      + " catalogue_course_id, completes_per_catalogue, recorded_at)",
                  "statement_seq"),
              postgresql ? " on conflict do nothing" : "",
              19,
              BatchSink::bindActivity);
      scoreRows =
          new Rows<>(
              c,
              upsert(
                  postgresql,
                  "assessment_score (id, person_id, assessment, source, score_value,"
                      + " score_max, recorded_at, created_at, store_id, statement_id, actor_ifi)",
                  "id"),
              postgresql ? " on conflict do nothing" : "",
              11,
              BatchSink::bindScore);
    }

    private static String upsert(boolean postgresql, String tableAndColumns, String key) {
      return postgresql
          ? "insert into " + tableAndColumns + " values "
          : "merge into " + tableAndColumns + " key (" + key + ") values ";
    }

    @Override
    public void activity(LedgerActivity row) {
      activities.add(row);
    }

    @Override
    public void score(AssessmentScoreEntity row) {
      scoreRows.add(row);
      scores++;
    }

    private static int bindActivity(PreparedStatement ps, int p, LedgerActivity a)
        throws SQLException {
      ps.setLong(p++, a.statementSeq());
      ps.setString(p++, a.storeId());
      ps.setString(p++, a.personId());
      ps.setString(p++, a.actorIfi());
      ps.setString(p++, a.statementId());
      ps.setString(p++, a.verbId());
      ps.setObject(p++, a.occurredAt());
      ps.setString(p++, a.activityId());
      ps.setString(p++, a.activityType());
      ps.setString(p++, a.kind());
      setLong(ps, p++, a.durationMillis());
      setLong(ps, p++, a.nominalSeconds());
      setBoolean(ps, p++, a.completion());
      setBoolean(ps, p++, a.success());
      if (a.scoreScaled() == null) {
        ps.setNull(p++, Types.DOUBLE);
      } else {
        ps.setDouble(p++, a.scoreScaled());
      }
      ps.setString(p++, a.topicsColumn());
      ps.setString(p++, a.catalogueCourseId());
      ps.setBoolean(p++, a.completesPerCatalogue());
      ps.setObject(p++, a.recordedAt());
      return p;
    }

    private static int bindScore(PreparedStatement ps, int p, AssessmentScoreEntity s)
        throws SQLException {
      ps.setString(p++, s.id());
      ps.setString(p++, s.personId());
      ps.setString(p++, s.assessment());
      ps.setString(p++, s.source());
      ps.setBigDecimal(p++, s.value());
      ps.setBigDecimal(p++, s.max());
      ps.setObject(p++, s.recordedAt());
      ps.setObject(p++, s.createdAt());
      ps.setString(p++, s.storeId());
      ps.setString(p++, s.statementId());
      ps.setString(p++, s.actorIfi());
      return p;
    }

    private static void setLong(PreparedStatement ps, int p, Long v) throws SQLException {
      if (v == null) {
        ps.setNull(p, Types.BIGINT);
      } else {
        ps.setLong(p, v);
      }
    }

    private static void setBoolean(PreparedStatement ps, int p, Boolean v) throws SQLException {
      if (v == null) {
        ps.setNull(p, Types.BOOLEAN);
      } else {
        ps.setBoolean(p, v);
      }
    }

    @Override
    public void written() {
      try {
        flush();
      } catch (SQLException e) {
        throw new IllegalStateException("ledger rows could not be written", e);
      }
    }

    /** Writes everything added so far. */
    void flush() throws SQLException {
      activities.flush();
      scoreRows.flush();
    }

    @Override
    public void close() throws SQLException {
      flush();
      activities.close();
      scoreRows.close();
    }
  }

  /** Binds one row's values from parameter {@code p} on, answering the next parameter index. */
  interface Binder<T> {
    int bind(PreparedStatement ps, int p, T row) throws SQLException;
  }

  /** Rows of one table, {@link #ROWS} to an INSERT, {@link #BATCH} INSERTs to a JDBC batch. */
  static final class Rows<T> implements AutoCloseable {
    private final Connection connection;
    private final String head;
    private final String tail;
    private final int columns;
    private final Binder<T> binder;
    private final List<T> pending = new ArrayList<>(ROWS);
    private PreparedStatement full;
    private int batched;

    Rows(Connection c, String head, String tail, int columns, Binder<T> binder) {
      this.connection = c;
      this.head = head;
      this.tail = tail;
      this.columns = columns;
      this.binder = binder;
    }

    private String sql(int rows) {
      String one = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
      return head + String.join(", ", java.util.Collections.nCopies(rows, one)) + tail;
    }

    void add(T row) {
      pending.add(row);
      if (pending.size() == ROWS) {
        try {
          if (full == null) {
            full = connection.prepareStatement(sql(ROWS));
          }
          bindAll(full, pending);
          full.addBatch();
          pending.clear();
          if (++batched == BATCH) {
            full.executeBatch();
            batched = 0;
          }
        } catch (SQLException ex) {
          throw new IllegalStateException("ledger rows could not be written", ex);
        }
      }
    }

    private void bindAll(PreparedStatement ps, List<T> rows) throws SQLException {
      int p = 1;
      for (T row : rows) {
        p = binder.bind(ps, p, row);
      }
    }

    void flush() throws SQLException {
      if (batched > 0) {
        full.executeBatch();
        batched = 0;
      }
      if (!pending.isEmpty()) {
        try (PreparedStatement rest = connection.prepareStatement(sql(pending.size()))) {
          bindAll(rest, pending);
          rest.executeUpdate();
        }
        pending.clear();
      }
    }

    @Override
    public void close() throws SQLException {
      if (full != null) {
        full.close();
      }
    }
  }
}
