package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.TestPlatform.LaunchSpec;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one installation on one PostgreSQL database, as a province runs them behind one
 * address: what one node starts the other finishes, and what both store is stored once. Runs on
 * PostgreSQL only (H2 is embedded in one process).
 */
class TwoNodesIT {

  static WeinengServer server;
  static WeinengServer.Node second;
  static Weineng api;
  static TestPlatform lms;

  @BeforeAll
  static void start() throws Exception {
    server = WeinengServer.get();
    second = server.secondNode();
    api = new Weineng(server);
    lms = new TestPlatform();
    api.register(lms, "default");
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.stop();
    }
    if (lms != null) {
      lms.close();
    }
  }

  @Test
  void aLaunchStartedOnOneNodeFinishesOnTheOtherAndCannotBeReplayedOnEither() {
    LaunchSpec spec = new LaunchSpec(server.baseUrl + "/lti/launch");
    LtiBrowser across = new LtiBrowser(server.baseUrl, second.baseUrl(), lms);
    LtiBrowser.Result r = across.launch(spec);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains(spec.name).contains(spec.contextTitle);

    // the nonce is single-use in the shared database: the same token and state replayed on the
    // node that started the login is refused as well
    HttpResponse<String> replay =
        new LtiBrowser(second.baseUrl(), server.baseUrl, lms).postLaunch(r.idToken(), r.state());
    assertThat(replay.statusCode()).isEqualTo(401);

    // and the other way round: started on the second node, finished on the first
    LaunchSpec back = new LaunchSpec(server.baseUrl + "/lti/launch");
    LtiBrowser.Result r2 = new LtiBrowser(second.baseUrl(), server.baseUrl, lms).launch(back);
    assertThat(r2.status()).as(r2.body()).isEqualTo(200);
  }

  @Test
  void ingestSpreadOverBothNodesLosesNothingAndStoresNothingTwice() throws Exception {
    IssuedLrsCredential cred = api.credential("default", "two nodes");
    String auth = Weineng.basic(cred.getKey(), cred.getSecret());
    String learner = "two-nodes-" + UUID.randomUUID();
    // 200 statements with their own ids, each sent by 6 clients at once, half of them to each
    // node, in batches of 10 in an order of their own: every id races on both nodes
    List<String> statements = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      statements.add(
          "{\"id\":\""
              + id
              + "\",\"actor\":{\"account\":{\"homePage\":\"https://lms.example.cn\",\"name\":\""
              + learner
              + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
              + "\"object\":{\"id\":\"https://courses.example.cn/two-nodes/"
              + i
              + "\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}},"
              + "\"result\":{\"completion\":true,\"duration\":\"PT1H\"},"
              + "\"timestamp\":\"2026-11-0"
              + (1 + i % 9)
              + "T08:00:00Z\"}");
    }
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      int client = c;
      clients.add(
          pool.submit(
              () -> {
                List<Integer> order = new ArrayList<>();
                for (int b = 0; b < 20; b++) {
                  order.add(b);
                }
                Collections.shuffle(order, new Random(client));
                for (int b : order) {
                  String node = (b + client) % 2 == 0 ? server.baseUrl : second.baseUrl();
                  String body =
                      "[" + String.join(",", statements.subList(b * 10, b * 10 + 10)) + "]";
                  int status = post(http, node, auth, body);
                  // a 429 stored nothing: the client sends the same batch again, as it is told
                  for (int again = 0; status == 429 && again < 50; again++) {
                    Thread.sleep(200);
                    status = post(http, node, auth, body);
                  }
                  if (status != 200) {
                    refused.add(node + " answered " + status);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdown();
    assertThat(refused).isEmpty();

    String inList = "('" + String.join("','", ids) + "')";
    assertThat(
            server.postgresColumn(
                "select count(*) from xapi_statement where statement_id in " + inList))
        .as("every statement stored, once")
        .containsExactly("200");
    assertThat(
            server.postgresColumn(
                "select count(*) from ledger_activity where statement_id in " + inList))
        .as("every statement credited, once")
        .containsExactly("200");
    assertThat(
            server.postgresColumn(
                "select count(distinct seq) from xapi_statement where statement_id in " + inList))
        .containsExactly("200");
    // either node answers for what the other stored
    HttpResponse<String> one =
        get(http, second.baseUrl(), auth, "/xapi/statements?statementId=" + ids.get(0));
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains(ids.get(0));
  }

  private static int post(HttpClient http, String node, String auth, String body) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(node + "/xapi/statements"))
                  .header("Authorization", auth)
                  .header("X-Experience-API-Version", "1.0.3")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String node, String auth, String path)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node + path))
            .header("Authorization", auth)
            .header("X-Experience-API-Version", "1.0.3")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
