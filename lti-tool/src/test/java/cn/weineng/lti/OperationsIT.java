package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.invoker.ApiException;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.Platform;
import cn.weineng.api.client.model.PlatformRegistration;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Health, the served contract, the REST API's errors, and durability across a crash. Runs last: it
 * restarts the server.
 */
@Order(100)
class OperationsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static WeinengServer server;
  static Weineng api;

  @BeforeAll
  static void start() {
    server = WeinengServer.get();
    api = new Weineng(server);
  }

  @Test
  void healthReportsTheDatabaseAndSchema() throws Exception {
    HttpResponse<String> r = api.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode h = JSON.readTree(r.body());
    assertThat(h.get("status").asText()).isEqualTo("UP");
    JsonNode db = h.get("checks").findParent("name");
    assertThat(r.body())
        .contains("\"database\"")
        .contains(server.db.equals("h2") ? "H2" : "PostgreSQL");
    assertThat(db).isNotNull();
  }

  @Test
  void servesTheOpenApiContract() {
    HttpResponse<String> r = api.get("/openapi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("operationId: createPlatform")
        .contains("operationId: getCourseReport")
        .contains("Problem");
  }

  @Test
  void refusesTheApiWithoutAdminCredentials() throws Exception {
    HttpResponse<String> r = api.get("/api/platforms");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void cannotBeReachedAroundTheAdminCheck() throws Exception {
    // matrix parameters are dropped when Jersey matches the resource; the check goes by the matched
    // class
    for (String path :
        new String[] {"/api;x=1/platforms", "/api;/policies", "/api/platforms;a=b"}) {
      HttpResponse<String> anonymous = api.get(path);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.body())
          .as(path)
          .doesNotContain("clientId")
          .doesNotContain("rulesetVersion");
      HttpResponse<String> admin =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl + path))
                      .header(
                          "Authorization", Weineng.basic(server.adminUser, server.adminPassword))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(admin.statusCode())
          .as("the same spelling reaches the resource: " + path)
          .isEqualTo(200);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "GET, /api/platforms",
    "POST, /api/platforms",
    "GET, /api/platforms/x",
    "GET, /api/stores",
    "POST, /api/stores",
    "GET, /api/lrs/credentials",
    "POST, /api/lrs/credentials",
    "GET, /api/policies",
    "GET, /api/courses",
    "GET, /api/courses/x/learners",
    "GET, /api/courses/x/report.csv",
    "GET, /api/learners/x/progress"
  })
  void everyApiOperationNeedsTheAdmin(String method, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl + path));
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(
              HttpRequest.BodyPublishers.ofString("{\"label\":\"x\",\"id\":\"x\",\"name\":\"x\"}"));
    }
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(401);
    HttpResponse<String> wrong =
        HttpClient.newHttpClient()
            .send(
                b.header("Authorization", Weineng.basic(server.adminUser, "wrong-password"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode())
        .as(method + " " + path + " with a wrong password")
        .isEqualTo(401);
  }

  @Test
  void refusesRestBodiesThatAreNotStrictlyTheirType() throws Exception {
    String tag = "strict-" + Long.toString(System.nanoTime(), 36);
    String[] bodies = {
      "{\"id\":\"" + tag + "-a\",\"name\":true}",
      "{\"id\":[\"" + tag + "-b\"],\"name\":\"x\"}",
      "{\"id\":\"" + tag + "-c\",\"name\":\"x\"}{\"id\":\"" + tag + "-z\",\"name\":\"y\"}",
      "{\"id\":\"" + tag + "-d\",\"name\":\"x\",\"name\":\"y\"}",
      "{\"id\":\"" + tag + "-e\",\"name\":\"x\",\"secret\":\"s\"}",
      "{\"id\":\"" + tag + "-f\",\"name\":7}"
    };
    for (String body : bodies) {
      HttpResponse<String> r = api.admin("POST", "/api/stores", "application/json", body);
      assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
    assertThat(api.admin("GET", "/api/stores", null, null).body()).doesNotContain(tag);
    // the same store, written as its type, is created
    HttpResponse<String> ok =
        api.admin(
            "POST", "/api/stores", "application/json", "{\"id\":\"" + tag + "\",\"name\":\"x\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
  }

  @Test
  void refusesBlankIdsAndBodiesBeyondTheLimits() throws Exception {
    String tag = "limits-" + Long.toString(System.nanoTime(), 36);
    // a blank or spaced store id is refused, not read as the default store
    for (String storeId : new String[] {"", " ", "default "}) {
      HttpResponse<String> r =
          api.admin(
              "POST",
              "/api/lrs/credentials",
              "application/json",
              "{\"label\":\"" + tag + "\",\"storeId\":\"" + storeId + "\"}");
      assertThat(r.statusCode()).as("'" + storeId + "' → " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(r.body()).contains("storeId");
    }
    assertThat(api.admin("GET", "/api/lrs/credentials", null, null).body()).doesNotContain(tag);
    // a body over 1 MiB, one nested too deep, one with too many values
    String big = "{\"id\":\"" + tag + "\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    String deep = "{\"id\":\"" + tag + "\",\"name\":" + "[".repeat(70) + "]".repeat(70) + "}";
    // (a free-form map: the only place a body can hold many values of its type)
    StringBuilder many = new StringBuilder("{\"policyId\":\"cn-national-2019\",\"settings\":{");
    for (int i = 0; i < 30_000; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"1\"");
    }
    many.append("}}");
    // (the oversized body first: on a fresh connection, while the client is still sending it)
    java.util.Map<String, Integer> refused = new java.util.LinkedHashMap<>();
    refused.put(big, 413);
    refused.put(deep, 400);
    refused.put(many.toString(), 413);
    for (java.util.Map.Entry<String, Integer> e : refused.entrySet()) {
      String path =
          e.getKey().startsWith("{\"policyId") ? "/api/stores/default/ledger/diff" : "/api/stores";
      HttpResponse<String> r = api.admin("POST", path, "application/json", e.getKey());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(e.getValue());
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(r.body()).contains("\"status\":" + e.getValue());
    }
    assertThat(api.admin("GET", "/api/stores", null, null).body()).doesNotContain(tag);
  }

  @Test
  void reportsEveryInvalidFieldOfARegistration() {
    try {
      api.platforms.createPlatform(
          new PlatformRegistration()
              .name("x")
              .clientId("c")
              .deploymentIds(List.of("d"))
              .issuer("not a url")
              .authUrl("ftp://lms.example.cn/auth")
              .jwksUrl("https://lms.example.cn/jwks"));
      throw new AssertionError("expected a 400");
    } catch (ApiException e) {
      assertThat(e.getCode()).isEqualTo(400);
      assertThat(e.getResponseHeaders().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(e.getResponseBody())
          .contains("\"field\":\"issuer\"")
          .contains("\"field\":\"authUrl\"")
          .doesNotContain("Exception");
    }
  }

  @Test
  void refusesADuplicateRegistrationWithConflict() throws Exception {
    PlatformRegistration r =
        new PlatformRegistration()
            .name("dup")
            .issuer("https://dup-" + UUID.randomUUID() + ".example.cn")
            .clientId("c")
            .deploymentIds(List.of("d"))
            .authUrl("https://lms.example.cn/auth")
            .jwksUrl("https://lms.example.cn/jwks");
    api.platforms.createPlatform(r);
    try {
      api.platforms.createPlatform(r);
      throw new AssertionError("expected a 409");
    } catch (ApiException e) {
      assertThat(e.getCode()).isEqualTo(409);
    }
  }

  @Test
  void unknownLearnerIsA404Problem() {
    try {
      api.progress.getLearnerProgress("no-such-learner", null, null);
      throw new AssertionError("expected a 404");
    } catch (ApiException e) {
      assertThat(e.getCode()).isEqualTo(404);
      assertThat(e.getResponseBody()).contains("\"status\":404");
    }
  }

  @Test
  void listsNoResourcesAndRefusesMalformedUrlsWithAProblem() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    // no WADL, and OPTIONS names only the resource's own methods
    assertThat(api.get("/application.wadl").statusCode()).isEqualTo(404);
    java.net.http.HttpResponse<String> options =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl + "/api/stores"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(options.body())
        .doesNotContainIgnoringCase("wadl")
        .doesNotContainIgnoringCase("jersey");
    // a % not followed by two hex digits in the query: 400 with a problem naming it
    // (sent over a plain socket: Java's HTTP client refuses to send such a URL)
    String bad =
        cn.weineng.lti.support.RawHttp.send(
            server.baseUrl, "GET", "/xapi/statements?agent=%ZZ", java.util.Map.of(), null);
    assertThat(bad).startsWith("HTTP/1.1 400");
    assertThat(bad).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(bad).contains("malformed-url").contains("query");
    // a NUL character in a query or a form body: refused before anything reads it
    String nul =
        cn.weineng.lti.support.RawHttp.send(
            server.baseUrl, "GET", "/lti/login?iss=x%00y&login_hint=a", java.util.Map.of(), null);
    assertThat(nul).startsWith("HTTP/1.1 400").contains("nul-character");
    String nulForm =
        cn.weineng.lti.support.RawHttp.send(
            server.baseUrl,
            "POST",
            "/lti/login",
            java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "iss=a&client_id=b%00c".getBytes(StandardCharsets.UTF_8));
    assertThat(nulForm).startsWith("HTTP/1.1 400").contains("nul-character");
    // a header Jersey cannot parse: the container's refusal is problem+json, not an HTML report
    String accept =
        cn.weineng.lti.support.RawHttp.send(
            server.baseUrl,
            "GET",
            "/api/stores",
            java.util.Map.of(
                "Accept",
                "<script>",
                "Authorization",
                Weineng.basic(server.adminUser, server.adminPassword)),
            null);
    assertThat(accept).startsWith("HTTP/1.1 400");
    assertThat(accept).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(accept).doesNotContain("<html").doesNotContain("Payara");
    // a body on a GET or DELETE reaches the application (and is ignored there)
    String getWithBody =
        cn.weineng.lti.support.RawHttp.send(
            server.baseUrl,
            "GET",
            "/xapi/about",
            java.util.Map.of("Content-Type", "application/json"),
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(getWithBody).startsWith("HTTP/1.1 200");
    // a malformed %-escape in the path: Payara answers before the application runs (an empty 200,
    // Payara issue 8000); what Weineng can do is keep the log readable: no stack trace per request
    for (int i = 0; i < 3; i++) {
      cn.weineng.lti.support.RawHttp.send(server.baseUrl, "GET", "/%ZZ", java.util.Map.of(), null);
    }
    String log = "";
    for (int i = 0; i < 50 && !log.contains("malformed %-escape"); i++) {
      Thread.sleep(100);
      log = Files.readString(server.work().resolve("server.log"));
    }
    assertThat(log).contains("a request with a malformed %-escape in its path arrived");
    assertThat(log).doesNotContain("Illegal hex characters");
  }

  @Test
  void readsXapiRequestsAsStrictlyAsTheSpecAsks() throws Exception {
    cn.weineng.api.client.model.IssuedLrsCredential cred = api.credential("default", "strict");
    // media types are case-insensitive
    java.net.http.HttpResponse<String> upper =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl + "/xapi/statements"))
                    .header("Authorization", Weineng.basic(cred.getKey(), cred.getSecret()))
                    .header("X-Experience-API-Version", "1.0.3")
                    .header("Content-Type", "APPLICATION/JSON")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[]"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(upper.statusCode()).as(upper.body()).isEqualTo(200);
    // "2.0" is no version xAPI defines (2.0.0 is); a flag is true or false, nothing else
    assertThat(api.xapi("GET", "statements?limit=1", cred, "2.0", null).statusCode())
        .isEqualTo(400);
    assertThat(api.xapi("GET", "statements?limit=1", cred, "2.0.0", null).statusCode())
        .isEqualTo(200);
    java.net.http.HttpResponse<String> maybe =
        api.xapi("GET", "statements?ascending=maybe", cred, "1.0.3", null);
    assertThat(maybe.statusCode()).isEqualTo(400);
    assertThat(maybe.body()).contains("ascending must be true or false");
    assertThat(api.xapi("GET", "statements?ascending=true", cred, "1.0.3", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void failedAuthenticationsAreLimitedPerAddressAndPerClient() throws Exception {
    // this server trusts 127.0.0.1 as a proxy, so X-Forwarded-For names the client's address;
    // it allows 40 failed authentications per address and 400 per client in ten minutes
    cn.weineng.api.client.model.IssuedLrsCredential cred = api.credential("default", "limited");
    // the limits count in fixed windows of ten minutes: start early enough in one to stay in it
    long second = java.time.Instant.now().getEpochSecond() % 600;
    if (second > 570) {
      Thread.sleep((601 - second) * 1000);
    }
    String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
    String good = Weineng.basic(cred.getKey(), cred.getSecret());
    String bad = Weineng.basic(cred.getKey(), "not-" + cred.getSecret());
    for (int i = 0; i < 40; i++) {
      assertThat(lrsAbout(bad, address).statusCode()).isEqualTo(401);
    }
    java.net.http.HttpResponse<String> limited = lrsAbout(bad, address);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt))
        .hasValueSatisfying(s -> assertThat(s).isBetween(1, 600));
    assertThat(limited.body()).contains("too many failed authentications");
    // from that address even the right secret waits; from another, it works at once
    assertThat(lrsAbout(good, address).statusCode()).isEqualTo(429);
    assertThat(lrsAbout(good, "198.51.100.7").statusCode()).isEqualTo(200);
    // the admin API keeps its own count, also per address
    String other = "203.0.114." + (1 + new java.util.Random().nextInt(250));
    for (int i = 0; i < 40; i++) {
      assertThat(adminGet(Weineng.basic(server.adminUser, "guess-" + i), other).statusCode())
          .isEqualTo(401);
    }
    java.net.http.HttpResponse<String> admin429 =
        adminGet(Weineng.basic(server.adminUser, server.adminPassword), other);
    assertThat(admin429.statusCode()).isEqualTo(429);
    assertThat(admin429.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(admin429.headers().firstValue("Retry-After")).isPresent();
    assertThat(
            adminGet(Weineng.basic(server.adminUser, server.adminPassword), "198.51.100.8")
                .statusCode())
        .isEqualTo(200);
    // requests without any credentials guess nothing and are not counted
    for (int i = 0; i < 50; i++) {
      assertThat(adminGet(null, "203.0.115.1").statusCode()).isEqualTo(401);
    }
  }

  private static java.net.http.HttpResponse<String> lrsAbout(String auth, String address)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(server.baseUrl + "/xapi/statements?limit=1"))
                .header("Authorization", auth)
                .header("X-Experience-API-Version", "1.0.3")
                .header("X-Forwarded-For", "10.9.9.9, " + address)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static java.net.http.HttpResponse<String> adminGet(String auth, String address)
      throws Exception {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/stores"))
            .header("X-Forwarded-For", address);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acknowledgedWritesSurviveACrash() throws Exception {
    Platform platform =
        api.platforms.createPlatform(
            new PlatformRegistration()
                .name("durable")
                .issuer("https://durable-" + UUID.randomUUID() + ".example.cn")
                .clientId("c")
                .deploymentIds(List.of("d"))
                .authUrl("https://lms.example.cn/auth")
                .jwksUrl("https://lms.example.cn/jwks"));
    IssuedLrsCredential cred = api.credential("default", "durability");
    String id = UUID.randomUUID().toString();
    HttpResponse<String> post =
        api.xapi(
            "POST",
            "statements",
            cred,
            "1.0.3",
            "{\"id\":\""
                + id
                + "\",\"actor\":{\"mbox\":\"mailto:t@example.cn\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
                + "\"object\":{\"id\":\"https://courses.example.cn/c/durable\"}}");
    assertThat(post.statusCode()).isEqualTo(200);
    String keysBefore = api.get("/lti/jwks").body();

    server.crashAndRestart();

    assertThat(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(200);
    assertThat(api.platforms.getPlatform(platform.getId()).getIssuer())
        .isEqualTo(platform.getIssuer());
    assertThat(api.get("/lti/jwks").body())
        .as("the tool keeps its signing keys")
        .isEqualTo(keysBefore);
    HttpResponse<String> admin =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/policies"))
                    .header("Authorization", Weineng.basic(server.adminUser, server.adminPassword))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).isEqualTo(200);
  }
}
