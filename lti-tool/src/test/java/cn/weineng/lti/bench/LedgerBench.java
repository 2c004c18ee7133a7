package cn.weineng.lti.bench;

import cn.weineng.policy.api.Credit;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * The ledger's benchmarks, printed as Markdown table rows for docs/benchmarks.md (run by
 * scripts/ledger-benchmark.sh).
 *
 * <ul>
 *   <li>{@code policy-step}: every installed policy's {@code credit} over a million synthetic
 *       statement facts, in one thread, against a baseline measured in the same run: the same loop
 *       reading the same facts without crediting (what any ledger must pay to look at a statement).
 *   <li>{@code evaluate}: standings of learners with 100 ledger lines each.
 *   <li>{@code ack-to-standing} (needs a running Weineng): the time from posting a statement to the
 *       learner's standing showing its hours, measured from outside over HTTP.
 * </ul>
 */
public final class LedgerBench {

  private LedgerBench() {}

  static final String[] KINDS = {
    "online-course",
    "workshop",
    "practice",
    "school-based-research",
    "application-assessment",
    "smart-classroom-lesson"
  };

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("load")) {
      load(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), args[6]);
      return;
    }
    int n = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
    List<LearningActivity> facts = synthetic(n);
    List<RegionPolicyFactory> factories = new ArrayList<>();
    ServiceLoader.load(RegionPolicyFactory.class).forEach(factories::add);

    // warm-up: each policy once over the set, the baseline twice
    long sink = 0;
    sink += baseline(facts);
    sink += baseline(facts);
    List<RegionPolicy> policies = new ArrayList<>();
    for (RegionPolicyFactory f : factories) {
      RegionPolicy p = f.create(PolicyConfig.empty());
      policies.add(p);
      sink += credit(p, facts);
    }

    long t0 = System.nanoTime();
    sink += baseline(facts);
    double baseSecs = (System.nanoTime() - t0) / 1e9;
    row("baseline: read every fact, no policy", n, baseSecs, 0);
    long all = 0;
    for (int i = 0; i < policies.size(); i++) {
      t0 = System.nanoTime();
      long lines = credit(policies.get(i), facts);
      double secs = (System.nanoTime() - t0) / 1e9;
      all += lines;
      row("credit, " + factories.get(i).id(), n, secs, lines);
    }
    t0 = System.nanoTime();
    long together = 0;
    for (LearningActivity a : facts) {
      for (RegionPolicy p : policies) {
        together += p.credit(a).size();
      }
    }
    row("credit, all six policies per statement", n, (System.nanoTime() - t0) / 1e9, together);

    // evaluation: 10,000 learners with 100 lines each, under each policy
    int learners = 10_000;
    for (int i = 0; i < policies.size(); i++) {
      RegionPolicy p = policies.get(i);
      List<List<LedgerLine>> records = new ArrayList<>();
      for (int l = 0; l < learners; l++) {
        List<LedgerLine> lines = new ArrayList<>();
        for (LearningActivity a : facts.subList(l * 100 % (n - 100), l * 100 % (n - 100) + 100)) {
          for (Credit c : p.credit(a)) {
            lines.add(LedgerLine.of(a, c));
          }
        }
        records.add(lines);
      }
      EvaluationContext at = EvaluationContext.at(Instant.parse("2024-06-30T00:00:00Z"));
      t0 = System.nanoTime();
      for (List<LedgerLine> lines : records) {
        sink +=
            p.evaluate(LearnerFacts.builder("l").lines(lines).build(), at).requirements().size();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "| evaluate, %s | %,d learners × 100 statements | %.2f s | %,.0f standings/s | |%n",
          factories.get(i).id(), learners, secs, learners / secs);
    }
    if (sink == 42) {
      System.out.println("(sink)");
    }
    if (args.length >= 3) {
      ackToStanding(args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 200);
    }
    System.err.println("lines credited in all: " + all);
  }

  /**
   * Loads {@code n} stored statements straight into a store's statement table with raw JDBC batches
   * (the baseline of the rebuild), then reads them back the way a rebuild must (raw JDBC, one JSON
   * parse each), and prints both as table rows.
   */
  static void load(String url, String user, String password, String store, int n, String label)
      throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Random r = new Random(11);
    String[] types = {
      "http://adlnet.gov/expapi/activities/course",
      "https://w3id.org/weineng/xapi/activity-types/workshop",
      "https://w3id.org/weineng/xapi/activity-types/practice",
      "https://w3id.org/weineng/xapi/activity-types/school-based-research",
      "https://w3id.org/weineng/xapi/activity-types/application-assessment",
      "https://w3id.org/weineng/xapi/activity-types/smart-classroom-lesson",
      "http://id.tincanapi.com/activitytype/lms"
    };
    Instant start = Instant.parse("2021-09-01T00:00:00Z");
    long t0 = System.nanoTime();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
      c.setAutoCommit(false);
      try (java.sql.PreparedStatement ps =
          c.prepareStatement(
              "insert into xapi_statement (seq, store_id, statement_id, verb_id, registration, ts,"
                  + " stored, voided, voiding_target, xapi_version, payload)"
                  + " values (?, ?, ?, ?, null, ?, ?, false, null, '1.0.3', ?)")) {
        for (int i = 0; i < n; i++) {
          String id = UUID.randomUUID().toString();
          String verb =
              r.nextInt(10) < 7
                  ? "http://adlnet.gov/expapi/verbs/completed"
                  : "http://id.tincanapi.com/verb/viewed";
          Instant ts = start.plusSeconds(r.nextInt(3 * 365 * 86400));
          String type = types[r.nextInt(types.length)];
          String payload =
              "{\"id\":\""
                  + id
                  + "\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":"
                  + "\"https://moodle.example.cn\",\"name\":\"t"
                  + r.nextInt(20_000)
                  + "\"}},\"verb\":{\"id\":\""
                  + verb
                  + "\"},\"object\":{\"objectType\":\"Activity\",\"id\":\"https://courses.example.cn/a/"
                  + r.nextInt(5_000)
                  + "\",\"definition\":{\"type\":\""
                  + type
                  + "\"}},\"result\":{\"completion\":true,\"duration\":\"PT"
                  + (1 + r.nextInt(8))
                  + "H\"},\"timestamp\":\""
                  + ts
                  + "\",\"stored\":\""
                  + ts
                  + "\",\"authority\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":"
                  + "\"http://127.0.0.1\",\"name\":\"bench\"}},\"version\":\"1.0.0\"}";
          ps.setLong(1, 1_000_000_000L + i);
          ps.setString(2, store);
          ps.setString(3, id);
          ps.setString(4, verb);
          ps.setObject(5, ts.atOffset(java.time.ZoneOffset.UTC));
          ps.setObject(6, ts.atOffset(java.time.ZoneOffset.UTC));
          ps.setString(7, payload);
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
          }
          if (i % 100_000 == 99_999) {
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
      double loadSecs = (System.nanoTime() - t0) / 1e9;
      // the store's people, as live ingestion would have created them (not timed)
      try (java.sql.PreparedStatement person =
              c.prepareStatement("insert into person (id, store_id, created_at) values (?, ?, ?)");
          java.sql.PreparedStatement identity =
              c.prepareStatement(
                  "insert into person_identity (store_id, ifi, person_id, created_at)"
                      + " values (?, ?, ?, ?)")) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 20_000; i++) {
          String ifi = "account:https://moodle.example.cn|t" + i;
          String id =
              UUID.nameUUIDFromBytes(
                      ("person|" + store + "|" + ifi).getBytes(StandardCharsets.UTF_8))
                  .toString();
          person.setString(1, id);
          person.setString(2, store);
          person.setObject(3, now);
          person.addBatch();
          identity.setString(1, store);
          identity.setString(2, ifi);
          identity.setString(3, id);
          identity.setObject(4, now);
          identity.addBatch();
        }
        person.executeBatch();
        identity.executeBatch();
        c.commit();
      }
      System.out.printf(
          "| baseline: raw JDBC batch insert of the statements, %s | %,d statements | %.1f s | %,.0f"
              + " statements/s | |%n",
          label, n, loadSecs, n / loadSecs);
      t0 = System.nanoTime();
      long parsed = 0;
      try (java.sql.PreparedStatement q =
          c.prepareStatement(
              "select seq, payload from xapi_statement where store_id = ? order by seq")) {
        q.setFetchSize(2000);
        q.setString(1, store);
        try (java.sql.ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            parsed += json.readTree(rs.getString(2)).size();
          }
        }
      }
      c.commit();
      double scanSecs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "| baseline: raw JDBC read of the store in stored order, JSON parsed, %s | %,d statements |"
              + " %.1f s | %,.0f statements/s | %d |%n",
          label, n, scanSecs, n / scanSecs, parsed > 0 ? 0 : 1);
    }
  }

  static void row(String what, int n, double secs, long lines) {
    System.out.printf(
        "| %s | %,d statements | %.3f s | %,.0f statements/s | %,d |%n",
        what, n, secs, n / secs, lines);
  }

  static long baseline(List<LearningActivity> facts) {
    long s = 0;
    for (LearningActivity a : facts) {
      s += a.kind().map(String::length).orElse(0);
      s += a.duration().map(Duration::getSeconds).orElse(0L);
      s += a.verbId().length();
    }
    return s;
  }

  static long credit(RegionPolicy p, List<LearningActivity> facts) {
    long lines = 0;
    for (LearningActivity a : facts) {
      lines += p.credit(a).size();
    }
    return lines;
  }

  static List<LearningActivity> synthetic(int n) {
    Random r = new Random(7);
    List<LearningActivity> out = new ArrayList<>(n);
    Instant start = Instant.parse("2020-09-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      out.add(
          LearningActivity.builder(
                  UUID.randomUUID().toString(),
                  r.nextInt(10) < 8
                      ? "http://adlnet.gov/expapi/verbs/completed"
                      : "http://adlnet.gov/expapi/verbs/experienced",
                  start.plusSeconds(r.nextInt(4 * 365 * 86400)))
              .activityId("https://courses.example.cn/a/" + r.nextInt(50_000))
              .kind(KINDS[r.nextInt(KINDS.length)])
              .duration(Duration.ofMinutes(30 + r.nextInt(600)))
              .completion(r.nextInt(20) > 0)
              .build());
    }
    return out;
  }

  /** Post a statement, then read the standing until it shows the hours; p50 and p95 in ms. */
  static void ackToStanding(String base, String adminPassword, int samples) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String admin =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    String cred =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/lrs/credentials"))
                    .header("Authorization", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"ledger bench\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String key = field(cred, "key");
    String secret = field(cred, "secret");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    double[] ackMs = new double[samples];
    double[] visibleMs = new double[samples];
    for (int i = 0; i < samples; i++) {
      String user = "bench-" + UUID.randomUUID();
      String statement =
          "{\"actor\":{\"account\":{\"homePage\":\"https://lms.example.cn\",\"name\":\""
              + user
              + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
              + "\"object\":{\"id\":\"https://courses.example.cn/c/1\",\"definition\":{\"type\":"
              + "\"http://adlnet.gov/expapi/activities/course\"}},\"result\":{\"duration\":\"PT2H\"}}";
      long t0 = System.nanoTime();
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                  .header("Authorization", basic)
                  .header("X-Experience-API-Version", "1.0.3")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(statement))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      ackMs[i] = (System.nanoTime() - t0) / 1e6;
      if (posted.statusCode() != 200) {
        throw new IllegalStateException("POST answered " + posted.statusCode());
      }
      String q =
          base
              + "/api/learners?homePage="
              + java.net.URLEncoder.encode("https://lms.example.cn", StandardCharsets.UTF_8)
              + "&name="
              + user;
      while (true) {
        String found =
            http.send(
                    HttpRequest.newBuilder(URI.create(q)).header("Authorization", admin).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (found.contains("\"id\"")) {
          String id = field(found, "id");
          String standing =
              http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  base
                                      + "/api/learners/"
                                      + id
                                      + "/standing?policy=cn-national-2019"))
                          .header("Authorization", admin)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          if (standing.contains("\"totalHours\":2.0")) {
            break;
          }
        }
        if ((System.nanoTime() - t0) / 1e9 > 10) {
          throw new IllegalStateException("the standing did not show the hours within 10 s");
        }
      }
      visibleMs[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ackMs);
    Arrays.sort(visibleMs);
    System.out.printf(
        "| ack-to-standing | %d statements, one at a time | POST p50 %.1f ms, p95 %.1f ms | standing"
            + " shows the hours: p50 %.1f ms, p95 %.1f ms, max %.1f ms | |%n",
        samples,
        ackMs[samples / 2],
        ackMs[samples * 95 / 100],
        visibleMs[samples / 2],
        visibleMs[samples * 95 / 100],
        visibleMs[samples - 1]);
  }

  private static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"");
    if (i < 0) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    int start = i + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }
}
