package cn.weineng.lti.bench;

import cn.weineng.xapi.domain.StatementMentions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store benchmark (run by {@code scripts/store-benchmark.sh}): grows a store to a size, then
 * measures at that size the raw JDBC baseline, Weineng's ingest over HTTP and its queries. Every
 * mode prints Markdown table rows ({@code |…|}) and, for the plot, tab-separated lines ({@code
 * csv\t…}).
 *
 * <ul>
 *   <li>{@code load <jdbc-url> <user> <password> <size>}: adds generated statements (the rows
 *       Weineng stores for them: the statement, its agent and activity mentions) until the default
 *       store holds {@code size}, with stored times spread over the past year. Run while Weineng is
 *       stopped (H2 is a file one process opens).
 *   <li>{@code baseline <jdbc-url> <user> <password> <seconds> <size-label>}: the raw JDBC
 *       baseline: the same kind of rows inserted as JDBC batches, one transaction of 100 statements
 *       per commit, by 1, 4 and 8 threads.
 *   <li>{@code ingest <base-url> <key> <secret> <seconds> <size-label>}: POSTs of 1, 10 and 100
 *       statements by 1, 4 and 8 clients (validation, storage, mention index and ledger included).
 *   <li>{@code query <base-url> <key> <secret> <samples> <size-label>}: every filter of GET
 *       /statements, one client, p50 and p95.
 *   <li>{@code warmup <base-url> <key> <secret> <seconds>}: the ingest scenarios and the queries,
 *       unmeasured, into a store of their own (the key's), so that what is measured next runs
 *       compiled code: a freshly started server spends most of a core for minutes compiling.
 * </ul>
 */
public final class StoreBench {

  static final ObjectMapper JSON = new ObjectMapper();
  public static final String[] VERBS = {
    "http://adlnet.gov/expapi/verbs/experienced",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/attempted",
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/commented",
  };

  /** One statement in a thousand has this verb: the rare-verb query. */
  public static final String RARE_VERB = "http://id.tincanapi.com/verb/mentored";

  static final int COURSES = 500;

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "load" -> load(args[1], args[2], args[3], Long.parseLong(args[4]));
      case "baseline" -> baseline(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
      case "ingest" -> ingest(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
      case "count" -> {
        try (Rows rows = new Rows(args[1], args[2], args[3])) {
          System.out.println(rows.count());
        }
      }
      case "query" -> query(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
      case "warmup" -> warmup(args[1], args[2], args[3], Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** How many teachers a store of this size has: about 200 statements each. */
  static int teachers(long size) {
    return (int) Math.max(50, size / 200);
  }

  /** A generated statement as a client sends it. */
  static ObjectNode statement(Random r, int teachers) {
    int teacher = r.nextInt(teachers);
    int course = r.nextInt(COURSES);
    int module = r.nextInt(20);
    int v = r.nextInt(1000);
    String verb =
        v == 0 ? RARE_VERB : VERBS[v < 400 ? 0 : v < 650 ? 1 : v < 800 ? 2 : v < 950 ? 3 : 4];
    ObjectNode s = JSON.createObjectNode();
    s.put(
        "id",
        UUID.nameUUIDFromBytes(Long.toString(r.nextLong()).getBytes(StandardCharsets.UTF_8))
            .toString());
    ObjectNode actor = s.putObject("actor");
    actor.put("objectType", "Agent");
    ObjectNode account = actor.putObject("account");
    account.put("homePage", "https://lms.example.cn");
    account.put("name", "t" + teacher);
    s.putObject("verb").put("id", verb);
    ObjectNode object = s.putObject("object");
    object.put("objectType", "Activity");
    object.put("id", "https://courses.example.cn/c/" + course + "/m/" + module);
    object
        .putObject("definition")
        .put("type", "http://adlnet.gov/expapi/activities/course")
        .putObject("name")
        .put("zh-CN", "第" + module + "单元");
    if (verb.endsWith("/completed")) {
      s.putObject("result").put("completion", true).put("duration", "PT" + (1 + module % 3) + "H");
    }
    ObjectNode context = s.putObject("context");
    context.put(
        "registration",
        UUID.nameUUIDFromBytes(("t" + teacher + "/c" + course).getBytes(StandardCharsets.UTF_8))
            .toString());
    context
        .putObject("contextActivities")
        .putArray("parent")
        .addObject()
        .put("id", "https://courses.example.cn/c/" + course);
    context.put("platform", "Weineng store benchmark");
    return s;
  }

  /** What Weineng stores for a statement: the LRS's properties added. */
  static ObjectNode asStored(ObjectNode s, OffsetDateTime stored) {
    String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(stored);
    s.put("timestamp", at);
    s.put("stored", at);
    ObjectNode authority = s.putObject("authority");
    authority.put("objectType", "Agent");
    ObjectNode account = authority.putObject("account");
    account.put("homePage", "https://weineng.example.cn/lrs");
    account.put("name", "store-benchmark");
    s.put("version", "1.0.0");
    return s;
  }

  // ---------------------------------------------------------------- raw JDBC: load and baseline

  /** The rows of a batch of statements, inserted as three JDBC batches in one transaction. */
  public static final class Rows implements AutoCloseable {
    public final Connection c;
    final boolean postgresql;
    final PreparedStatement statements;
    final PreparedStatement agents;
    final PreparedStatement activities;
    final PreparedStatement sequence;

    public Rows(String url, String user, String password) throws SQLException {
      c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
      postgresql = url.startsWith("jdbc:postgresql:");
      statements =
          c.prepareStatement(
              "insert into xapi_statement (seq, store_id, statement_id, verb_id, registration, ts,"
                  + " stored, voided, voiding_target, xapi_version, payload)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      agents =
          c.prepareStatement(
              "insert into xapi_statement_agent (statement_seq, store_id, ifi, role)"
                  + " values (?, ?, ?, ?)");
      activities =
          c.prepareStatement(
              "insert into xapi_statement_activity (statement_seq, store_id, activity_id, role)"
                  + " values (?, ?, ?, ?)");
      sequence =
          c.prepareStatement(
              postgresql
                  ? "select nextval('xapi_statement_seq') from generate_series(1, ?)"
                  : "select next value for xapi_statement_seq from system_range(1, ?)");
    }

    /** Inserts and commits one batch: positions, statements, mentions. */
    void insert(List<ObjectNode> batch) throws Exception {
      long[] seqs = new long[batch.size()];
      sequence.setInt(1, (batch.size() + 49) / 50);
      int i = 0;
      try (ResultSet r = sequence.executeQuery()) {
        while (r.next()) {
          long first = r.getLong(1);
          for (int k = 0; k < 50 && i < seqs.length; k++) {
            seqs[i++] = first + k;
          }
        }
      }
      for (int j = 0; j < batch.size(); j++) {
        ObjectNode s = batch.get(j);
        OffsetDateTime stored = OffsetDateTime.parse(s.get("stored").asText());
        statements.setLong(1, seqs[j]);
        statements.setString(2, "default");
        statements.setString(3, s.get("id").asText());
        statements.setString(4, s.get("verb").get("id").asText());
        statements.setString(5, s.get("context").get("registration").asText());
        statements.setObject(6, stored);
        statements.setObject(7, stored);
        statements.setBoolean(8, false);
        statements.setNull(9, java.sql.Types.VARCHAR);
        statements.setString(10, "1.0.3");
        statements.setString(11, JSON.writeValueAsString(s));
        statements.addBatch();
        StatementMentions m = StatementMentions.of(s);
        for (Map.Entry<String, List<String>> e : m.agents.entrySet()) {
          for (String role : e.getValue()) {
            agents.setLong(1, seqs[j]);
            agents.setString(2, "default");
            agents.setString(3, e.getKey());
            agents.setString(4, role);
            agents.addBatch();
          }
        }
        for (Map.Entry<String, List<String>> e : m.activities.entrySet()) {
          for (String role : e.getValue()) {
            activities.setLong(1, seqs[j]);
            activities.setString(2, "default");
            activities.setString(3, e.getKey());
            activities.setString(4, role);
            activities.addBatch();
          }
        }
      }
      statements.executeBatch();
      agents.executeBatch();
      activities.executeBatch();
      c.commit();
    }

    long count() throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery("select count(*) from xapi_statement")) {
        r.next();
        long n = r.getLong(1);
        c.commit();
        return n;
      }
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }

  public static void load(String url, String user, String password, long size) throws Exception {
    load(url, user, password, size, size);
  }

  /**
   * Grows the store to {@code size} statements, as the first part of a store that will hold {@code
   * total}: stored times are spread over the year as if {@code total} were loaded, so that a store
   * grown in steps keeps its stored times in storage order.
   */
  public static void load(String url, String user, String password, long size, long total)
      throws Exception {
    try (Rows rows = new Rows(url, user, password)) {
      long have = rows.count();
      long missing = size - have;
      if (missing <= 0) {
        return;
      }
      // stored times spread over the year before the last day, in storage order
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(366);
      long spanMillis = ChronoUnit.MILLIS.between(start, start.plusDays(365));
      Random r = new Random(have * 31 + 7);
      int teachers = teachers(total);
      long t0 = System.nanoTime();
      int threads = Integer.parseInt(System.getenv().getOrDefault("LOAD_THREADS", "1"));
      if (threads > 1) {
        loadInParallel(url, user, password, have, missing, total, start, spanMillis, threads);
        missing = 0;
      }
      List<ObjectNode> batch = new ArrayList<>(1000);
      for (long i = 0; i < missing; i++) {
        OffsetDateTime stored =
            start
                .plus(spanMillis * (have + i) / total, ChronoUnit.MILLIS)
                .truncatedTo(ChronoUnit.MILLIS);
        batch.add(asStored(statement(r, teachers), stored));
        if (batch.size() == 1000) {
          rows.insert(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        rows.insert(batch);
      }
      System.err.printf(
          Locale.ROOT,
          "loaded %d statements in %.0f s%n",
          size - have,
          (System.nanoTime() - t0) / 1e9);
      if (rows.postgresql) {
        // what autovacuum does on its own sooner or later; the queries must not depend on it
        // either way, so the benchmark leaves the statistics as a freshly grown store has them
        System.err.println("no ANALYZE: the query plans must not depend on statistics");
      } else {
        // a bulk load rewrites thousands of random index pages per commit and leaves most of
        // the file dead; compacted once, as a store that grew over months under Weineng's own
        // housekeeping would be, so that the size measured is the store's, not the load's
        long t1 = System.nanoTime();
        try (Statement st = rows.c.createStatement()) {
          st.execute("shutdown compact");
        }
        System.err.printf(
            Locale.ROOT, "compacted the H2 file in %.0f s%n", (System.nanoTime() - t1) / 1e9);
      }
    }
  }

  /**
   * The load by several threads (LOAD_THREADS), for large stores: each takes the next thousand
   * statements in order, so positions follow stored times to within the batches in flight (a few
   * seconds of stored time at 10 million statements, inside the 60 s margin the position bounds of
   * {@code since} and {@code until} allow; not for small stores, where a thousand statements span
   * days).
   */
  private static void loadInParallel(
      String url,
      String user,
      String password,
      long have,
      long missing,
      long total,
      OffsetDateTime start,
      long spanMillis,
      int threads)
      throws Exception {
    int teachers = teachers(total);
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try (Rows rows = new Rows(url, user, password)) {
                  for (long b = next.getAndIncrement();
                      b * 1000 < missing;
                      b = next.getAndIncrement()) {
                    Random r = new Random(have * 31 + b);
                    List<ObjectNode> batch = new ArrayList<>(1000);
                    for (long i = b * 1000; i < Math.min(missing, b * 1000 + 1000); i++) {
                      OffsetDateTime stored =
                          start
                              .plus(spanMillis * (have + i) / total, ChronoUnit.MILLIS)
                              .truncatedTo(ChronoUnit.MILLIS);
                      batch.add(asStored(statement(r, teachers), stored));
                    }
                    rows.insert(batch);
                  }
                } catch (Exception e) {
                  failed.add(e);
                }
              });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    if (!failed.isEmpty()) {
      throw failed.get(0);
    }
  }

  static void baseline(String url, String user, String password, int seconds, String label)
      throws Exception {
    // unmeasured first, as Weineng is warmed up: the code compiled, the connections opened once
    measureBaseline(url, user, password, 4, 5);
    for (int threads : new int[] {1, 4, 8}) {
      Measured m = measureBaseline(url, user, password, threads, seconds);
      row("raw JDBC, batches of 100", label, threads, m.result(), m.statements());
    }
  }

  /** What a measured run did, and how many statements it stored. */
  record Measured(Result result, long statements) {}

  /** The baseline's inserts by {@code threads} for {@code seconds}. */
  static Measured measureBaseline(
      String url, String user, String password, int threads, int seconds) throws Exception {
    AtomicLong n = new AtomicLong();
    Result r =
        run(
            threads,
            seconds,
            () -> {
              Rows rows = ROWS.get();
              if (rows == null) {
                rows = new Rows(url, user, password);
                ROWS.set(rows);
                OPEN.add(rows);
              }
              List<ObjectNode> batch = batch(100, teachers(1_000_000));
              OffsetDateTime now =
                  OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
              for (ObjectNode s : batch) {
                asStored(s, now);
              }
              rows.insert(batch);
              n.addAndGet(100);
              return true;
            });
    for (Rows rows : OPEN) {
      rows.close();
    }
    OPEN.clear();
    return new Measured(r, n.get());
  }

  /** Each client thread of the baseline has its own connection (the threads live for one run). */
  static final ThreadLocal<Rows> ROWS = new ThreadLocal<>();

  static final List<Rows> OPEN = Collections.synchronizedList(new ArrayList<>());

  static List<ObjectNode> batch(int size, int teachers) {
    Random r = ThreadLocalRandom.current();
    List<ObjectNode> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(statement(r, teachers));
    }
    return out;
  }

  // ---------------------------------------------------------------- Weineng over HTTP

  static void warmup(String base, String key, String secret, int seconds) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String auth = basic(key, secret);
    int[][] plan = {{1, 4}, {10, 4}, {100, 8}};
    for (int[] p : plan) {
      run(p[1], Math.max(1, seconds / plan.length), () -> post(http, base, auth, p[0]));
    }
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      query(base, key, secret, 20, "warm-up, 10000 statements");
    } finally {
      System.setOut(out);
    }
  }

  static void ingest(String base, String key, String secret, int seconds, String label)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String auth = basic(key, secret);
    // warm-up, not measured
    run(4, 5, () -> post(http, base, auth, 10));
    int[][] plan = plan(System.getenv().getOrDefault("INGEST_PLAN", "100x1,100x4,100x8,10x4,1x4"));
    // TARGET: what is measured, when the same driver is pointed at another LRS
    String target = System.getenv().getOrDefault("TARGET", "Weineng");
    for (int[] p : plan) {
      int size = p[0];
      AtomicLong n = new AtomicLong();
      Result r =
          run(
              p[1],
              seconds,
              () -> {
                boolean ok = post(http, base, auth, size);
                if (ok) {
                  n.addAndGet(size);
                }
                return ok;
              });
      row(target + " POST /xapi/statements, batches of " + size, label, p[1], r, n.get());
    }
  }

  /** Scenarios as "batch x clients" pairs, e.g. {@code 100x1,10x4} (INGEST_PLAN, for profiling). */
  static int[][] plan(String spec) {
    return Arrays.stream(spec.split(","))
        .map(p -> p.trim().split("x"))
        .map(p -> new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])})
        .toArray(int[][]::new);
  }

  static boolean post(HttpClient http, String base, String auth, int size) throws Exception {
    List<ObjectNode> batch = batch(size, teachers(1_000_000));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                .header("Authorization", auth)
                .header("X-Experience-API-Version", "1.0.3")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      System.err.println("POST answered " + r.statusCode() + ": " + r.body());
    }
    return r.statusCode() == 200;
  }

  static void query(String base, String key, String secret, int samples, String label)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String auth = basic(key, secret);
    long size = Long.parseLong(label.replaceAll("[^0-9]", ""));
    int teachers = teachers(size);
    String agent = "{\"account\":{\"homePage\":\"https://lms.example.cn\",\"name\":\"t%d\"}}";
    String monthAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30).toString();
    String hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
    String halfYearAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(180).toString();
    Random r = new Random(42);
    List<Query> queries =
        List.of(
            new Query("no filter", i -> ""),
            new Query("agent", i -> "agent=" + enc(String.format(agent, r.nextInt(teachers)))),
            new Query(
                "agent + verb + since (30 days)",
                i ->
                    "agent="
                        + enc(String.format(agent, r.nextInt(teachers)))
                        + "&verb="
                        + enc(VERBS[1])
                        + "&since="
                        + enc(monthAgo)),
            new Query("verb (common)", i -> "verb=" + enc(VERBS[1])),
            new Query("verb (1 in 1,000)", i -> "verb=" + enc(RARE_VERB)),
            new Query(
                "activity",
                i ->
                    "activity="
                        + enc(
                            "https://courses.example.cn/c/"
                                + r.nextInt(COURSES)
                                + "/m/"
                                + r.nextInt(20))),
            new Query(
                "activity, related_activities (a course's parent)",
                i ->
                    "activity="
                        + enc("https://courses.example.cn/c/" + r.nextInt(COURSES))
                        + "&related_activities=true"),
            new Query(
                "registration",
                i ->
                    "registration="
                        + UUID.nameUUIDFromBytes(
                            ("t" + r.nextInt(teachers) + "/c" + r.nextInt(COURSES))
                                .getBytes(StandardCharsets.UTF_8))),
            new Query("since (last hour)", i -> "since=" + enc(hourAgo)),
            new Query("until (half a year ago)", i -> "until=" + enc(halfYearAgo)),
            new Query(
                "agent, ascending",
                i -> "agent=" + enc(String.format(agent, r.nextInt(teachers))) + "&ascending=true"),
            new Query(
                "agent, related_agents",
                i ->
                    "agent="
                        + enc(String.format(agent, r.nextInt(teachers)))
                        + "&related_agents=true"),
            new Query("verb (common), the page a more link gives", i -> "more"));
    for (Query q : queries) {
      List<Double> ms = new ArrayList<>();
      int errors = 0;
      for (int i = 0; i < samples + 20; i++) {
        String path;
        if ("more".equals(q.params.apply(i))) {
          JsonPage first = get(http, base, auth, "/xapi/statements?verb=" + enc(VERBS[1]));
          path = first.more;
        } else {
          path = "/xapi/statements?" + q.params.apply(i);
        }
        long t0 = System.nanoTime();
        JsonPage p = path == null ? null : get(http, base, auth, path);
        double took = (System.nanoTime() - t0) / 1e6;
        if (p == null || p.status != 200) {
          errors++;
        } else if (i >= 20) {
          ms.add(took);
        }
      }
      Collections.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "| GET /xapi/statements, %s | %s | %d | %.1f | %.1f | %d |%n",
          q.name,
          label,
          ms.size(),
          pct(ms, 50),
          pct(ms, 95),
          errors);
      System.out.printf(
          Locale.ROOT, "csv\tquery\t%s\t%s\t%.2f\t%.2f%n", label, q.name, pct(ms, 50), pct(ms, 95));
    }
  }

  record Query(String name, java.util.function.IntFunction<String> params) {}

  record JsonPage(int status, String more) {}

  static JsonPage get(HttpClient http, String base, String auth, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth)
                .header("X-Experience-API-Version", "1.0.3")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String more = null;
    if (r.statusCode() == 200) {
      String m = JSON.readTree(r.body()).path("more").asText("");
      more =
          m.isEmpty()
              ? null
              : m.startsWith("/")
                  ? m
                  : URI.create(m).getRawPath() + "?" + URI.create(m).getRawQuery();
    } else {
      System.err.println("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonPage(r.statusCode(), more);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String basic(String key, String secret) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- measuring

  static void row(String what, String label, int threads, Result r, long statements) {
    double rate = statements / r.seconds;
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %d | %d | %.0f | %.1f | %.1f | %d |%n",
        what,
        label,
        threads,
        r.latencies.size(),
        rate,
        pct(r.latencies, 50),
        pct(r.latencies, 95),
        r.errors);
    System.out.printf(
        Locale.ROOT,
        "csv\tingest\t%s\t%s\t%d\t%.0f\t%.2f%n",
        label,
        what,
        threads,
        rate,
        pct(r.latencies, 95));
  }

  interface Call {
    boolean call() throws Exception;
  }

  record Result(List<Double> latencies, int errors, double seconds) {}

  static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }

  static Result run(int threads, int seconds, Call call) throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger errors =
        new java.util.concurrent.atomic.AtomicInteger();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  boolean ok;
                  try {
                    ok = call.call();
                  } catch (Exception e) {
                    System.err.println(e);
                    ok = false;
                  }
                  if (ok) {
                    latencies.add((System.nanoTime() - t0) / 1e6);
                  } else {
                    errors.incrementAndGet();
                  }
                }
              });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(sorted, errors.get(), secs);
  }
}
