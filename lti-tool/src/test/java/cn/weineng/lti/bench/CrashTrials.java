package cn.weineng.lti.bench;

import cn.weineng.lti.support.Weineng;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kill -9 during sustained ingest, again and again: starts the bundle on one database, has several
 * clients post batches of statements, single PUTs, State documents and statements with their
 * attachment's content (multipart) without pause, kills the JVM with SIGKILL at a random moment,
 * starts it again on the same data, and checks that every statement, document and attachment the
 * LRS acknowledged is there with its exact bytes, and that nothing is half there (a batch in flight
 * at the kill is stored whole or not at all, a document in flight has its bytes or is absent).
 * Prints one Markdown row per trial and a summary row.
 *
 * <p>Arguments: bundle jar, database label, trials, port, then the environment (NAME=value ...)
 * that points the bundle at its database. Run by scripts/crash-test.sh.
 */
public final class CrashTrials {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int CLIENTS = 4;
  static final int BATCH = 10;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    String db = args[1];
    int trials = Integer.parseInt(args[2]);
    int port = Integer.parseInt(args[3]);
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      env.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    Path work = Files.createTempDirectory("weineng-crash-");
    String password = "crash-" + UUID.randomUUID();
    String base = "http://127.0.0.1:" + port;
    env.put("WEINENG_ADMIN_PASSWORD", password);
    env.put("WEINENG_PUBLIC_URL", base);
    env.put("WEINENG_DATA_DIR", work.resolve("weineng-data").toString());
    Random random = new Random(Long.getLong("crash.seed", 20261207L));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Process server = start(jar, port, env, work);
    String credential = credential(http, base, password);
    long totalAcked = 0;
    long totalInFlight = 0;
    long inFlightStored = 0;
    long lost = 0;
    long halves = 0;
    long totalDocs = 0;
    long totalAttachments = 0;
    long lostOther = 0;
    List<Double> restarts = new ArrayList<>();
    System.out.println(
        "| trial | ingest before the kill | statements acknowledged | documents / attachments acknowledged | batches in flight (stored whole / not stored) | acknowledged but missing | half-stored batches or torn documents | restart |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int trial = 1; trial <= trials; trial++) {
      String registration = UUID.randomUUID().toString();
      Set<String> acked = ConcurrentHashMap.newKeySet();
      Map<String, List<String>> inFlight = new ConcurrentHashMap<>();
      Map<String, byte[]> docsAcked = new ConcurrentHashMap<>();
      Map<String, byte[]> docsInFlight = new ConcurrentHashMap<>();
      Map<String, byte[]> attachmentsAcked = new ConcurrentHashMap<>();
      Map<String, byte[]> attachmentsInFlight = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.submit(
            () -> {
              int n = 0;
              java.util.Random bytes = new java.util.Random(client);
              while (!stop.get()) {
                int kind = n++ % 10;
                if (kind == 7 || kind == 9) {
                  // a State document, or a statement with its attachment's content
                  byte[] content = new byte[1024 + bytes.nextInt(4096)];
                  bytes.nextBytes(content);
                  String key = UUID.randomUUID().toString();
                  try {
                    if (kind == 7) {
                      docsInFlight.put(key, content);
                      HttpResponse<String> r =
                          sendBytes(
                              http,
                              base + "/xapi/activities/state?" + stateQuery(key, client),
                              "PUT",
                              credential,
                              "application/octet-stream",
                              content);
                      if (r.statusCode() == 204) {
                        docsAcked.put(key, content);
                      }
                      docsInFlight.remove(key);
                    } else {
                      attachmentsInFlight.put(key, content);
                      HttpResponse<String> r =
                          sendBytes(
                              http,
                              base + "/xapi/statements",
                              "POST",
                              credential,
                              "multipart/mixed; boundary=crash",
                              mixed(key, registration, client, content));
                      if (r.statusCode() == 200) {
                        attachmentsAcked.put(key, content);
                      }
                      attachmentsInFlight.remove(key);
                    }
                  } catch (IOException e) {
                    return null;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                  }
                  continue;
                }
                boolean single = kind == 4;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < (single ? 1 : BATCH); i++) {
                  ids.add(UUID.randomUUID().toString());
                }
                String key = UUID.randomUUID().toString();
                inFlight.put(key, ids);
                try {
                  HttpResponse<String> r =
                      single
                          ? send(
                              http,
                              base + "/xapi/statements?statementId=" + ids.get(0),
                              "PUT",
                              credential,
                              statement(ids.get(0), registration, client).toString())
                          : send(
                              http,
                              base + "/xapi/statements",
                              "POST",
                              credential,
                              batch(ids, registration, client).toString());
                  int expected = single ? 204 : 200;
                  if (r.statusCode() == expected) {
                    acked.addAll(ids);
                    inFlight.remove(key);
                  } else if (r.statusCode() != 429) {
                    System.err.println("unexpected answer " + r.statusCode() + ": " + r.body());
                    inFlight.remove(key);
                  } else {
                    inFlight.remove(key);
                  }
                } catch (IOException e) {
                  // the server died with this request in flight: it stays in inFlight
                  return null;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return null;
                }
              }
              return null;
            });
      }
      long ingestMillis = 1_000 + random.nextInt(4_000);
      Thread.sleep(ingestMillis);
      server.destroyForcibly(); // SIGKILL
      stop.set(true);
      server.waitFor();
      clients.shutdown();
      clients.awaitTermination(30, TimeUnit.SECONDS);

      long t0 = System.nanoTime();
      server = start(jar, port, env, work);
      double restart = (System.nanoTime() - t0) / 1e9;
      restarts.add(restart);

      Set<String> stored = storedIds(http, base, credential, registration);
      long missing = acked.stream().filter(id -> !stored.contains(id)).count();
      int whole = 0;
      int none = 0;
      int half = 0;
      for (List<String> ids : inFlight.values()) {
        long present = ids.stream().filter(stored::contains).count();
        if (present == ids.size()) {
          whole++;
        } else if (present == 0) {
          none++;
        } else {
          half++;
        }
      }
      // documents and attachments: every acknowledged one there with its bytes; one in flight there
      // whole or not at all
      int docsMissing = 0;
      int torn = 0;
      for (Map.Entry<String, byte[]> d : docsAcked.entrySet()) {
        byte[] got = stateDocument(http, base, credential, d.getKey());
        if (got == null || !java.util.Arrays.equals(got, d.getValue())) {
          docsMissing++;
        }
      }
      for (Map.Entry<String, byte[]> d : docsInFlight.entrySet()) {
        byte[] got = stateDocument(http, base, credential, d.getKey());
        if (got != null && !java.util.Arrays.equals(got, d.getValue())) {
          torn++;
        }
      }
      int attachmentsMissing = 0;
      for (Map.Entry<String, byte[]> a : attachmentsAcked.entrySet()) {
        if (!attachmentBack(http, base, credential, a.getKey(), a.getValue())) {
          attachmentsMissing++;
        }
      }
      totalDocs += docsAcked.size();
      totalAttachments += attachmentsAcked.size();
      lostOther += docsMissing + attachmentsMissing;
      halves += torn;
      totalAcked += acked.size();
      totalInFlight += inFlight.size();
      inFlightStored += whole;
      lost += missing;
      halves += half;
      System.out.printf(
          "| %d | %.1f s | %,d | %d / %d | %d (%d / %d) | %d | %d | %.1f s |%n",
          trial,
          ingestMillis / 1000.0,
          acked.size(),
          docsAcked.size(),
          attachmentsAcked.size(),
          inFlight.size(),
          whole,
          none,
          missing + docsMissing + attachmentsMissing,
          half + torn,
          restart);
    }
    server.destroy();
    server.waitFor(30, TimeUnit.SECONDS);
    restarts.sort(null);
    System.out.printf(
        "| **%s, %d trials** | | **%,d** | **%d / %d** | **%d (%d / %d)** | **%d** | **%d** |"
            + " median %.1f s |%n",
        db,
        trials,
        totalAcked,
        totalDocs,
        totalAttachments,
        totalInFlight,
        inFlightStored,
        totalInFlight - inFlightStored,
        lost + lostOther,
        halves,
        restarts.get(restarts.size() / 2));
    if (lost > 0 || halves > 0 || lostOther > 0) {
      System.exit(1);
    }
  }

  static Process start(Path jar, int port, Map<String, String> env, Path work) throws Exception {
    awaitPortFree(port);
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--port",
                Integer.toString(port))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the bundle exited; see " + work.resolve("server.log"));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          HttpResponse<String> about =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/xapi/about"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (about.statusCode() == 200) {
            return p;
          }
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the bundle did not become ready");
  }

  static void awaitPortFree(int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        Thread.sleep(100);
      } catch (IOException e) {
        return;
      }
    }
    throw new IllegalStateException("port " + port + " stays taken");
  }

  static String credential(HttpClient http, String base, String password) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/lrs/credentials"))
                .header("Authorization", Weineng.basic("admin", password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"crash trials\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode c = JSON.readTree(r.body());
    return Weineng.basic(c.get("key").asText(), c.get("secret").asText());
  }

  static HttpResponse<String> send(
      HttpClient http, String url, String method, String auth, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", auth)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String stateQuery(String stateId, int client) {
    return "activityId="
        + URLEncoder.encode("https://crash.example.cn/course/" + client, StandardCharsets.UTF_8)
        + "&agent="
        + URLEncoder.encode(
            "{\"account\":{\"homePage\":\"https://crash.example.cn\",\"name\":\"teacher-"
                + client
                + "\"}}",
            StandardCharsets.UTF_8)
        + "&stateId="
        + stateId;
  }

  /** A state document's bytes, looked for under every client's agent; null when none has it. */
  static byte[] stateDocument(HttpClient http, String base, String auth, String stateId)
      throws Exception {
    for (int c = 0; c < CLIENTS; c++) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/xapi/activities/state?" + stateQuery(stateId, c)))
                  .header("Authorization", auth)
                  .header("X-Experience-API-Version", "1.0.3")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 200) {
        return r.body();
      }
    }
    return null;
  }

  static String sha256(byte[] b) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }

  static byte[] mixed(String id, String registration, int client, byte[] content) {
    try {
      ObjectNode s = statement(id, registration, client);
      s.putArray("attachments")
          .addObject()
          .put("usageType", "http://id.tincanapi.com/attachment/supporting_media")
          .put("contentType", "application/octet-stream")
          .put("length", content.length)
          .put("sha2", sha256(content))
          .putObject("display")
          .put("zh-CN", "课堂实录");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.writeBytes(
          ("--crash\r\nContent-Type: application/json\r\n\r\n"
                  + s
                  + "\r\n--crash\r\n"
                  + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
                  + "X-Experience-API-Hash: "
                  + sha256(content)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(content);
      out.writeBytes("\r\n--crash--\r\n".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the statement comes back with its attachment's exact content. */
  static boolean attachmentBack(
      HttpClient http, String base, String auth, String id, byte[] content) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/xapi/statements?attachments=true&statementId=" + id))
                .header("Authorization", auth)
                .header("X-Experience-API-Version", "1.0.3")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      return false;
    }
    byte[] body = r.body();
    outer:
    for (int i = 0; i + content.length <= body.length; i++) {
      for (int j = 0; j < content.length; j++) {
        if (body[i + j] != content[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static HttpResponse<String> sendBytes(
      HttpClient http, String url, String method, String auth, String type, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", auth)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", type)
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static ArrayNode batch(List<String> ids, String registration, int client) {
    ArrayNode a = JSON.createArrayNode();
    ids.forEach(id -> a.add(statement(id, registration, client)));
    return a;
  }

  static ObjectNode statement(String id, String registration, int client) {
    ObjectNode s = JSON.createObjectNode().put("id", id);
    s.putObject("actor")
        .putObject("account")
        .put("homePage", "https://crash.example.cn")
        .put("name", "teacher-" + client);
    s.putObject("verb").put("id", "http://adlnet.gov/expapi/verbs/completed");
    s.putObject("object").put("id", "https://crash.example.cn/course/" + client);
    s.putObject("context").put("registration", registration);
    return s;
  }

  /** The ids of every statement of a registration, read back through the LRS, page by page. */
  static Set<String> storedIds(HttpClient http, String base, String auth, String registration)
      throws Exception {
    Set<String> ids = new HashSet<>();
    String next =
        "/xapi/statements?limit=500&registration="
            + URLEncoder.encode(registration, StandardCharsets.UTF_8);
    while (next != null && !next.isEmpty()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + next))
                  .header("Authorization", auth)
                  .header("X-Experience-API-Version", "1.0.3")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("reading back: " + r.statusCode() + " " + r.body());
      }
      JsonNode page = JSON.readTree(r.body());
      page.get("statements").forEach(s -> ids.add(s.get("id").asText()));
      next = page.path("more").asText(null);
      if (next != null && next.startsWith("http")) {
        next = URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
      }
    }
    return ids;
  }
}
