package cn.weineng.lti.bench;

import cn.weineng.api.client.LrsApi;
import cn.weineng.api.client.PlatformsApi;
import cn.weineng.api.client.invoker.ApiClient;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.LrsCredentialRequest;
import cn.weineng.api.client.model.PlatformRegistration;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.Weineng;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a running Weineng over loopback: xAPI ingest (POST batches of statements that earn
 * hours, so the ledger is written too), and full LTI launches (login initiation, platform
 * authorisation, launch with id_token validation, recording and the page). Prints one Markdown
 * table row per scenario.
 *
 * <p>Arguments: base URL, admin password, seconds per scenario, client threads, database label.
 */
public final class LoadDriver {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String password = args[1];
    int seconds = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    String db = args[4];
    // an optional sixth argument picks scenarios: "xapi", "launch", "grades" (comma-separated)
    java.util.Set<String> only =
        args.length > 5
            ? java.util.Set.of(args[5].split(","))
            : java.util.Set.of("xapi", "launch", "grades");

    ApiClient client = new ApiClient();
    client.updateBaseUri(base);
    String basic = Weineng.basic("admin", password);
    client.setRequestInterceptor(b -> b.header("Authorization", basic));
    IssuedLrsCredential cred =
        new LrsApi(client).createLrsCredential(new LrsCredentialRequest().label("load driver"));
    String auth = Weineng.basic(cred.getKey(), cred.getSecret());
    HttpClient http = HttpClient.newHttpClient();

    if (only.contains("xapi")) {
      // warm-up, not measured
      run(threads, 5, () -> postBatch(http, base, auth, 10));
    }

    for (int batch : only.contains("xapi") ? new int[] {1, 10, 100} : new int[0]) {
      Result r = run(threads, seconds, () -> postBatch(http, base, auth, batch));
      System.out.printf(
          Locale.ROOT,
          "| xAPI POST, batch of %d | %s | %d | %d | %.0f statements/s | %.1f | %.1f | %.1f | %d |%n",
          batch,
          db,
          threads,
          r.count,
          r.count * batch / r.seconds,
          r.p(50),
          r.p(95),
          r.p(99),
          r.errors);
    }

