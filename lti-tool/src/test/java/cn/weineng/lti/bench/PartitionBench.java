package cn.weineng.lti.bench;

import cn.weineng.common.infrastructure.SchemaMigrator;
import cn.weineng.xapi.infrastructure.persistence.StatementScan;
import cn.weineng.xapi.infrastructure.persistence.StatementTable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL partitioning of the statement tables, measured against the plain layout on one
 * generated store, with the product's own query and lookup code (run by {@code
 * scripts/partition-benchmark.sh}; figures in {@code docs/scaling.md}).
 *
 * <p>{@code <jdbc-url> <statements> <partitions> <samples>}: migrates an empty database with the
 * product's migrations, grows the store with {@link StoreBench#load}, then builds a copy of the
 * statement table and its two mention tables in a schema {@code part}, each partitioned by range of
 * storage position ({@code seq}, which follows stored time) into {@code partitions} equal ranges
 * and one open-ended range for what comes next, with the same indexes (a unique index that lacks
 * the position cannot be unique across partitions: it becomes a plain one). The same code then runs
 * against each layout, chosen by the connection's {@code search_path}: every filter of {@link
 * StatementScan} ({@code samples} pages of 100 each, in-process, no HTTP), the ingest path's lookup
 * of a batch's 100 ids, and raw JDBC inserts of batches of 100 by 4 threads for 10 s.
 */
public final class PartitionBench {

