package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.common.infrastructure.SchemaMigrator;
import cn.weineng.lti.bench.StoreBench;
import cn.weineng.lti.support.WeinengServer;
import cn.weineng.people.application.PersonDirectory;
import cn.weineng.xapi.infrastructure.persistence.StatementScan;
import cn.weineng.xapi.infrastructure.persistence.StatementTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every query the LRS's statement paths and the ledger's ingest step run is served by an index, on
 * the database of the run (H2 or PostgreSQL), whatever the database knows about its tables.
 *
 * <p>A store of {@value #STATEMENTS} statements is built with the product's own schema (its Flyway
 * migrations) and grown with raw JDBC, as the store benchmark does. Then the product's own code
 * (the ingest lookups of {@link StatementTable}, every filter of {@link StatementScan}, the
 * ledger's cursor, the ledger's lookup of known learners) runs against a connection that records
 * each SQL statement with its parameters, and each recorded statement is run again under {@code
 * EXPLAIN ANALYZE}. A plan fails when it reads a large table without an index condition, or reads
 * more than {@value #MOST_ROWS} rows of one. On PostgreSQL each plan is checked three ways: before
 * the tables have statistics (as right after a store has grown), as the generic plan a prepared
 * statement falls back to, and after {@code ANALYZE}.
 */
class QueryPlansIT {

  static final int STATEMENTS = 30_000;
  static final int LEARNERS = 5_000;

  /** The most rows of a large table one query may read (pages here are 100 statements). */
  static final long MOST_ROWS = 2_000;

  static final List<String> LARGE =
      List.of(
          "xapi_statement", "xapi_statement_agent", "xapi_statement_activity", "person_identity");

  static boolean postgresql;
  static String url;
  static String pgDatabase;

  @BeforeAll
  static void store() throws Exception {
    postgresql = "postgresql".equals(System.getProperty("weineng.it.db", "h2"));
    if (postgresql) {
      pgDatabase = "weineng_plans_" + System.currentTimeMillis();
      WeinengServer.adminSql("create database " + pgDatabase);
      url = "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase + "?user=postgres";
    } else {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("weineng-plans");
      url = "jdbc:h2:file:" + dir.resolve("plans") + ";WRITE_DELAY=0";
    }
    migrate(url);
    // the load compacts an H2 file at its end, which closes the database: connect after it
    StoreBench.load(url, user(), password(), STATEMENTS);
    people(url);
  }

  private static void migrate(String url) {
    Flyway.configure(QueryPlansIT.class.getClassLoader())
        .dataSource(url, postgresql ? null : "weineng", postgresql ? null : "weineng")
        .locations(SchemaMigrator.locations(postgresql))
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /** The learners the ledger's lookup finds: one per identity the generated statements use. */
  private static void people(String url) throws SQLException {
    try (StoreBench.Rows rows = new StoreBench.Rows(url, user(), password())) {
      try (Statement st = rows.c.createStatement()) {
        st.execute(
            "insert into person (id, store_id, created_at) select 'p' || x, 'default',"
                + " current_timestamp from "
                + series(LEARNERS));
        st.execute(
            "insert into person_identity (store_id, ifi, person_id, created_at) select 'default',"
                + " 'account:https://lms.example.cn|t' || x, 'p' || x, current_timestamp from "
                + series(LEARNERS));
      }
      rows.c.commit();
    }
  }

  @AfterAll
  static void drop() {
    if (pgDatabase != null) {
      WeinengServer.adminSql("drop database if exists " + pgDatabase);
    }
  }

  @Test
  void everyStatementQueryAndIngestLookupIsServedByAnIndex() throws Exception {
    List<Recorded> recorded = record();
    assertThat(recorded).hasSizeGreaterThan(20);
    List<String> problems = new ArrayList<>();
    try (Connection c = connect()) {
      check(c, recorded, "before statistics", problems);
      if (postgresql) {
        // the product's own settings are replayed after this one: where it asks for plans made
        // for the values (its storing transaction and walks), it never runs a generic plan
        try (Statement st = c.createStatement()) {
          st.execute("set plan_cache_mode = force_generic_plan");
        }
        check(c, recorded, "generic plan", problems);
        try (Statement st = c.createStatement()) {
          st.execute("set plan_cache_mode = auto");
          st.execute("analyze");
        }
        c.commit();
        check(c, recorded, "after ANALYZE", problems);
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * PostgreSQL keeps the plan of a statement a connection has prepared and run a few times (its
   * generic plan), and a pooled connection lives as long as the server. A plan made while a store
   * was empty must still be served by an index once the store has grown: the product's paths run a
   * dozen times on one connection against empty tables, the store grows to {@value #STATEMENTS}
   * statements (no statistics gathered meanwhile, as when a store grows faster than autovacuum
   * looks), and then the same connection runs them again with {@code auto_explain} reporting each
   * plan it really executes, with the rows it read. (H2 has no such cache to test: it plans a
   * statement each time the product prepares one.)
   */
  @Test
  @EnabledIfSystemProperty(named = "weineng.it.db", matches = "postgresql")
  void plansMadeWhileTheStoreWasSmallAreServedByAnIndexOnceItHasGrown() throws Exception {
    String db = "weineng_plans_empty_" + System.currentTimeMillis();
    WeinengServer.adminSql("create database " + db);
    try {
      String emptyUrl = "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres";
      migrate(emptyUrl);
      try (Connection c = DriverManager.getConnection(emptyUrl);
          Statement st = c.createStatement()) {
        for (String table : LARGE) {
          st.execute("alter table " + table + " set (autovacuum_enabled = false)");
        }
      }
      try (Connection c = DriverManager.getConnection(emptyUrl)) {
        try (Statement st = c.createStatement()) {
          st.execute("load 'auto_explain'");
          st.execute("set auto_explain.log_min_duration = 0");
          st.execute("set auto_explain.log_analyze = on");
          st.execute("set auto_explain.log_format = json");
          st.execute("set auto_explain.log_level = notice");
        }
        c.setAutoCommit(false);
        String[] what = {""};
        // PostgreSQL makes a generic plan after five runs of a statement and keeps it while its
        // estimated cost is no worse than the plans made for the values: runs at a few small sizes
        for (int size : new int[] {0, 100, 1_000}) {
          StoreBench.load(emptyUrl, null, null, size, STATEMENTS);
          for (int i = 0; i < 6; i++) {
            runProductPaths(c, c, what);
            c.rollback();
          }
        }
        StoreBench.load(emptyUrl, null, null, STATEMENTS);
        people(emptyUrl);
        List<String[]> plans = new ArrayList<>();
        runProductPaths(c, explaining(c, what, plans), what);
        c.rollback();
        assertThat(plans).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (String[] plan : plans) {
          // "duration: … ms  plan:" and then the plan as EXPLAIN (FORMAT JSON) gives it
          String json = plan[1].substring(plan[1].indexOf('{'));
          for (String p : pgProblems("[" + json + "]")) {
            problems.add(plan[0] + ": " + p + "\n  " + json.replaceAll("\\s+", " "));
          }
        }
        assertThat(problems).isEmpty();
      }
    } finally {
      WeinengServer.adminSql("drop database if exists " + db);
    }
  }

  /**
   * A connection whose prepared statements hand over, when closed, the plans {@code auto_explain}
   * reported for them (as notices), each with the step that ran it.
   */
  private static Connection explaining(Connection real, String[] what, List<String[]> plans) {
    return onPrepare(
        real,
        (sql, ps) ->
            (PreparedStatement)
                Proxy.newProxyInstance(
                    QueryPlansIT.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (p, m, a) -> {
                      if (m.getName().equals("close")) {
                        for (java.sql.SQLWarning w = ps.getWarnings();
                            w != null;
                            w = w.getNextWarning()) {
                          if (w.getMessage().contains("\"Plan\"")) {
                            plans.add(new String[] {what[0], w.getMessage()});
                          }
                        }
                      }
                      return invoke(ps, m, a);
                    }));
  }

  /**
   * A connection that does what the real one does, except that each statement prepared from SQL
   * alone is handed to {@code wrap} and what it returns is used instead.
   */
  private static Connection onPrepare(
      Connection real,
      java.util.function.BiFunction<String, PreparedStatement, PreparedStatement> wrap) {
    return (Connection)
        Proxy.newProxyInstance(
            QueryPlansIT.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(real, method, args);
              if (method.getName().equals("prepareStatement") && args.length == 1) {
                return wrap.apply((String) args[0], (PreparedStatement) result);
              }
              return result;
            });
  }

  // ---------------------------------------------------------------- what the product runs

  /** A statement the product prepared, with the parameters it bound. */
  record Recorded(String what, String sql, Map<Integer, Object> params, List<String> settings) {}

  private static List<Recorded> record() throws Exception {
    List<Recorded> out = new ArrayList<>();
    try (Connection real = connect()) {
      real.setAutoCommit(false);
      String[] what = {""};
      runProductPaths(real, recording(real, out, what), what);
      real.rollback();
    }
    return out;
  }

  /**
   * The product's ingest lookups, the ledger's, its cursor and every filter of the query path, on
   * {@code c} (which wraps {@code real}); {@code what} names the step running.
   */
  private static void runProductPaths(Connection real, Connection c, String[] what)
      throws SQLException {
    {
      String store = "default";
      List<String> ids = someIds(real, 3);
      // a batch of 100, as a POST holds: PostgreSQL's choice between a generic plan and one
      // made for the values depends on how many keys the array holds
      for (int i = ids.size(); i < 100; i++) {
        ids.add(String.format("00000000-0000-4000-8000-%012d", i));
      }
      StatementTable table = new StatementTable(c);
      what[0] = "ingest: positions";
      table.allocate(120);
      what[0] = "ingest: stored statements with the batch's ids";
      table.byIds(store, ids);
      what[0] = "ingest: positions of statements";
      table.positions(store, ids);
      what[0] = "ingest: voiding statements targeting the batch";
      table.voidedBy(store, ids);
      what[0] = "ingest: void stored statements";
      table.markVoided(List.of(-1L));
      what[0] = "ledger: known learners of a batch";
      PersonDirectory.known(
          c,
          postgresql,
          store,
          java.util.stream.IntStream.range(0, 100)
              .mapToObj(i -> "account:https://lms.example.cn|t" + (i * 71))
              .toList());
      StatementScan scan = new StatementScan(c);
      // the product's own settings for its walks stay in force, as they do for a request
      what[0] = "ledger: cursor in stored order";
      scan.inStoredOrder(store, 1000, 500);
      String agent = "account:https://lms.example.cn|t7";
      String activity = "https://courses.example.cn/c/7/m/3";
      String course = "https://courses.example.cn/c/7";
      String verb = StoreBench.VERBS[1];
      String registration =
          java.util
              .UUID
              .nameUUIDFromBytes("t7/c7".getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString();
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      for (boolean ascending : new boolean[] {false, true}) {
        String order = ascending ? ", oldest first" : "";
        Object[][] filters = {
          {"no filter", null, false, null, false, null, null, null, null, null},
          {"agent", agent, false, null, false, null, null, null, null, null},
          {"agent, related", agent, true, null, false, null, null, null, null, null},
          {"activity", null, false, activity, false, null, null, null, null, null},
          {"activity, related", null, false, course, true, null, null, null, null, null},
          {"verb", null, false, null, false, verb, null, null, null, null},
          {"rare verb", null, false, null, false, StoreBench.RARE_VERB, null, null, null, null},
          {"registration", null, false, null, false, null, registration, null, null, null},
          {"since 30 days", null, false, null, false, null, null, now.minusDays(30), null, null},
          {
            "until 180 days ago",
            null,
            false,
            null,
            false,
            null,
            null,
            null,
            now.minusDays(180),
            null
          },
          {
            "agent + verb + since",
            agent,
            false,
            null,
            false,
            verb,
            null,
            now.minusDays(60),
            null,
            null
          },
          {"verb, a more page", null, false, null, false, verb, null, null, null, 20_000L},
        };
        for (Object[] f : filters) {
          what[0] = "GET /statements, " + f[0] + order;
          scan.page(
              new StatementScan.Filter(
                  store,
                  (String) f[1],
                  (Boolean) f[2],
                  (String) f[3],
                  (Boolean) f[4],
                  (String) f[5],
                  (String) f[6],
                  (OffsetDateTime) f[7],
                  (OffsetDateTime) f[8],
                  (Long) f[9],
                  ascending,
                  100));
        }
      }
    }
  }

  private static List<String> someIds(Connection c, int n) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "select statement_id from xapi_statement where seq in (1, 2, 3, 500, 9000)")) {
      while (r.next() && out.size() < n) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /**
   * A connection that records each prepared statement the product executes, with its parameters,
   * and otherwise does what the real one does.
   */
  private static Connection recording(Connection real, List<Recorded> out, String[] what) {
    // the planner settings the product made on its connection, in force for what it runs next
    List<String> settings = new ArrayList<>();
    return onPrepare(
        real,
        (prepared, ps) -> {
          String sql = prepared.trim();
          Matcher config = SET_CONFIG.matcher(sql);
          while (config.find()) {
            settings.removeIf(x -> x.startsWith("set " + config.group(1) + " "));
            if (!List.of("on", "auto").contains(config.group(2))) {
              settings.add("set " + config.group(1) + " = " + config.group(2));
            }
          }
          if (sql.startsWith("set ")) {
            settings.add(sql);
          } else if (sql.startsWith("reset ")) {
            String name = sql.substring("reset ".length());
            settings.removeIf(x -> x.startsWith("set " + name + " "));
          }
          return recordingStatement(ps, prepared, out, what, settings);
        });
  }

  private static PreparedStatement recordingStatement(
      PreparedStatement real,
      String sql,
      List<Recorded> out,
      String[] what,
      List<String> settings) {
    Map<Integer, Object> params = new TreeMap<>();
    return (PreparedStatement)
        Proxy.newProxyInstance(
            QueryPlansIT.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.startsWith("set")
                  && args != null
                  && args.length >= 2
                  && args[0] instanceof Integer i) {
                Object v = name.equals("setNull") ? null : args[1];
                // an array belongs to its connection: kept as its elements
                params.put(i, v instanceof java.sql.Array a ? a.getArray() : v);
              }
              if (name.equals("executeQuery")
                  || name.equals("executeUpdate")
                  || name.equals("execute")) {
                out.add(new Recorded(what[0], sql, new TreeMap<>(params), List.copyOf(settings)));
              }
              return invoke(real, method, args);
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  // ---------------------------------------------------------------- reading plans

  private static void check(
      Connection c, List<Recorded> recorded, String when, List<String> problems)
      throws SQLException {
    c.setAutoCommit(false);
    for (Recorded r : recorded) {
      String sql = r.sql().trim();
      String verb = sql.substring(0, sql.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
      if (!List.of("select", "update", "delete").contains(verb)
          || sql.contains("nextval")
          || sql.contains("next value for")) {
        continue;
      }
      try (Statement st = c.createStatement()) {
        for (String setting : r.settings()) {
          st.execute(setting);
        }
      }
      String plan = explain(c, sql, r.params());
      try (Statement st = c.createStatement()) {
        for (String setting : r.settings()) {
          st.execute("reset " + setting.replaceFirst("^set (local )?(\\w+).*$", "$2"));
        }
      }
      for (String p : postgresql ? pgProblems(plan) : h2Problems(plan)) {
        problems.add(
            r.what()
                + " ("
                + when
                + "): "
                + p
                + "\n  "
                + sql
                + "\n  "
                + plan.replaceAll("\\s+", " "));
      }
      c.rollback();
    }
  }

  private static String explain(Connection c, String sql, Map<Integer, Object> params)
      throws SQLException {
    String prefix = postgresql ? "explain (analyze, format json) " : "explain analyze ";
    try (PreparedStatement ps = c.prepareStatement(prefix + sql)) {
      for (Map.Entry<Integer, Object> p : params.entrySet()) {
        if (p.getValue() == null) {
          ps.setNull(p.getKey(), java.sql.Types.VARCHAR);
        } else if (p.getValue() instanceof Object[] elements) {
          boolean numbers = elements.length > 0 && elements[0] instanceof Number;
          ps.setArray(p.getKey(), c.createArrayOf(numbers ? "bigint" : "varchar", elements));
        } else {
          ps.setObject(p.getKey(), p.getValue());
        }
      }
      try (ResultSet r = ps.executeQuery()) {
        StringBuilder out = new StringBuilder();
        while (r.next()) {
          out.append(r.getString(1)).append('\n');
        }
        return out.toString();
      }
    }
  }

  /** A setting the product makes through {@code set_config(name, value, local)}. */
  private static final Pattern SET_CONFIG =
      Pattern.compile("set_config\\('(\\w+)', '(\\w+)', (?:true|false)\\)");

  private static final Pattern H2_SCAN =
      Pattern.compile(
          "/\\* PUBLIC\\.([A-Z0-9_]+)(\\.tableScan|:[^*]*)?\\s*\\*/\\s*/\\* scanCount: (\\d+) \\*/");

  /** What is wrong with an H2 plan: a table scan, or too many rows read, of a large table. */
  static List<String> h2Problems(String plan) {
    List<String> out = new ArrayList<>();
    Matcher m = H2_SCAN.matcher(plan);
    while (m.find()) {
      String index = m.group(1);
      String how = m.group(2);
      long scanned = Long.parseLong(m.group(3));
      boolean large =
          LARGE.stream()
              .anyMatch(
                  t ->
                      index.startsWith(t.toUpperCase(java.util.Locale.ROOT))
                          || plan.contains(
                              "\"PUBLIC\".\"" + t.toUpperCase(java.util.Locale.ROOT) + "\""));
      if (how == null || how.equals(".tableScan")) {
        if (large) {
          out.add("reads " + index + " without an index condition");
        }
      } else if (scanned > MOST_ROWS) {
        out.add("reads " + scanned + " rows through " + index);
      }
    }
    return out;
  }

  /**
   * What is wrong with a PostgreSQL plan: a sequential scan, or too many rows read, of a large
   * table.
   */
  static List<String> pgProblems(String plan) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode root = new ObjectMapper().readTree(plan).get(0).get("Plan");
      walk(root, out);
    } catch (java.io.IOException e) {
      out.add("unreadable plan: " + e.getMessage());
    }
    return out;
  }

  private static void walk(JsonNode node, List<String> out) {
    String type = node.path("Node Type").asText();
    String relation = node.path("Relation Name").asText("");
    if (LARGE.contains(relation)) {
      double loops = Math.max(1, node.path("Actual Loops").asDouble());
      double read =
          (node.path("Actual Rows").asDouble() + node.path("Rows Removed by Filter").asDouble())
              * loops;
      if (type.equals("Seq Scan")) {
        out.add("sequential scan of " + relation);
      } else if (read > MOST_ROWS) {
        out.add("reads " + (long) read + " rows of " + relation + " (" + type + ")");
      }
    }
    for (JsonNode child : node.path("Plans")) {
      walk(child, out);
    }
  }

  // ---------------------------------------------------------------- the database

  private static StoreBench.Rows rows() throws SQLException {
    return new StoreBench.Rows(url, user(), password());
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user(), password());
  }

  private static String user() {
    return postgresql ? null : "weineng";
  }

  private static String password() {
    return postgresql ? null : "weineng";
  }

  private static String series(int n) {
    return postgresql ? "generate_series(1, " + n + ") as g(x)" : "system_range(1, " + n + ")";
  }
}
