package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.Store;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The LRS's Statement API over HTTP: status codes the xAPI spec requires, errors with paths, atomic
 * batches, tenancy.
 */
@Order(3)
class XapiStatementsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static Weineng api;
  static IssuedLrsCredential cred;

  @BeforeAll
  static void start() throws Exception {
    api = new Weineng(WeinengServer.get());
    cred = api.credential("default", "xapi tests");
  }

  /** A statement voiding the statement with the given id. */
  static String voiding(String targetId) {
    return "{\"actor\":{\"mbox\":\"mailto:admin@example.cn\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},"
        + "\"object\":{\"objectType\":\"StatementRef\",\"id\":\""
        + targetId
        + "\"}}";
  }

  static String statement(String id, String verb, String extra) {
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"actor\":{\"mbox\":\"mailto:teacher@example.cn\"},"
        + "\"verb\":{\"id\":\""
        + verb
        + "\"},"
        + "\"object\":{\"id\":\"https://courses.example.cn/c/1\"}"
        + extra
        + "}";
  }

  @Test
  void aboutNeedsNoCredentialAndListsVersions() throws Exception {
    HttpResponse<String> r = api.xapi("GET", "about", null, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("version").toString())
        .contains("1.0.3")
        .contains("2.0.0");
  }

  @Test
  void requiresTheVersionHeader() {
    HttpResponse<String> r = api.xapi("GET", "statements", cred, null, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("X-Experience-API-Version");
    assertThat(api.xapi("GET", "statements", cred, "0.95", null).statusCode()).isEqualTo(400);
  }

  @Test
  void anEmptyBatchIsAStoreOfNothing() throws Exception {
    // what Moodle's logstore_xapi sends each cron minute when its queue is empty
    String before = api.xapi("GET", "statements?limit=1", cred, "1.0.3", null).body();
    for (String version : new String[] {"1.0.1", "1.0.3", "2.0.0"}) {
      HttpResponse<String> r = api.xapi("POST", "statements", cred, version, "[]");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).isArray()).isTrue();
      assertThat(JSON.readTree(r.body())).isEmpty();
    }
    assertThat(api.xapi("GET", "statements?limit=1", cred, "1.0.3", null).body()).isEqualTo(before);
    // a body that is no JSON at all is still refused
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", "").statusCode()).isEqualTo(400);
  }

  @Test
  void requiresAValidCredential() {
    HttpResponse<String> none = api.xapi("GET", "statements", null, "1.0.3", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    IssuedLrsCredential wrong =
        new IssuedLrsCredential().key(cred.getKey()).secret("not-the-secret");
    assertThat(api.xapi("GET", "statements", wrong, "1.0.3", null).statusCode()).isEqualTo(401);
  }

  @Test
  void rejectsABatchWithOneBadStatementAndStoresNoneOfIt() throws Exception {
    String good = UUID.randomUUID().toString();
    String bad =
        "{\"actor\":{\"mbox\":\"teacher@example.cn\"},\"verb\":{\"id\":\"completed\"},\"object\":{\"id\":\"https://x.cn/a\"}}";
    HttpResponse<String> r =
        api.xapi(
            "POST",
            "statements",
            cred,
            "1.0.3",
            "["
                + statement(good, "http://adlnet.gov/expapi/verbs/completed", "")
                + ","
                + bad
                + "]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.get("violations").findValuesAsText("path"))
        .contains("statements[1].actor.mbox", "statements[1].verb.id");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("cn.weineng");
    assertThat(api.xapi("GET", "statements?statementId=" + good, cred, "1.0.3", null).statusCode())
        .as("nothing half-written")
        .isEqualTo(404);
  }

  @Test
  void reportsWhereTheJsonIsBroken() {
    HttpResponse<String> r = api.xapi("POST", "statements", cred, "1.0.3", "{\"actor\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not valid JSON").contains("line 1");
  }

  @Test
  void refusesWhatIsNotExactlyOneStrictJsonDocument() throws Exception {
    String activity = "http://example.cn/strict/" + UUID.randomUUID();
    String actor = "{\"mbox\":\"mailto:strict@example.cn\"}";
    String verb = "{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"}";
    String one =
        "{\"actor\":" + actor + ",\"verb\":" + verb + ",\"object\":{\"id\":\"" + activity + "\"}}";
    java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put(one + one, "content after the JSON document");
    refused.put(
        "{\"actor\":"
            + actor
            + ",\"actor\":"
            + actor
            + ",\"verb\":"
            + verb
            + ",\"object\":{\"id\":\""
            + activity
            + "\"}}",
        "appears twice");
    refused.put(
        one.substring(0, one.length() - 1) + ",\"result\":{\"score\":{\"raw\":1e400}}}",
        "out of range");
    refused.put(
        one.substring(0, one.length() - 1) + ",\"result\":{\"response\":\"a\\u0000b\"}}", "NUL");
    for (java.util.Map.Entry<String, String> e : refused.entrySet()) {
      HttpResponse<String> r = api.xapi("POST", "statements", cred, "1.0.3", e.getKey());
      assertThat(r.statusCode()).as(e.getValue()).isEqualTo(400);
      assertThat(r.body()).contains(e.getValue());
    }
    // bytes that are not UTF-8: an overlong '/', and a surrogate encoded on its own
    for (byte[] bad :
        new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      String head = one.substring(0, one.indexOf(activity) + activity.length());
      body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bad);
      body.writeBytes(one.substring(head.length()).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(api.server.baseUrl + "/xapi/statements"))
                      .header("Authorization", Weineng.basic(cred.getKey(), cred.getSecret()))
                      .header("X-Experience-API-Version", "1.0.3")
                      .header("Content-Type", "application/json")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("not valid UTF-8");
    }
    // none of it was stored; the statement itself, sent once, is
    String query =
        "statements?activity=" + java.net.URLEncoder.encode(activity, StandardCharsets.UTF_8);
    assertThat(JSON.readTree(api.xapi("GET", query, cred, "1.0.3", null).body()).get("statements"))
        .isEmpty();
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", one).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(api.xapi("GET", query, cred, "1.0.3", null).body()).get("statements"))
        .hasSize(1);
  }

  /** A credential with the given scopes (a JSON array, or null for the default), as JSON. */
  static JsonNode credentialWith(String scopes) throws Exception {
    HttpResponse<String> r =
        api.admin(
            "POST",
            "/api/lrs/credentials",
            "application/json",
            "{\"label\":\"scoped\"" + (scopes == null ? "" : ",\"scopes\":" + scopes) + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode c = JSON.readTree(r.body());
    Weineng.SECRETS_GIVEN.add(c.get("secret").asText());
    return c;
  }

  static HttpResponse<String> as(JsonNode c, String method, String path, String body) {
    IssuedLrsCredential cred =
        new IssuedLrsCredential().key(c.get("key").asText()).secret(c.get("secret").asText());
    return api.xapi(method, path, cred, "2.0.0", body);
  }

  @Test
  void scopesLimitWhatACredentialMayDoAndARevocationIsImmediate() throws Exception {
    String statement = statement(null, "http://adlnet.gov/expapi/verbs/experienced", "");
    String state =
        "activities/state?activityId=https%3A%2F%2Fx.example.cn%2Fa&stateId=s&agent="
            + java.net.URLEncoder.encode(
                "{\"mbox\":\"mailto:t@example.cn\"}", StandardCharsets.UTF_8);
    // the default: everything
    JsonNode all = credentialWith(null);
    assertThat(all.get("scopes")).isEqualTo(JSON.readTree("[\"all\"]"));
    assertThat(as(all, "POST", "statements", statement).statusCode()).isEqualTo(200);
    // write statements only: a client like Moodle's logstore_xapi
    JsonNode writer = credentialWith("[\"statements/write\"]");
    assertThat(as(writer, "POST", "statements", statement).statusCode()).isEqualTo(200);
    HttpResponse<String> read = as(writer, "GET", "statements", null);
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(read.body()).contains("statements/read");
    assertThat(as(writer, "PUT", state, "{}").statusCode()).isEqualTo(403);
    // read everything, write nothing
    JsonNode reader = credentialWith("[\"all/read\"]");
    assertThat(as(reader, "GET", "statements", null).statusCode()).isEqualTo(200);
    assertThat(as(reader, "GET", state, null).statusCode()).isEqualTo(404);
    assertThat(as(reader, "POST", "statements", statement).statusCode()).isEqualTo(403);
    // no spelling of the path gets around a scope (a matrix parameter is ignored when matching)
    assertThat(as(reader, "POST", "statements;x=1", statement).statusCode()).isEqualTo(403);
    assertThat(as(writer, "GET", "statements;x=1", null).statusCode()).isEqualTo(403);
    // the State resource only
    JsonNode stateOnly = credentialWith("[\"state\"]");
    assertThat(as(stateOnly, "PUT", state, "{}").statusCode()).isEqualTo(204);
    assertThat(as(stateOnly, "GET", "statements", null).statusCode()).isEqualTo(403);
    // an unknown scope is refused when the credential is made
    assertThat(
            api.admin(
                    "POST",
                    "/api/lrs/credentials",
                    "application/json",
                    "{\"label\":\"x\",\"scopes\":[\"statements/read/mine\"]}")
                .statusCode())
        .isEqualTo(400);

    // revoked: refused from the next request on, and listed as revoked
    String id = writer.get("id").asText();
    assertThat(api.admin("DELETE", "/api/lrs/credentials/" + id, null, null).statusCode())
        .isEqualTo(204);
    assertThat(as(writer, "POST", "statements", statement).statusCode()).isEqualTo(401);
    assertThat(api.admin("DELETE", "/api/lrs/credentials/" + id, null, null).statusCode())
        .isEqualTo(204);
    JsonNode listed = null;
    for (JsonNode c : JSON.readTree(api.admin("GET", "/api/lrs/credentials", null, null).body())) {
      if (c.get("id").asText().equals(id)) {
        listed = c;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("revoked").asBoolean()).isTrue();
    assertThat(listed.get("revokedAt").asText()).isNotBlank();
    assertThat(api.admin("DELETE", "/api/lrs/credentials/no-such-id", null, null).statusCode())
        .isEqualTo(404);
    // the others go on working
    assertThat(as(all, "GET", "statements", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aBurstBeyondWhatTheLrsTakesInIsAnswered429AndStoresNothingOfARefusedBatch()
      throws Exception {
    // the test server works on 4 writes at once and lets a write wait 1 s for its turn; 30 batches
    // of 500 statements at once are more than any machine stores in that second
    int batches = 30;
    List<String> registrations = new java.util.ArrayList<>();
    List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(batches);
    try {
      for (int b = 0; b < batches; b++) {
        String registration = UUID.randomUUID().toString();
        registrations.add(registration);
        String one =
            statement(
                null,
                "http://adlnet.gov/expapi/verbs/experienced",
                ",\"context\":{\"registration\":\"" + registration + "\"}");
        String body = "[" + String.join(",", java.util.Collections.nCopies(500, one)) + "]";
        answers.add(pool.submit(() -> api.xapi("POST", "statements", cred, "1.0.3", body)));
      }
      int refused = 0;
      for (int b = 0; b < batches; b++) {
        HttpResponse<String> r = answers.get(b).get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
        String query = "statements?limit=1&registration=" + registrations.get(b);
        int stored =
            JSON.readTree(api.xapi("GET", query, cred, "1.0.3", null).body())
                .get("statements")
                .size();
        if (r.statusCode() == 429) {
          refused++;
          assertThat(r.headers().firstValue("Retry-After")).contains("1");
          assertThat(r.body()).contains("send it again");
          assertThat(stored).as("a refused batch stores nothing").isZero();
        } else {
          assertThat(stored).isEqualTo(1);
        }
      }
      System.out.println("burst: " + refused + " of " + batches + " batches answered 429");
      assertThat(refused).as("batches answered 429").isPositive();
      assertThat(refused).as("batches stored").isLessThan(batches);
    } finally {
      pool.shutdownNow();
    }
  }

  static String sha256Hex(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** A multipart/mixed body: the statements, then each content with its hash. */
  static byte[] mixed(String statements, byte[]... contents) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(
        ("--b0und\r\nContent-Type: application/json\r\n\r\n" + statements + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    for (byte[] c : contents) {
      out.writeBytes(
          ("--b0und\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
                  + "X-Experience-API-Hash: "
                  + sha256Hex(c)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(c);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("--b0und--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static HttpResponse<byte[]> postMixed(byte[] body) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(api.server.baseUrl + "/xapi/statements"))
                .header("Authorization", Weineng.basic(cred.getKey(), cred.getSecret()))
                .header("X-Experience-API-Version", "1.0.3")
                .header("Content-Type", "multipart/mixed; boundary=b0und")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  static String withAttachment(String id, String usageType, String contentType, byte[] content)
      throws Exception {
    return "{\"id\":\""
        + id
        + "\",\"actor\":{\"mbox\":\"mailto:teacher@example.cn\"},"
        + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/attempted\"},"
        + "\"object\":{\"id\":\"https://courses.example.cn/c/attach\"},"
        + "\"attachments\":[{\"usageType\":\""
        + usageType
        + "\",\"display\":{\"zh-CN\":\"教学设计\"},\"contentType\":\""
        + contentType
        + "\",\"length\":"
        + content.length
        + ",\"sha2\":\""
        + sha256Hex(content)
        + "\"}]}";
  }

  /** The statement with one attachment added, describing the content. */
  static String attach(String statement, String usageType, String contentType, byte[] content)
      throws Exception {
    return statement.substring(0, statement.lastIndexOf('}'))
        + ",\"attachments\":[{\"usageType\":\""
        + usageType
        + "\",\"display\":{\"en-US\":\"signature\"},\"contentType\":\""
        + contentType
        + "\",\"length\":"
        + content.length
        + ",\"sha2\":\""
        + sha256Hex(content)
        + "\"}]}";
  }

  @Test
  void takesAttachmentsInMultipartAndGivesThemBack() throws Exception {
    byte[] plan = ("教学设计 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String id = UUID.randomUUID().toString();
    String statement =
        withAttachment(
            id, "http://id.tincanapi.com/attachment/supporting_media", "text/plain", plan);
    HttpResponse<byte[]> ok = postMixed(mixed(statement, plan));
    assertThat(ok.statusCode()).as(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    HttpResponse<byte[]> back =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            api.server.baseUrl
                                + "/xapi/statements?attachments=true&statementId="
                                + id))
                    .header("Authorization", Weineng.basic(cred.getKey(), cred.getSecret()))
                    .header("X-Experience-API-Version", "1.0.3")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("multipart/mixed")
        .contains("boundary=");
    String text = new String(back.body(), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"id\":\"" + id + "\"")
        .contains("X-Experience-API-Hash: " + sha256Hex(plan));
    assertThat(text).contains(new String(plan, StandardCharsets.UTF_8));

    // refused, storing nothing: content missing, content not named, content whose hash lies
    String other = UUID.randomUUID().toString();
    String missing =
        withAttachment(
            other, "http://id.tincanapi.com/attachment/supporting_media", "text/plain", plan);
    HttpResponse<byte[]> noPart = postMixed(mixed(missing));
    assertThat(noPart.statusCode()).isEqualTo(400);
    assertThat(new String(noPart.body(), StandardCharsets.UTF_8)).contains("attachments[0].sha2");
    HttpResponse<byte[]> extra =
        postMixed(mixed(missing, plan, "extra".getBytes(StandardCharsets.UTF_8)));
    assertThat(extra.statusCode()).isEqualTo(400);
    byte[] lying = mixed(missing, plan);
    // the last byte of the content, just before the closing boundary's line break
    int at = new String(lying, StandardCharsets.ISO_8859_1).lastIndexOf("\r\n--b0und--") - 1;
    lying[at] = (byte) (lying[at] ^ 1);
    assertThat(postMixed(lying).statusCode()).isEqualTo(400);
    assertThat(api.xapi("GET", "statements?statementId=" + other, cred, "1.0.3", null).statusCode())
        .isEqualTo(404);
    // a part with nothing in it, and a hash that is not SHA-256: 400, not a failure of ours
    assertThat(postMixed("--b0und\r\n--b0und--\r\n".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(400);
    byte[] sha512 =
        new String(mixed(missing, plan), StandardCharsets.ISO_8859_1)
            .replace(
                "X-Experience-API-Hash: " + sha256Hex(plan),
                "X-Experience-API-Hash: " + "a".repeat(128))
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(postMixed(sha512).statusCode()).isEqualTo(400);
  }

  @Test
  void verifiesSignedStatements() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    java.security.KeyPair keys = g.generateKeyPair();
    String id = UUID.randomUUID().toString();
    String unsigned =
        "{\"id\":\""
            + id
            + "\",\"actor\":{\"mbox\":\"mailto:teacher@example.cn\"},"
            + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            + "\"object\":{\"id\":\"https://courses.example.cn/c/signed\"}}";
    java.util.function.BiFunction<String, com.nimbusds.jose.JWSAlgorithm, byte[]> sign =
        (payload, alg) -> {
          try {
            com.nimbusds.jose.JWSObject jws =
                new com.nimbusds.jose.JWSObject(
                    new com.nimbusds.jose.JWSHeader(alg), new com.nimbusds.jose.Payload(payload));
            if (alg.getName().startsWith("RS")) {
              jws.sign(new com.nimbusds.jose.crypto.RSASSASigner(keys.getPrivate()));
            } else {
              jws.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
            }
            return jws.serialize().getBytes(StandardCharsets.US_ASCII);
          } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
          }
        };
    byte[] good = sign.apply(unsigned, com.nimbusds.jose.JWSAlgorithm.RS256);
    String sig = "http://adlnet.gov/expapi/attachments/signature";
    String signed = attach(unsigned, sig, "application/octet-stream", good);
    HttpResponse<byte[]> ok = postMixed(mixed(signed, good));
    assertThat(ok.statusCode()).as(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    // a payload that is another statement, and a symmetric algorithm: refused
    String second = unsigned.replace(id, UUID.randomUUID().toString());
    byte[] otherPayload =
        sign.apply(second.replace("completed", "failed"), com.nimbusds.jose.JWSAlgorithm.RS256);
    HttpResponse<byte[]> mismatch =
        postMixed(
            mixed(attach(second, sig, "application/octet-stream", otherPayload), otherPayload));
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(new String(mismatch.body(), StandardCharsets.UTF_8)).contains("not this statement");
    String third = unsigned.replace(id, UUID.randomUUID().toString());
    byte[] hs = sign.apply(third, com.nimbusds.jose.JWSAlgorithm.HS256);
    HttpResponse<byte[]> symmetric =
        postMixed(mixed(attach(third, sig, "application/octet-stream", hs), hs));
    assertThat(symmetric.statusCode()).isEqualTo(400);
    assertThat(new String(symmetric.body(), StandardCharsets.UTF_8))
        .contains("RS256, RS384 or RS512");
  }

  @Test
  void refusesBodiesBeyondTheDocumentedLimitsBeforeStoringAny() throws Exception {
    String activity = "http://example.cn/limits/" + UUID.randomUUID();
    String head =
        "{\"actor\":{\"mbox\":\"mailto:limits@example.cn\"},"
            + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
            + "\"object\":{\"id\":\""
            + activity
            + "\"}";
    String one = head + "}";
    java.util.function.Function<String, String> withExtension =
        value -> head + ",\"result\":{\"extensions\":{\"http://example.cn/x\":" + value + "}}}";
    java.util.Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> reasons = new java.util.LinkedHashMap<>();
    // nested 70 deep
    String deep = "[".repeat(70) + "]".repeat(70);
    statuses.put(withExtension.apply(deep), 400);
    reasons.put(withExtension.apply(deep), "nested deeper than 64");
    // 1,001 statements in one batch
    String batch = "[" + String.join(",", java.util.Collections.nCopies(1_001, one)) + "]";
    statuses.put(batch, 413);
    reasons.put(batch, "send at most 1000");
    // 200,000 extension keys
    StringBuilder keys = new StringBuilder("{");
    for (int i = 0; i < 200_000; i++) {
      keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    String manyKeys = withExtension.apply(keys.append("}").toString());
    statuses.put(manyKeys, 413);
    reasons.put(manyKeys, "JSON tokens");
    // a string of a million and one characters, a key of 3,000
    String longString = withExtension.apply("\"" + "x".repeat(1_000_001) + "\"");
    statuses.put(longString, 413);
    reasons.put(longString, "a string is longer than");
    String longKey = withExtension.apply("{\"" + "k".repeat(3_000) + "\":1}");
    statuses.put(longKey, 413);
    reasons.put(longKey, "a key is longer than");
    String longNumber = withExtension.apply("1" + "0".repeat(150));
    statuses.put(longNumber, 400);
    reasons.put(longNumber, "a number is written with more than");
    for (java.util.Map.Entry<String, Integer> e : statuses.entrySet()) {
      HttpResponse<String> r = api.xapi("POST", "statements", cred, "1.0.3", e.getKey());
      String reason = reasons.get(e.getKey());
      assertThat(r.statusCode()).as(reason + ": " + r.body()).isEqualTo(e.getValue());
      assertThat(r.body()).contains(reason);
    }
    String query =
        "statements?activity=" + java.net.URLEncoder.encode(activity, StandardCharsets.UTF_8);
    assertThat(JSON.readTree(api.xapi("GET", query, cred, "1.0.3", null).body()).get("statements"))
        .as("nothing of a refused body is stored")
        .isEmpty();
    // at the limits themselves: 1,000 statements and 64 levels are taken
    String atLimit = "[" + String.join(",", java.util.Collections.nCopies(1_000, one)) + "]";
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", atLimit).statusCode()).isEqualTo(200);
    String nested = "[".repeat(59) + "]".repeat(59);
    HttpResponse<String> deepOk =
        api.xapi("POST", "statements", cred, "1.0.3", withExtension.apply(nested));
    assertThat(deepOk.statusCode()).as(deepOk.body()).isEqualTo(200);
    assertThat(
            JSON.readTree(api.xapi("GET", query + "&limit=500", cred, "1.0.3", null).body())
                .get("statements"))
        .hasSize(500);
  }

  @Test
  void putStoresOnceAndConflictsOnDifferentContent() throws Exception {
    String id = UUID.randomUUID().toString();
    String body = statement(null, "http://adlnet.gov/expapi/verbs/experienced", "");
    assertThat(api.xapi("PUT", "statements?statementId=" + id, cred, "1.0.3", body).statusCode())
        .isEqualTo(204);
    assertThat(api.xapi("PUT", "statements?statementId=" + id, cred, "1.0.3", body).statusCode())
        .as("same statement again")
        .isEqualTo(204);
    HttpResponse<String> conflict =
        api.xapi(
            "PUT",
            "statements?statementId=" + id,
            cred,
            "1.0.3",
            statement(null, "http://adlnet.gov/expapi/verbs/completed", ""));
    assertThat(conflict.statusCode()).isEqualTo(409);
    JsonNode stored =
        JSON.readTree(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).body());
    assertThat(stored.at("/verb/id").asText())
        .isEqualTo("http://adlnet.gov/expapi/verbs/experienced");
    assertThat(stored.at("/authority/account/name").asText()).isEqualTo(cred.getKey());
    assertThat(stored.get("stored").asText()).isNotBlank();
  }

  @Test
  void returnsASingleContextActivityAsAnArrayOfOne() throws Exception {
    String id = UUID.randomUUID().toString();
    api.xapi(
        "POST",
        "statements",
        cred,
        "1.0.3",
        statement(
            id,
            "http://adlnet.gov/expapi/verbs/completed",
            ",\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"https://moodle.example.cn/course/7\"}}}"));
    JsonNode stored =
        JSON.readTree(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).body());
    assertThat(stored.at("/context/contextActivities/parent").isArray()).isTrue();
    assertThat(stored.at("/context/contextActivities/parent/0/id").asText())
        .isEqualTo("https://moodle.example.cn/course/7");
  }

  @Test
  void voidedStatementsAreFoundOnlyAsVoided() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThat(
            api.xapi(
                    "POST",
                    "statements",
                    cred,
                    "1.0.3",
                    statement(id, "http://adlnet.gov/expapi/verbs/completed", ""))
                .statusCode())
        .isEqualTo(200);
    String voiding = voiding(id);
    HttpResponse<String> v = api.xapi("POST", "statements", cred, "1.0.3", voiding);
    assertThat(v.statusCode()).isEqualTo(200);
    assertThat(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(404);
    assertThat(
            api.xapi("GET", "statements?voidedStatementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(200);
    String voidingId = JSON.readTree(v.body()).get(0).asText();
    HttpResponse<String> again = api.xapi("POST", "statements", cred, "1.0.3", voiding(voidingId));
    assertThat(again.statusCode()).as("a voiding statement cannot be voided").isEqualTo(400);
  }

  @Test
  void voidsAStatementInTheSameBatch() throws Exception {
    String id = UUID.randomUUID().toString();
    String voiding = voiding(id);
    HttpResponse<String> r =
        api.xapi(
            "POST",
            "statements",
            cred,
            "1.0.3",
            "["
                + statement(id, "http://adlnet.gov/expapi/verbs/completed", "")
                + ","
                + voiding
                + "]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(404);
    assertThat(
            api.xapi("GET", "statements?voidedStatementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void concurrentWritesForOneNewLearnerAndOneIdAllSucceed() throws Exception {
    String learner =
        "{\"account\":{\"homePage\":\"https://lms.example.cn\",\"name\":\"new-"
            + UUID.randomUUID()
            + "\"}}";
    String sameId = UUID.randomUUID().toString();
    String same =
        "{\"id\":\""
            + sameId
            + "\",\"actor\":"
            + learner
            + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            + "\"object\":{\"id\":\"https://courses.example.cn/c/rush\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}},"
            + "\"result\":{\"duration\":\"PT1H\"}}";
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String other =
            same.replace(sameId, UUID.randomUUID().toString()).replace("c/rush", "c/rush-" + i);
        answers.add(pool.submit(() -> api.xapi("POST", "statements", cred, "1.0.3", same)));
        answers.add(pool.submit(() -> api.xapi("POST", "statements", cred, "1.0.3", other)));
      }
      for (java.util.concurrent.Future<HttpResponse<String>> a : answers) {
        assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    String agent = java.net.URLEncoder.encode(learner, StandardCharsets.UTF_8);
    assertThat(
            JSON.readTree(
                    api.xapi("GET", "statements?limit=50&agent=" + agent, cred, "1.0.3", null)
                        .body())
                .get("statements"))
        .as("one copy of the repeated statement, eight others")
        .hasSize(9);
  }

  @Test
  void pagesWithMoreLinks() throws Exception {
    String verb = "https://w3id.org/weineng/test/verbs/paged-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      assertThat(
              api.xapi("POST", "statements", cred, "1.0.3", statement(null, verb, "")).statusCode())
          .isEqualTo(200);
    }
    JsonNode page1 =
        JSON.readTree(
            api.xapi(
                    "GET",
                    "statements?limit=2&verb=" + URLEncoder.encode(verb, StandardCharsets.UTF_8),
                    cred,
                    "1.0.3",
                    null)
                .body());
    assertThat(page1.get("statements")).hasSize(2);
    String more = page1.get("more").asText();
    assertThat(more).startsWith("/xapi/statements?");
    JsonNode page2 =
        JSON.readTree(
            api.xapi("GET", more.substring("/xapi/".length()), cred, "1.0.3", null).body());
    assertThat(page2.get("statements")).hasSize(1);
    assertThat(page2.get("more").asText()).isEmpty();
  }

  @Test
  void pagingStaysExactWhileStatementsArriveAndSinceUntilCutAtStoredTime() throws Exception {
    String verb = "https://w3id.org/weineng/test/verbs/paged-under-writes-" + UUID.randomUUID();
    String q = "statements?limit=7&verb=" + URLEncoder.encode(verb, StandardCharsets.UTF_8);
    java.util.Set<String> before = new java.util.LinkedHashSet<>();
    for (int i = 0; i < 3; i++) {
      StringBuilder batch = new StringBuilder("[");
      for (int j = 0; j < 10; j++) {
        String id = UUID.randomUUID().toString();
        before.add(id);
        batch.append(j == 0 ? "" : ",").append(statement(id, verb, ""));
      }
      assertThat(api.xapi("POST", "statements", cred, "1.0.3", batch + "]").statusCode())
          .isEqualTo(200);
    }
    java.time.OffsetDateTime cut = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    Thread.sleep(20);
    // newest first, a page at a time, while more statements of the verb arrive between pages:
    // the pages hold exactly the statements stored before the first page, each once, in order
    java.util.List<String> seen = new java.util.ArrayList<>();
    java.util.Set<String> later = new java.util.HashSet<>();
    String next = q;
    while (!next.isEmpty()) {
      JsonNode page = JSON.readTree(api.xapi("GET", next, cred, "1.0.3", null).body());
      page.get("statements").forEach(st -> seen.add(st.get("id").asText()));
      String id = UUID.randomUUID().toString();
      later.add(id);
      assertThat(
              api.xapi("POST", "statements", cred, "1.0.3", statement(id, verb, "")).statusCode())
          .isEqualTo(200);
      String more = page.get("more").asText();
      next = more.isEmpty() ? "" : more.substring("/xapi/".length());
    }
    java.util.List<String> expected = new java.util.ArrayList<>(before);
    java.util.Collections.reverse(expected);
    assertThat(seen).isEqualTo(expected);

    // since and until cut at the stored time, whichever statements came later
    java.util.Set<String> since = new java.util.HashSet<>();
    java.util.Set<String> until = new java.util.HashSet<>();
    for (String[] half : new String[][] {{"since", "true"}, {"until", "false"}}) {
      String page =
          q.replace("limit=7", "limit=500")
              + "&"
              + half[0]
              + "="
              + URLEncoder.encode(cut.toString(), StandardCharsets.UTF_8);
      JSON.readTree(api.xapi("GET", page, cred, "1.0.3", null).body())
          .get("statements")
          .forEach(st -> (half[1].equals("true") ? since : until).add(st.get("id").asText()));
    }
    assertThat(since).isEqualTo(later);
    assertThat(until).isEqualTo(before);
  }

  @Test
  void acceptsContextAgentsInVersion2Only() throws Exception {
    String extra =
        ",\"timestamp\":\"2026-11-30T08:00:00+08:00\",\"context\":{\"contextAgents\":[{\"objectType\":\"contextAgent\","
            + "\"agent\":{\"mbox\":\"mailto:expert@example.cn\"},\"relevantTypes\":[\"https://w3id.org/weineng/xapi/roles/reviewer\"]}]}";
    HttpResponse<String> v2 =
        api.xapi(
            "POST",
            "statements",
            cred,
            "2.0.0",
            statement(null, "http://adlnet.gov/expapi/verbs/completed", extra));
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    assertThat(v2.headers().firstValue("X-Experience-API-Version")).contains("2.0.0");
    HttpResponse<String> v1 =
        api.xapi(
            "POST",
            "statements",
            cred,
            "1.0.3",
            statement(null, "http://adlnet.gov/expapi/verbs/completed", extra));
    assertThat(v1.statusCode()).isEqualTo(400);
    assertThat(v1.body()).contains("statement.context.contextAgents");
  }

  @Test
  void keepsEachStoreToItself() throws Exception {
    String storeId = "institute-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(storeId).name("岳阳市教师发展中心"));
    IssuedLrsCredential other = api.credential(storeId, "other institute");
    String id = UUID.randomUUID().toString();
    assertThat(
            api.xapi(
                    "POST",
                    "statements",
                    other,
                    "1.0.3",
                    statement(id, "http://adlnet.gov/expapi/verbs/completed", ""))
                .statusCode())
        .isEqualTo(200);
    assertThat(api.xapi("GET", "statements?statementId=" + id, other, "1.0.3", null).statusCode())
        .isEqualTo(200);
    assertThat(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).statusCode())
        .as("another store cannot see it")
        .isEqualTo(404);
    // the same id may be used in another store without conflict
    assertThat(
            api.xapi(
                    "POST",
                    "statements",
                    cred,
                    "1.0.3",
                    statement(id, "http://adlnet.gov/expapi/verbs/experienced", ""))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void filtersByAgentAndActivityDirectlyOrBroadly() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String expert = "{\"mbox\":\"mailto:expert-" + tag + "@example.cn\"}";
    String unit = "https://courses.example.cn/unit-" + tag;
    // the expert reviews a teacher's work: expert as actor; then the expert as instructor in the
    // teacher's statement
    String reviewed =
        "{\"actor\":"
            + expert
            + ",\"verb\":{\"id\":\"http://id.tincanapi.com/verb/reviewed\"},"
            + "\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:teacher-"
            + tag
            + "@example.cn\"}}";
    String taught =
        "{\"actor\":{\"mbox\":\"mailto:teacher-"
            + tag
            + "@example.cn\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            + "\"object\":{\"id\":\"https://courses.example.cn/lesson-"
            + tag
            + "\"},"
            + "\"context\":{\"instructor\":"
            + expert
            + ",\"contextActivities\":{\"parent\":[{\"id\":\""
            + unit
            + "\"}]}}}";
    assertThat(
            api.xapi("POST", "statements", cred, "1.0.3", "[" + reviewed + "," + taught + "]")
                .statusCode())
        .isEqualTo(200);
    String teacher =
        URLEncoder.encode(
            "{\"mbox\":\"mailto:teacher-" + tag + "@example.cn\"}", StandardCharsets.UTF_8);
    String expertQ = URLEncoder.encode(expert, StandardCharsets.UTF_8);
    String unitQ = URLEncoder.encode(unit, StandardCharsets.UTF_8);
    assertThat(count("agent=" + teacher)).as("as actor, or as the object").isEqualTo(2);
    assertThat(count("agent=" + expertQ)).as("only as actor").isEqualTo(1);
    assertThat(count("agent=" + expertQ + "&related_agents=true"))
        .as("also as instructor")
        .isEqualTo(2);
    assertThat(count("activity=" + unitQ)).as("the unit is only a parent").isZero();
    assertThat(count("activity=" + unitQ + "&related_activities=true")).isEqualTo(1);
  }

  private int count(String query) throws Exception {
    HttpResponse<String> r = api.xapi("GET", "statements?" + query, cred, "1.0.3", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("statements").size();
  }

  @Test
  void understandsTheAlternateRequestSyntax() throws Exception {
    String id = UUID.randomUUID().toString();
    String auth = Weineng.basic(cred.getKey(), cred.getSecret());
    String put =
        "statementId="
            + id
            + "&Authorization="
            + URLEncoder.encode(auth, StandardCharsets.UTF_8)
            + "&X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson&content="
            + URLEncoder.encode(
                statement(null, "http://adlnet.gov/expapi/verbs/completed", ""),
                StandardCharsets.UTF_8);
    assertThat(form("statements?method=PUT", put).statusCode()).isEqualTo(204);
    String get =
        "statementId="
            + id
            + "&Authorization="
            + URLEncoder.encode(auth, StandardCharsets.UTF_8)
            + "&X-Experience-API-Version=1.0.3";
    HttpResponse<String> r = form("statements?method=GET", get);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo(id);
    assertThat(
            form("statements?method=GET", "statementId=" + id + "&X-Experience-API-Version=1.0.3")
                .statusCode())
        .as("the credential is still required")
        .isEqualTo(401);
  }

  private HttpResponse<String> form(String pathAndQuery, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(api.server.baseUrl + "/xapi/" + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aVoidingStatementThatArrivesFirstStillVoidsItsTarget() throws Exception {
    String id = UUID.randomUUID().toString();
    String voiding = voiding(id);
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", voiding).statusCode()).isEqualTo(200);
    assertThat(
            api.xapi(
                    "POST",
                    "statements",
                    cred,
                    "1.0.3",
                    statement(id, "http://adlnet.gov/expapi/verbs/completed", ""))
                .statusCode())
        .isEqualTo(200);
    assertThat(api.xapi("GET", "statements?statementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(404);
    assertThat(
            api.xapi("GET", "statements?voidedStatementId=" + id, cred, "1.0.3", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aResentStatementWithAnotherTimestampConflicts() {
    String id = UUID.randomUUID().toString();
    String at8 =
        statement(
            id,
            "http://adlnet.gov/expapi/verbs/completed",
            ",\"timestamp\":\"2026-11-30T08:00:00Z\"");
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", at8).statusCode()).isEqualTo(200);
    assertThat(api.xapi("POST", "statements", cred, "1.0.3", at8).statusCode())
        .as("the same again")
        .isEqualTo(200);
    assertThat(
            api.xapi("POST", "statements", cred, "1.0.3", at8.replace("08:00:00", "09:00:00"))
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  void refusesIdentifiersLongerThanTheStoreKeeps() throws Exception {
    String longVerb = "https://w3id.org/weineng/test/" + "v".repeat(1100);
    HttpResponse<String> r =
        api.xapi("POST", "statements", cred, "1.0.3", statement(null, longVerb, ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("violations").findValuesAsText("path"))
        .containsExactly("statement.verb.id");
  }

  @Test
  void refusesUnknownQueryParameters() {
    HttpResponse<String> r = api.xapi("GET", "statements?colour=red", cred, "1.0.3", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("colour");
  }
}
