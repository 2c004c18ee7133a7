package cn.weineng.xapi.infrastructure.persistence;

import cn.weineng.xapi.application.KeyedQueries;
import cn.weineng.xapi.domain.StatementMentions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The statement table and its mention index written through JDBC batches: the ingest path. Rows go
 * to the connection of the caller's transaction, so they commit or roll back with everything else
 * the request writes.
 *
 * <p><b>Storage order.</b> A statement's storage position ({@code seq}) comes from the database
 * sequence, taken for each request at the moment its statements get their {@code stored} time: a
 * statement with a lower position was given its position no later than one with a higher position,
 * so its {@code stored} time is at most {@link #CLOCK_MARGIN_SECONDS} later (the margin covers the
 * few milliseconds between the two and the clocks of several nodes). The query path turns {@code
 * since} and {@code until} into position bounds with that rule. No position is handed out from a
 * per-process pool: such a pool would let a position taken minutes ago be stored now.
 */
public final class StatementTable {

  /** How many positions one value of the sequence stands for (its increment). */
  public static final int BLOCK = 50;

  /**
   * How far a statement's {@code stored} time may lag behind one stored at a higher position: the
   * clocks of the nodes that store statements must agree within this.
   */
  public static final long CLOCK_MARGIN_SECONDS = 60;

  private static final String INSERT_STATEMENT =
      "insert into xapi_statement (seq, store_id, statement_id, verb_id, registration, ts, stored,"
          + " voided, voiding_target, xapi_version, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)";
  private static final String INSERT_AGENT =
      "insert into xapi_statement_agent (statement_seq, store_id, ifi, role) values (?, ?, ?, ?)";
  private static final String INSERT_ACTIVITY =
      "insert into xapi_statement_activity (statement_seq, store_id, activity_id, role)"
          + " values (?, ?, ?, ?)";

  /** One statement as stored, with what it mentions. */
  public record Row(
      String storeId,
      String statementId,
      String verbId,
      String registration,
      OffsetDateTime timestamp,
      OffsetDateTime stored,
      boolean voided,
      String voidingTarget,
      String xapiVersion,
      String payload,
      StatementMentions mentions) {}

  private final Connection c;
  private final boolean postgresql;

  public StatementTable(Connection c) throws SQLException {
    this.c = c;
    this.postgresql = isPostgreSql(c);
    if (postgresql) {
      // the lookups of the storing transaction (its own and the ledger's) by key: index scans,
      // whatever PostgreSQL knows of the tables (see StatementScan.PLANNER); for this
      // transaction only
      StatementScan.planner(c, "off", true);
    }
  }

  public static boolean isPostgreSql(Connection c) throws SQLException {
    return c.getMetaData()
        .getDatabaseProductName()
        .toLowerCase(java.util.Locale.ROOT)
        .contains("postgres");
  }

  /**
   * {@code n} storage positions, in one round trip: blocks of {@link #BLOCK} taken from the
   * sequence now.
   */
  public long[] allocate(int n) throws SQLException {
    int blocks = (n + BLOCK - 1) / BLOCK;
    String sql =
        postgresql
            ? "select nextval('xapi_statement_seq') from generate_series(1, ?)"
            : "select next value for xapi_statement_seq from system_range(1, ?)";
    long[] out = new long[n];
    int i = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, blocks);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          long first = r.getLong(1);
          for (int k = 0; k < BLOCK && i < n; k++) {
            out[i++] = first + k;
          }
        }
      }
    }
    if (i != n) {
      throw new SQLException("the statement sequence gave " + i + " of " + n + " positions");
    }
    return out;
  }

  /** Inserts the statements at the given positions and their mention rows, as three batches. */
  public void insert(List<Row> rows, long[] seqs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_STATEMENT)) {
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        ps.setLong(1, seqs[i]);
        ps.setString(2, r.storeId());
        ps.setString(3, r.statementId());
        ps.setString(4, r.verbId());
        setString(ps, 5, r.registration());
        ps.setObject(6, r.timestamp());
        ps.setObject(7, r.stored());
        ps.setBoolean(8, r.voided());
        setString(ps, 9, r.voidingTarget());
        ps.setString(10, r.xapiVersion());
        ps.setString(11, r.payload());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    mentions(INSERT_AGENT, rows, seqs, true);
    mentions(INSERT_ACTIVITY, rows, seqs, false);
  }

  private void mentions(String sql, List<Row> rows, long[] seqs, boolean agents)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int pending = 0;
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        Map<String, List<String>> mentioned =
            agents ? r.mentions().agents : r.mentions().activities;
        for (Map.Entry<String, List<String>> m : mentioned.entrySet()) {
          for (String role : m.getValue()) {
            ps.setLong(1, seqs[i]);
            ps.setString(2, r.storeId());
            ps.setString(3, m.getKey());
            ps.setString(4, role);
            ps.addBatch();
            pending++;
          }
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  /** Marks stored statements voided, by position. */
  public void markVoided(Collection<Long> seqs) throws SQLException {
    if (seqs.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("update xapi_statement set voided = true where seq = ?")) {
      for (Long seq : seqs) {
        ps.setLong(1, seq);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** A stored statement found by id: what the ingest path compares and voids with. */
  public record Stored(long seq, String statementId, String verbId, String payload) {}

  /**
   * The store's statements with the given ids. The ids are joined as a table of keys, so that the
   * {@code (store_id, statement_id)} index finds each one: H2 uses an index for an {@code IN} list
   * only on an index's first column, and otherwise reads every statement of the store.
   */
  public Map<String, Stored> byIds(String storeId, Collection<String> ids) throws SQLException {
    Map<String, Stored> out = new java.util.HashMap<>();
    KeyedQueries.forEach(
        c,
        postgresql,
        "s.seq, s.statement_id, s.verb_id, s.payload",
        "xapi_statement",
        "statement_id",
        "",
        storeId,
        ids,
        r ->
            out.put(
                r.getString(2),
                new Stored(r.getLong(1), r.getString(2), r.getString(3), r.getString(4))));
    return out;
  }

  /** The storage positions of the store's statements with the given ids. */
  public Map<String, Long> positions(String storeId, Collection<String> ids) throws SQLException {
    Map<String, Long> out = new java.util.HashMap<>();
    KeyedQueries.forEach(
        c,
        postgresql,
        "s.statement_id, s.seq",
        "xapi_statement",
        "statement_id",
        "",
        storeId,
        ids,
        r -> out.put(r.getString(1), r.getLong(2)));
    return out;
  }

  /** Which of the ids a stored voiding statement of the store targets. */
  public java.util.Set<String> voidedBy(String storeId, Collection<String> ids)
      throws SQLException {
    java.util.Set<String> out = new java.util.HashSet<>();
    KeyedQueries.forEach(
        c,
        postgresql,
        "s.voiding_target",
        "xapi_statement",
        "voiding_target",
        " and s.voiding_target is not null",
        storeId,
        ids,
        r -> out.add(r.getString(1)));
    return out;
  }

  private static void setString(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