    if (only.contains("launch")) {
      launches(client, base, threads, seconds, db);
    }
    if (only.contains("grades")) {
      grades(client, http, base, basic, db);
    }
    System.exit(0);
  }

  static void launches(ApiClient client, String base, int threads, int seconds, String db)
      throws Exception {
    TestPlatform lms = new TestPlatform();
    new PlatformsApi(client)
        .createPlatform(
            new PlatformRegistration()
                .name("load LMS")
                .issuer(lms.issuer)
                .clientId(lms.clientId)
                .deploymentIds(List.of(lms.deploymentId))
                .authUrl(lms.authUrl())
                .jwksUrl(lms.jwksUrl()));
    LtiBrowser browser = new LtiBrowser(base, lms);
    // returning teachers: 1000 teachers in 20 courses, each launch by one of them at random (the
    // warm-up launches most of them once, so the measured launches find their person, course and
    // enrolment)
    java.util.function.Supplier<TestPlatform.LaunchSpec> returning =
        () -> {
          int n = ThreadLocalRandom.current().nextInt(1000);
          TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(base + "/lti/launch");
          spec.subject = "load-teacher-" + n;
          spec.contextId = "load-course-" + (n % 20);
          spec.resourceLinkId = "load-link-" + (n % 5);
          return spec;
        };
    // first launches: a new teacher in a new course every time
    java.util.function.Supplier<TestPlatform.LaunchSpec> first =
        () -> {
          TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(base + "/lti/launch");
          spec.subject = "load-" + UUID.randomUUID();
          return spec;
        };
    Result warm =
        run(threads, Integer.getInteger("warmup", 30), launchCall(browser, returning, null));
    System.err.println("warm-up launches: " + warm.count);
    launchScenario("returning teacher", browser, returning, threads, seconds, db);
    launchScenario("first launch, new teacher and course", browser, first, threads, seconds, db);
    lms.close();
  }

  static Call launchCall(
      LtiBrowser browser,
      java.util.function.Supplier<TestPlatform.LaunchSpec> specs,
      java.util.Queue<Long> toolMicros) {
    return () -> {
      LtiBrowser.Result r = browser.launch(specs.get());
      if (toolMicros != null) {
        toolMicros.add(r.toolNanos() / 1000);
      }
      return r.status() == 200;
    };
  }

  /**
   * One launch scenario: the whole flow (the test platform's authorisation and RS256 signing
   * included, all on this machine), the tool's part of it (login initiation and launch with page,
   * timed at the client), and, when the server's process id is given ({@code -Dserver.pid}), the
   * server's CPU time per launch, from which its capacity on this machine's cores follows.
   */
  static void launchScenario(
      String label,
      LtiBrowser browser,
      java.util.function.Supplier<TestPlatform.LaunchSpec> specs,
      int threads,
      int seconds,
      String db)
      throws Exception {
    java.util.concurrent.ConcurrentLinkedQueue<Long> toolMicros =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    long cpu0 = serverCpuMillis();
    Result launches = run(threads, seconds, launchCall(browser, specs, toolMicros));
    long cpu1 = serverCpuMillis();
    System.out.printf(
        Locale.ROOT,
        "| LTI launch (%s), whole flow | %s | %d | %d | %.1f launches/s | %.1f | %.1f | %.1f | %d |%n",
        label,
        db,
        threads,
        launches.count,
        launches.count / launches.seconds,
        launches.p(50),
        launches.p(95),
        launches.p(99),
        launches.errors);
    List<Long> tool = new java.util.ArrayList<>(toolMicros);
    java.util.Collections.sort(tool);
    double toolSeconds = tool.stream().mapToLong(Long::longValue).sum() / 1e6;
    System.out.printf(
        Locale.ROOT,
        "| LTI launch (%s), the tool's part (login initiation + launch; signing excluded) | %s | %d | %d | %.1f"
            + " launches/s of tool time | %.1f | %.1f | %.1f | %d |%n",
        label,
        db,
        threads,
        tool.size(),
        tool.isEmpty() ? 0.0 : tool.size() / (toolSeconds / threads),
        pct(tool, 50),
        pct(tool, 95),
        pct(tool, 99),
        launches.errors);
    if (cpu0 >= 0 && cpu1 >= 0 && launches.count > 0) {
      double perLaunch = (double) (cpu1 - cpu0) / launches.count;
      System.out.printf(
          Locale.ROOT,
          "| LTI launch (%s), server CPU per launch: %.1f ms → capacity %.0f launches/s on %d cores | %s | %d | %d | | | | | |%n",
          label,
          perLaunch,
          Runtime.getRuntime().availableProcessors() * 1000 / perLaunch,
          Runtime.getRuntime().availableProcessors(),
          db,
          threads,
          launches.count);
    }
  }

  /** The server process's CPU time (user + system) from /proc, or -1 when not known. */
  static long serverCpuMillis() {
    String pid = System.getProperty("server.pid");
    if (pid == null) {
      return -1;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime), counted after the command name
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10; // USER_HZ is 100 on Linux
    } catch (Exception e) {
      return -1;
    }
  }

  static boolean postBatch(HttpClient http, String base, String auth, int size) throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        b.append(',');
      }
      int learner = ThreadLocalRandom.current().nextInt(1000);
      b.append("{\"actor\":{\"account\":{\"homePage\":\"https://lms.example.cn\",\"name\":\"t")
          .append(learner)
          .append("\"}},")
          .append("\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},")
          .append("\"object\":{\"id\":\"https://courses.example.cn/c/")
          .append(UUID.randomUUID())
          .append("\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}},")
          .append("\"result\":{\"completion\":true,\"duration\":\"PT1H\"}}");
    }
    b.append(']');
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                .header("Authorization", auth)
                .header("X-Experience-API-Version", "1.0.3")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString()))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200;
  }

  interface Call {
    boolean call() throws Exception;
  }

  record Result(int count, int errors, double seconds, List<Double> latenciesMs) {
    double p(int percentile) {
      if (latenciesMs.isEmpty()) {
        return 0;
      }
      int i = (int) Math.ceil(percentile / 100.0 * latenciesMs.size()) - 1;
      return latenciesMs.get(Math.max(0, Math.min(i, latenciesMs.size() - 1)));
    }
  }

  static Result run(int threads, int seconds, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  boolean ok;
                  try {
                    ok = call.call();
                  } catch (Exception e) {
                    ok = false;
                  }
                  latencies.add((System.nanoTime() - t0) / 1e6);
                  if (!ok) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(sorted.size(), errors.get(), elapsed, sorted);
  }

  /** A percentile of sorted microsecond figures, in milliseconds. */
  static double pct(List<Long> sortedMicros, int p) {
    if (sortedMicros.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
    return sortedMicros.get(Math.max(0, Math.min(sortedMicros.size() - 1, i))) / 1000.0;
  }

  /**
   * Grade delivery: a course of 500 learners (read with the roster service), a 学时 column, and the
   * 500 queued scores sent by Weineng's delivery (token from the platform once, then one POST per
   * score). The baseline, in the same run, posts the same 500 score documents straight to the test
   * platform's endpoint from the driver, one thread.
   */
  static void grades(ApiClient client, HttpClient http, String base, String basic, String db)
      throws Exception {
    int learners = 500;
    TestPlatform lms = new TestPlatform();
    lms.toolJwksUrl = base + "/lti/jwks";
    lms.pageSize = 100;
    new PlatformsApi(client)
        .createPlatform(
            new PlatformRegistration()
                .name("grades LMS")
                .issuer(lms.issuer)
                .clientId(lms.clientId)
                .deploymentIds(List.of(lms.deploymentId))
                .authUrl(lms.authUrl())
                .tokenUrl(lms.tokenUrl())
                .jwksUrl(lms.jwksUrl()));
    for (int i = 0; i < learners; i++) {
      lms.members.add(
          new java.util.LinkedHashMap<>(
              java.util.Map.of(
                  "user_id",
                  "g-" + i,
                  "name",
                  "学员" + i,
                  "status",
                  "Active",
                  "roles",
                  List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))));
    }
    TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(base + "/lti/launch");
    spec.subject = "g-0";
    spec.tamper =
        b ->
            b.claim(
                    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
                    java.util.Map.of("context_memberships_url", lms.membershipsUrl()))
                .claim(
                    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
                    java.util.Map.of(
                        "scope",
                        List.of(
                            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                            "https://purl.imsglobal.org/spec/lti-ags/scope/score"),
                        "lineitems",
                        lms.lineitemsUrl()));
    new LtiBrowser(base, lms).launch(spec);
    String course =
        new cn.weineng.api.client.ProgressApi(client)
            .listCourses(null, spec.contextId)
            .get(0)
            .getId();
    System.err.println(
        "roster: " + admin(http, base, basic, "POST", "/api/courses/" + course + "/roster/sync"));
    System.err.println(
        "hours column: "
            + admin(http, base, basic, "PUT", "/api/courses/" + course + "/hours-column"));
    long t0 = System.nanoTime();
    int sent = 0;
    for (int i = 0; i < 20 && sent < learners; i++) {
      String r = admin(http, base, basic, "POST", "/api/platforms/score-deliveries/run");
      sent += Integer.parseInt(r.replaceAll(".*\\\"sent\\\":(\\d+).*", "$1"));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "| AGS scores delivered by Weineng (%d learners, one token) | %s | 1 | %d | %.0f scores/s | | | | %d |%n",
        learners,
        db,
        sent,
        sent / seconds,
        learners - sent);

    // baseline: the same score documents straight to the platform's endpoint
    String token = lms.issueTokenForBaseline();
    List<String[]> recorded = List.copyOf(lms.scores);
    long b0 = System.nanoTime();
    int ok = 0;
    for (String[] sc : recorded) {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(lms.issuer + sc[0]))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/vnd.ims.lis.v1.score+json")
                  .POST(HttpRequest.BodyPublishers.ofString(sc[1]))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      ok += r.statusCode() / 100 == 2 ? 1 : 0;
    }
    double bs = (System.nanoTime() - b0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "| baseline: the same scores posted straight to the platform | %s | 1 | %d | %.0f scores/s | | | | %d |%n",
        db,
        ok,
        ok / bs,
        recorded.size() - ok);
    lms.close();
  }

  static String admin(HttpClient http, String base, String basic, String method, String path)
      throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