  private PartitionBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    long size = Long.parseLong(args[1]);
    int partitions = Integer.parseInt(args[2]);
    int samples = Integer.parseInt(args[3]);
    Flyway.configure(PartitionBench.class.getClassLoader())
        .dataSource(url, null, null)
        .locations(SchemaMigrator.locations(true))
        .outOfOrder(true)
        .load()
        .migrate();
    StoreBench.load(url, null, null, size);
    long t0 = System.nanoTime();
    partition(url, partitions);
    System.err.printf(
        Locale.ROOT, "partitioned copy built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.println(
        "| what | plain p50 ms | plain p95 ms | partitioned p50 ms | partitioned p95 ms |");
    System.out.println("|---|---|---|---|---|");
    Map<String, double[]> plain = measure(url + "&currentSchema=public", size, samples);
    Map<String, double[]> part = measure(url + "&currentSchema=part,public", size, samples);
    for (String what : plain.keySet()) {
      double[] a = plain.get(what);
      double[] b = part.get(what);
      System.out.printf(
          Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", what, a[0], a[1], b[0], b[1]);
    }
    System.out.println();
    System.out.println("| raw JDBC inserts, batches of 100, 4 threads, 10 s | statements/s |");
    System.out.println("|---|---|");
    for (String schema : new String[] {"public", "part,public"}) {
      StoreBench.Measured m =
          StoreBench.measureBaseline(url + "&currentSchema=" + schema, null, null, 4, 10);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f |%n",
          schema.startsWith("part") ? "partitioned" : "plain",
          m.statements() / m.result().seconds());
    }
  }

  static final String[] TABLES = {
    "xapi_statement", "xapi_statement_agent", "xapi_statement_activity"
  };

  /** The partitioned copy of the three tables in schema {@code part}. */
  static void partition(String url, int partitions) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      long max;
      try (ResultSet r = st.executeQuery("select max(seq) from public.xapi_statement")) {
        r.next();
        max = r.getLong(1);
      }
      long step = max / partitions + 1;
      st.execute("drop schema if exists part cascade");
      st.execute("create schema part");
      for (String table : TABLES) {
        String key = table.equals("xapi_statement") ? "seq" : "statement_seq";
        // the columns and defaults; constraints and indexes follow, rewritten for partitions
        st.execute(
            "create table part."
                + table
                + " (like public."
                + table
                + " including defaults) partition by range ("
                + key
                + ")");
        for (int i = 0; i < partitions; i++) {
          st.execute(
              "create table part."
                  + table
                  + "_p"
                  + i
                  + " partition of part."
                  + table
                  + " for values from ("
                  + (i == 0 ? "minvalue" : Long.toString(i * step))
                  + ") to ("
                  + (i + 1) * step
                  + ")");
        }
        st.execute(
            "create table part."
                + table
                + "_next partition of part."
                + table
                + " for values from ("
                + partitions * step
                + ") to (maxvalue)");
        List<String> indexes = new ArrayList<>();
        try (ResultSet r =
            st.executeQuery(
                "select indexdef from pg_indexes where schemaname = 'public' and tablename = '"
                    + table
                    + "'")) {
          while (r.next()) {
            indexes.add(r.getString(1));
          }
        }
        st.execute("insert into part." + table + " select * from public." + table);
        for (String def : indexes) {
          String columns = def.substring(def.indexOf('(') + 1, def.indexOf(')'));
          boolean unique = def.startsWith("CREATE UNIQUE");
          if (unique && !List.of(columns.split(",\\s*")).contains(key)) {
            def = def.replaceFirst("CREATE UNIQUE INDEX", "CREATE INDEX");
          }
          st.execute(def.replace(" ON public.", " ON part."));
        }
      }
      st.execute("analyze");
    }
  }

  /** Each filter's and the id lookup's p50 and p95 in ms, on the layout the URL's schema names. */
  static Map<String, double[]> measure(String url, long size, int samples) throws Exception {
    Map<String, double[]> out = new LinkedHashMap<>();
    int teachers = StoreBench.teachers(size);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    java.util.Random r = new java.util.Random(42);
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      StatementScan scan = new StatementScan(c);
      String store = "default";
      List<String> names =
          List.of(
              "no filter",
              "agent",
              "agent + verb + since (30 days)",
              "verb (common)",
              "verb (1 in 1,000)",
              "activity",
              "activity, related_activities",
              "registration",
              "since (last hour)",
              "until (half a year ago)",
              "agent, ascending");
      for (String what : names) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < samples + 10; i++) {
          String agent = "account:https://lms.example.cn|t" + r.nextInt(teachers);
          int course = r.nextInt(StoreBench.COURSES);
          String activity = "https://courses.example.cn/c/" + course + "/m/" + r.nextInt(20);
          String registration =
              UUID.nameUUIDFromBytes(
                      ("t" + r.nextInt(teachers) + "/c" + course).getBytes(StandardCharsets.UTF_8))
                  .toString();
          StatementScan.Filter f =
              switch (what) {
                case "no filter" -> filter(store, null, null, null, false, null, null, null, false);
                case "agent" -> filter(store, agent, null, null, false, null, null, null, false);
                case "agent + verb + since (30 days)" ->
                    filter(
                        store,
                        agent,
                        StoreBench.VERBS[1],
                        null,
                        false,
                        null,
                        now.minusDays(30),
                        null,
                        false);
                case "verb (common)" ->
                    filter(store, null, StoreBench.VERBS[1], null, false, null, null, null, false);
                case "verb (1 in 1,000)" ->
                    filter(store, null, StoreBench.RARE_VERB, null, false, null, null, null, false);
                case "activity" ->
                    filter(store, null, null, activity, false, null, null, null, false);
                case "activity, related_activities" ->
                    filter(
                        store,
                        null,
                        null,
                        "https://courses.example.cn/c/" + course,
                        true,
                        null,
                        null,
                        null,
                        false);
                case "registration" ->
                    filter(store, null, null, null, false, registration, null, null, false);
                case "since (last hour)" ->
                    filter(store, null, null, null, false, null, now.minusHours(1), null, false);
                case "until (half a year ago)" ->
                    filter(store, null, null, null, false, null, null, now.minusDays(180), false);
                default -> filter(store, agent, null, null, false, null, null, null, true);
              };
          long t = System.nanoTime();
          scan.page(f);
          double took = (System.nanoTime() - t) / 1e6;
          if (i >= 10) {
            ms.add(took);
          }
          c.rollback();
        }
        out.put("GET /statements, " + what, percentiles(ms));
      }
      // the ingest path's lookup of a batch's ids: 3 stored, 97 new
      List<String> stored = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select statement_id from xapi_statement where seq in (1, 500, 9000)")) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
      c.rollback();
      List<Double> ms = new ArrayList<>();
      long serial = 0;
      for (int i = 0; i < samples + 10; i++) {
        List<String> ids = new ArrayList<>(stored);
        while (ids.size() < 100) {
          ids.add(
              UUID.nameUUIDFromBytes(("new" + ++serial).getBytes(StandardCharsets.UTF_8))
                  .toString());
        }
        long t = System.nanoTime();
        StatementTable table = new StatementTable(c);
        table.byIds(store, ids);
        double took = (System.nanoTime() - t) / 1e6;
        if (i >= 10) {
          ms.add(took);
        }
        c.rollback();
      }
      out.put("POST: looking up a batch's 100 ids", percentiles(ms));
      scan.close();
    }
    return out;
  }

  private static StatementScan.Filter filter(
      String store,
      String agent,
      String verb,
      String activity,
      boolean relatedActivities,
      String registration,
      OffsetDateTime since,
      OffsetDateTime until,
      boolean ascending) {
    return new StatementScan.Filter(
        store,
        agent,
        false,
        activity,
        relatedActivities,
        verb,
        registration,
        since,
        until,
        null,
        ascending,
        100);
  }

  private static double[] percentiles(List<Double> ms) {
    Collections.sort(ms);
    return new double[] {StoreBench.pct(ms, 50), StoreBench.pct(ms, 95)};
  }
}
