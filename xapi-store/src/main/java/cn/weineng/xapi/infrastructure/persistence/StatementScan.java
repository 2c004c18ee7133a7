package cn.weineng.xapi.infrastructure.persistence;

import cn.weineng.xapi.application.KeyedQueries;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statement query path, written so that its plan does not depend on what the database knows
 * about its tables: every SQL statement it runs is either a walk of one named index in storage
 * order, stopped by a {@code LIMIT}, or a lookup of given positions by primary key. Which index
 * drives a query is chosen here, by the filters it has (registration, then agent, then activity,
 * then verb, else the store's statements); the other filters are checked on the rows the walk
 * finds. The walk goes on in chunks until the page is full or the index runs out.
 *
 * <p>{@code since} and {@code until} become position bounds (see {@link StatementTable} for why
 * that is sound): a statement stored at least {@link StatementTable#CLOCK_MARGIN_SECONDS} before
 * {@code since} lies below every statement stored after it, so the walk stops there instead of
 * reading the rest of the store.
 *
 * <p>H2 reads an index only in the order it was built, so the indexes the newest-first walks use
 * are descending there (migration {@code V1_8} per database) and the walks name their index; on
 * PostgreSQL an ascending index serves both directions.
 */
public final class StatementScan implements AutoCloseable {

  private static final int MAX_CHUNK = 4096;

  /** The filters of a statement query, normalised. */
  public record Filter(
      String storeId,
      String agentIfi,
      boolean relatedAgents,
      String activityId,
      boolean relatedActivities,
      String verbId,
      String registration,
      OffsetDateTime since,
      OffsetDateTime until,
      Long afterSeq,
      boolean ascending,
      int limit) {}

  /** A statement found: its position and its JSON as stored. */
  public record Hit(long seq, String payload) {}

  private final Connection c;
  private final boolean postgresql;

  /**
   * What PostgreSQL's planner is told for the walks and lookups, and reset to its defaults at
   * {@link #close}: a walk of an index in order, a lookup of positions by primary key, never a
   * sequential or bitmap scan nor a sort, which right after a store has grown (before the database
   * has gathered statistics) it chose and paid for with every row of the table.
   */
  static final List<String> PLANNER = List.of("enable_seqscan", "enable_bitmapscan", "enable_sort");

  public StatementScan(Connection c) throws SQLException {
    this.c = c;
    this.postgresql = StatementTable.isPostgreSql(c);
    if (postgresql) {
      planner(c, "off", false);
    }
  }

  @Override
  public void close() throws SQLException {
    if (postgresql) {
      planner(c, "on", false);
    }
  }

  /**
   * Sets the {@link #PLANNER} settings in one round trip: for the session ({@code local} false, set
   * back by {@link #close}) or for the current transaction.
   */
  static void planner(Connection c, String value, boolean local) throws SQLException {
    StringBuilder sql = new StringBuilder("select");
    for (int i = 0; i < PLANNER.size(); i++) {
      sql.append(i == 0 ? " " : ", ")
          .append("set_config('")
          .append(PLANNER.get(i))
          .append("', '")
          .append(value)
          .append("', ")
          .append(local)
          .append(")");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.execute();
    }
  }

  /** Up to {@code limit + 1} statements matching the filter, in the order asked for. */
  public List<Hit> page(Filter f) throws SQLException {
    long lo = 0; // positions above this
    long hi = Long.MAX_VALUE; // and below this
    if (f.since() != null) {
      lo =
          Math.max(
              lo, floor(f.storeId(), f.since().minusSeconds(StatementTable.CLOCK_MARGIN_SECONDS)));
    }
    if (f.until() != null) {
      hi =
          Math.min(
              hi, ceiling(f.storeId(), f.until().plusSeconds(StatementTable.CLOCK_MARGIN_SECONDS)));
    }
    if (f.afterSeq() != null) {
      if (f.ascending()) {
        lo = Math.max(lo, f.afterSeq());
      } else {
        hi = Math.min(hi, f.afterSeq());
      }
    }
    Walk walk = walk(f);
    List<Hit> out = new ArrayList<>();
    int want = f.limit() + 1;
    int chunk = Math.min(MAX_CHUNK, Math.max(want, 16));
    while (out.size() < want && lo < hi - 1) {
      List<Long> seqs = walk.next(lo, hi, chunk);
      if (seqs.isEmpty()) {
        break;
      }
      // the walk resumes past what it has read
      long last = seqs.get(seqs.size() - 1);
      if (f.ascending()) {
        lo = last;
      } else {
        hi = last;
      }
      for (Hit h : matching(f, new ArrayList<>(new LinkedHashSet<>(seqs)))) {
        if (out.size() < want) {
          out.add(h);
        }
      }
      if (seqs.size() < chunk) {
        break;
      }
      chunk = Math.min(MAX_CHUNK, chunk * 4);
    }
    return out;
  }

  /**
   * The store's statements after a position in stored order, voided ones left out: the ledger's
   * cursor. A walk of the store's index from the position, stopped at the page's end.
   */
  public List<Hit> inStoredOrder(String storeId, long after, int limit) throws SQLException {
    List<Hit> out = new ArrayList<>(limit);
    try (PreparedStatement ps =
        KeyedQueries.prepare(
            c,
            "select seq, payload from xapi_statement"
                + (postgresql ? "" : " use index (ix_statement_store_seq)")
                + " where store_id = ? and seq > ? and voided = false"
                + " order by store_id, seq limit ?")) {
      ps.setString(1, storeId);
      ps.setLong(2, after);
      ps.setInt(3, limit);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(new Hit(r.getLong(1), r.getString(2)));
        }
      }
    }
    return out;
  }

  /** Positions in walk order from one index, within (lo, hi). */
  private interface Walk {
    List<Long> next(long lo, long hi, int chunk) throws SQLException;
  }

  private Walk walk(Filter f) {
    if (f.registration() != null) {
      return walk(f, "xapi_statement", "seq", "registration", f.registration(), "");
    }
    if (f.agentIfi() != null) {
      return walk(f, "xapi_statement_agent", "statement_seq", "ifi", f.agentIfi(), "");
    }
    if (f.activityId() != null) {
      return walk(f, "xapi_statement_activity", "statement_seq", "activity_id", f.activityId(), "");
    }
    if (f.verbId() != null) {
      return walk(f, "xapi_statement", "seq", "verb_id", f.verbId(), "");
    }
    return walk(f, "xapi_statement", "seq", null, null, " and voided = false");
  }

  /** The index a walk by this key column reads; a null key is the store's own walk. */
  private static String indexName(String key) {
    if (key == null) {
      return "ix_statement_store_seq";
    }
    return switch (key) {
      case "registration" -> "ix_statement_registration";
      case "ifi" -> "ix_statement_agent";
      case "activity_id" -> "ix_statement_activity";
      default -> "ix_statement_verb";
    };
  }

  /**
   * A walk of {@code table} on its index {@code (store_id[, key], position)} within (lo, hi), in
   * the filter's order. H2 is told which index to walk: only the store's own index is there in both
   * orders, the others newest first, so an oldest-first walk of those goes by {@link #windowed}
   * windows; PostgreSQL takes no hints and needs none for a walk with a limit.
   */
  private Walk walk(
      Filter f, String table, String position, String key, String value, String more) {
    boolean bothOrders = key == null;
    String index = indexName(key) + (f.ascending() && bothOrders ? "" : "_desc");
    String sql =
        "select "
            + position
            + " from "
            + table
            + (postgresql ? "" : " use index (" + index + ")")
            + " where store_id = ?"
            + (key == null ? "" : " and " + key + " = ?")
            + " and "
            + position
            + " > ? and "
            + position
            + " < ?"
            + more
            + " order by store_id, "
            + (key == null ? "" : key + ", ")
            + position
            + (f.ascending() ? "" : " desc")
            + " limit ?";
    Walk plain =
        (lo, hi, chunk) -> {
          List<Long> out = new ArrayList<>(chunk);
          try (PreparedStatement ps = KeyedQueries.prepare(c, sql)) {
            int p = 1;
            ps.setString(p++, f.storeId());
            if (key != null) {
              ps.setString(p++, value);
            }
            ps.setLong(p++, lo);
            ps.setLong(p++, hi);
            ps.setInt(p, chunk);
            try (ResultSet r = ps.executeQuery()) {
              while (r.next()) {
                out.add(r.getLong(1));
              }
            }
          }
          return out;
        };
    return !postgresql && f.ascending() && !bothOrders ? windowed(plain) : plain;
  }

  /** The first window of positions an oldest-first walk of a newest-first index reads. */
  private static final long FIRST_WINDOW = 4096;

  /**
   * An oldest-first walk of an index H2 has only newest first: H2 reads every entry of the range it
   * is given and sorts them, so the walk is given windows of positions, from the oldest, each twice
   * as wide as the one before, until the chunk is full or the range ends. It reads about as many
   * entries as it returns (at most twice, plus one window's worth), not all the filter's matches.
   */
  private static Walk windowed(Walk plain) {
    return (lo, hi, chunk) -> {
      List<Long> out = new ArrayList<>(chunk);
      long from = lo;
      long window = FIRST_WINDOW;
      while (out.size() < chunk && from < hi - 1) {
        long to = hi - from > window ? from + window : hi;
        List<Long> part = plain.next(from, to, chunk - out.size());
        out.addAll(part);
        if (out.size() >= chunk || to == hi) {
          break;
        }
        from = to - 1; // positions above to - 1 are next
        window = window > Long.MAX_VALUE / 4 ? window : window * 2;
      }
      return out;
    };
  }

  /** The statements at the given positions (in that order) that pass every filter. */
  private List<Hit> matching(Filter f, List<Long> seqs) throws SQLException {
    Map<Long, Hit> rows = new HashMap<>();
    try (PreparedStatement ps =
        KeyedQueries.prepare(
            c,
            "select seq, store_id, voided, verb_id, registration, stored, payload"
                + " from xapi_statement where seq = any(?)")) {
      ps.setArray(1, positions(seqs));
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          OffsetDateTime stored = r.getObject(6, OffsetDateTime.class);
          if (f.storeId().equals(r.getString(2))
              && !r.getBoolean(3)
              && (f.verbId() == null || f.verbId().equals(r.getString(4)))
              && (f.registration() == null || f.registration().equals(r.getString(5)))
              && (f.since() == null || stored.isAfter(f.since()))
              && (f.until() == null || !stored.isAfter(f.until()))) {
            rows.put(r.getLong(1), new Hit(r.getLong(1), r.getString(7)));
          }
        }
      }
    }
    if (f.agentIfi() != null && !rows.isEmpty()) {
      rows.keySet()
          .retainAll(
              mentioning(
                  "select statement_seq, ifi, role from xapi_statement_agent"
                      + " where statement_seq = any(?)",
                  rows.keySet(),
                  f.agentIfi(),
                  f.relatedAgents()));
    }
    if (f.activityId() != null && !rows.isEmpty()) {
      rows.keySet()
          .retainAll(
              mentioning(
                  "select statement_seq, activity_id, role from xapi_statement_activity"
                      + " where statement_seq = any(?)",
                  rows.keySet(),
                  f.activityId(),
                  f.relatedActivities()));
    }
    List<Hit> out = new ArrayList<>();
    for (Long s : seqs) {
      Hit h = rows.get(s);
      if (h != null) {
        out.add(h);
      }
    }
    return out;
  }

  /** Which of the positions mention the value, directly or (when related counts) anywhere. */
  private Set<Long> mentioning(String sql, Set<Long> seqs, String value, boolean related)
      throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps = KeyedQueries.prepare(c, sql)) {
      ps.setArray(1, positions(seqs));
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          String role = r.getString(3);
          if (value.equals(r.getString(2))
              && (related
                  ? !cn.weineng.xapi.domain.StatementMentions.MEMBER.equals(role)
                  : cn.weineng.xapi.domain.StatementMentions.DIRECT.equals(role))) {
            out.add(r.getLong(1));
          }
        }
      }
    }
    return out;
  }

  private Array positions(java.util.Collection<Long> seqs) throws SQLException {
    return c.createArrayOf(postgresql ? "bigint" : "BIGINT", seqs.toArray(new Long[0]));
  }

  /**
   * A position below every statement stored after {@code t + margin}: the position of some
   * statement stored at or before {@code t} (0 when there is none), found by halving the store's
   * range of positions on its {@code (store_id, seq)} index. Any such statement is a sound bound;
   * the search stops once the bound is within {@value #CLOSE_ENOUGH} positions of the best.
   */
  long floor(String storeId, OffsetDateTime t) throws SQLException {
    Probe first = probe(storeId, 0);
    if (first == null || first.stored().isAfter(t)) {
      return 0;
    }
    long found = first.seq();
    long bottom = found + 1;
    long top = lastSeq(storeId) + 1;
    while (top - bottom > CLOSE_ENOUGH) {
      long mid = bottom + (top - bottom) / 2;
      Probe p = probe(storeId, mid);
      if (p != null && p.seq() < top && !p.stored().isAfter(t)) {
        found = p.seq();
        bottom = p.seq() + 1;
      } else {
        // nothing between mid and top, or a statement stored after t: look lower
        top = mid;
      }
    }
    return found;
  }

  /**
   * A position above every statement stored at or before {@code t - margin}: the position of some
   * statement stored after {@code t} ({@link Long#MAX_VALUE} when there is none), found the same
   * way.
   */
  long ceiling(String storeId, OffsetDateTime t) throws SQLException {
    long last = lastSeq(storeId);
    Probe lastOne = last < 0 ? null : probe(storeId, last);
    if (lastOne == null || !lastOne.stored().isAfter(t)) {
      return Long.MAX_VALUE;
    }
    long found = lastOne.seq();
    long bottom = 0;
    long top = found;
    while (top - bottom > CLOSE_ENOUGH) {
      long mid = bottom + (top - bottom) / 2;
      Probe p = probe(storeId, mid);
      if (p == null || p.seq() >= top) {
        top = mid;
      } else if (p.stored().isAfter(t)) {
        // p is the first statement at or after mid: none lies between mid and p
        found = p.seq();
        top = mid;
      } else {
        bottom = p.seq() + 1;
      }
    }
    return found;
  }

  private static final long CLOSE_ENOUGH = 2048;

  private record Probe(long seq, OffsetDateTime stored) {}

  /** The first statement of the store at or after a position. */
  private Probe probe(String storeId, long from) throws SQLException {
    try (PreparedStatement ps =
        KeyedQueries.prepare(
            c,
            "select seq, stored from xapi_statement"
                + (postgresql ? "" : " use index (ix_statement_store_seq)")
                + " where store_id = ? and seq >= ? and voided = false"
                + " order by store_id, seq limit 1")) {
      ps.setString(1, storeId);
      ps.setLong(2, from);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? new Probe(r.getLong(1), r.getObject(2, OffsetDateTime.class)) : null;
      }
    }
  }

  private long lastSeq(String storeId) throws SQLException {
    try (PreparedStatement ps =
        KeyedQueries.prepare(
            c,
            "select seq from xapi_statement"
                + (postgresql ? "" : " use index (ix_statement_store_seq_desc)")
                + " where store_id = ? and voided = false order by store_id, seq desc limit 1")) {
      ps.setString(1, storeId);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }
}
