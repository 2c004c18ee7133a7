package cn.weineng.lti.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real application, the WAR as built, on Payara Micro in a separate process: one per test JVM,
 * shared by every test class. The database is chosen by the system property {@code weineng.it.db}:
 * {@code h2} (the embedded default, a file under the server's working directory) or {@code
 * postgresql} (a fresh database on 127.0.0.1:5432, created for the run and dropped after it; the
 * tests are skipped when no server answers there).
 */
public final class WeinengServer {

  private static WeinengServer instance;

  public final String db = System.getProperty("weineng.it.db", "h2");
  public final int port;
  public final String baseUrl;
  public final String adminUser = "admin";
  public final String adminPassword = "it-" + UUID.randomUUID();
  private final Path work;
  private final Map<String, String> env = new HashMap<>();
  private String pgDatabase;
  private Process process;

  /** Seconds from process start to the first healthy answer, per start. */
  public final List<Double> startSeconds = new ArrayList<>();

  public static synchronized WeinengServer get() {
    if (instance == null) {
      WeinengServer s = new WeinengServer();
      s.start();
      Runtime.getRuntime().addShutdownHook(new Thread(s::shutdown));
      instance = s;
    }
    return instance;
  }

  private WeinengServer() {
    if ("postgresql".equals(db)) {
      assumeTrue(
          answers("127.0.0.1", 5432),
          "no PostgreSQL server answers at 127.0.0.1:5432; the PostgreSQL run is skipped");
    }
    port = freePort();
    baseUrl = "http://127.0.0.1:" + port;
    work =
        Path.of(System.getProperty("weineng.it.work", "target/it"))
            .resolve(db + "-" + System.currentTimeMillis())
            .toAbsolutePath();
    env.put("WEINENG_ADMIN_PASSWORD", adminPassword);
    env.put("WEINENG_PUBLIC_URL", baseUrl);
    env.put("WEINENG_DATA_DIR", work.resolve("weineng-data").toString());
    // the tests all come from 127.0.0.1; the rate-limit tests name other addresses through this
    // trusted proxy, and get limits small enough to reach
    env.put("WEINENG_TRUSTED_PROXIES", "127.0.0.1");
    env.put("WEINENG_LIMITS_AUTH_FAILURES_PER_ADDRESS", "40");
    env.put("WEINENG_LIMITS_AUTH_FAILURES_PER_CLIENT", "400");
    env.put("WEINENG_LIMITS_LOGINS_PER_ADDRESS", "100000");
    env.put("WEINENG_LIMITS_LOGINS_PER_CLIENT", "120");
    // few LRS writes at once, so that the burst test reaches the limit on any machine
    env.put("WEINENG_LIMITS_LRS_CONCURRENT_WRITES", "4");
    env.put("WEINENG_LIMITS_LRS_WRITE_WAIT_MS", "1000");
    if ("postgresql".equals(db)) {
      pgDatabase = "weineng_it_" + System.currentTimeMillis();
      adminSql("create database " + pgDatabase);
      env.put("WEINENG_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource");
      env.put("WEINENG_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase);
      env.put("WEINENG_DB_USER", "postgres");
      env.put("WEINENG_DB_PASSWORD", "");
    }
  }

  private void start() {
    long t0 = System.nanoTime();
    process =
        spawn(port, work.resolve("payara-root-" + startSeconds.size()), work.resolve("server.log"));
    awaitHealthy(process, baseUrl, Duration.ofSeconds(300));
    startSeconds.add((System.nanoTime() - t0) / 1e9);
  }

  /** A Payara Micro process with the WAR as built and this installation's environment. */
  private Process spawn(int onPort, Path rootDir, Path log) {
    try {
      Files.createDirectories(work);
      List<String> cmd =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar",
              System.getProperty("weineng.it.payara"),
              "--deploy",
              System.getProperty("weineng.it.war"),
              "--contextroot",
              "/",
              "--port",
              Integer.toString(onPort),
              "--nohazelcast",
              "--disablephonehome",
              "--prebootcommandfile",
              System.getProperty("weineng.it.preboot"),
              "--rootdir",
              // a fresh runtime directory per start: Payara redeploys an application it finds in an
              // old one, after it already answered; the data lives elsewhere (database, data dir)
              rootDir.toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      return pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start Payara Micro", e);
    }
  }

  /** Another node of this installation, started by {@link #secondNode}. */
  public record Node(String baseUrl, Process process) {
    public void stop() {
      stopProcess(process);
    }
  }

  /**
   * A second node of the same installation, as a province runs several behind one address: the same
   * PostgreSQL database, the same data directory (its secrets key) and the same public URL, on a
   * port of its own, with nothing shared with the first but what they share in production.
   * PostgreSQL only: H2 is embedded in one process.
   */
  public synchronized Node secondNode() {
    assumeTrue(pgDatabase != null, "H2 is embedded in one process: a second node needs PostgreSQL");
    int other = freePort();
    Node node =
        new Node(
            "http://127.0.0.1:" + other,
            spawn(other, work.resolve("node2-root"), work.resolve("node2.log")));
    Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
    awaitHealthy(node.process(), node.baseUrl(), Duration.ofSeconds(300));
    return node;
  }

  /**
   * Kills the server as a crash would (no orderly shutdown) and starts it again on the same data.
   */
  public synchronized void crashAndRestart() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    awaitPortFree();
    start();
  }

  private void awaitHealthy(Process process, String baseUrl, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Payara Micro exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        // /health answers before the application is deployed; /xapi/about only once it is
        HttpResponse<String> app =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/xapi/about"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (app.statusCode() == 200 && ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "Weineng did not become healthy in " + timeout + "; log:\n" + tail());
  }

  private void awaitPortFree() {
    for (int i = 0; i < 100 && answers("127.0.0.1", port); i++) {
      sleep(100);
    }
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(work.resolve("server.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public Path work() {
    return work;
  }

  /**
   * The first column of a query against the server's PostgreSQL database; empty on H2, whose
   * embedded file the running server holds.
   */
  public List<String> postgresColumn(String sql) {
    List<String> out = new ArrayList<>();
    if (pgDatabase == null) {
      return out;
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase + "?user=postgres");
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
    return out;
  }

  private void shutdown() {
    if (process != null && process.isAlive()) {
      stopProcess(process);
    }
    if (pgDatabase != null) {
      try {
        adminSql("drop database if exists " + pgDatabase);
      } catch (RuntimeException e) {
        // best effort: a leftover test database is named weineng_it_<millis>
      }
    }
  }

  /** An orderly stop, then a forced one after 30 s. */
  private static void stopProcess(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A statement on the local PostgreSQL server's maintenance database {@code test}. */
  public static void adminSql(String sql) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
