package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The LRS's document resources (State, Activity Profile, Agent Profile), /activities and /agents
 * over HTTP: bytes kept exactly, JSON merged on POST, ETags and Last-Modified, the concurrency
 * rules of each xAPI version, refusals of bad parameters, and stores kept apart.
 */
@Order(4)
class XapiDocumentsIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Weineng api;
  static IssuedLrsCredential cred;

  @BeforeAll
  static void start() throws Exception {
    api = new Weineng(WeinengServer.get());
    cred = api.credential("default", "document tests");
  }

  static String agent() {
    return "{\"objectType\":\"Agent\",\"name\":\"李老师\",\"account\":{\"homePage\":\"https://lms.example.cn\","
        + "\"name\":\"t-"
        + UUID.randomUUID()
        + "\"}}";
  }

  static String q(Map<String, String> params) {
    StringBuilder s = new StringBuilder();
    params.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }

  static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static HttpResponse<byte[]> send(
      IssuedLrsCredential c,
      String version,
      String method,
      String path,
      String contentType,
      byte[] body,
      String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.server.baseUrl + "/xapi/" + path))
            .header("Authorization", Weineng.basic(c.getKey(), c.getSecret()))
            .header("X-Experience-API-Version", version);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (body != null) {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> send(
      String version,
      String method,
      String path,
      String contentType,
      String body,
      String... headers)
      throws Exception {
    return send(
        cred,
        version,
        method,
        path,
        contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsStateBytesExactlyAndMergesJsonOnPost() throws Exception {
    String activity = "https://courses.example.cn/c/" + UUID.randomUUID();
    String agent = agent();
    String one =
        "activities/state"
            + q(params("activityId", activity, "agent", agent, "stateId", "bookmark"));
    // bytes of any kind, kept as sent, with their media type
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    HttpResponse<byte[]> put = send(cred, "1.0.3", "PUT", one, "application/octet-stream", binary);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(204);
    HttpResponse<byte[]> got = send("1.0.3", "GET", one, null, null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(binary);
    assertThat(got.headers().firstValue("Content-Type")).contains("application/octet-stream");
    String etag = got.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{40}\"");
    // served as stored, in any media type, but never as a page of this origin
    assertThat(got.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("sandbox");
    assertThat(got.headers().firstValue("Last-Modified")).isPresent();
    // HEAD: the same headers, no body
    HttpResponse<byte[]> head = send("1.0.3", "HEAD", one, null, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("ETag")).contains(etag);

    // a JSON state, then a POST that merges its top-level keys (a nested object is replaced whole)
    String progress =
        "activities/state"
            + q(params("activityId", activity, "agent", agent, "stateId", "progress"));
    assertThat(
            send("1.0.3", "PUT", progress, "application/json", "{\"a\":1,\"nested\":{\"x\":1}}")
                .statusCode())
        .isEqualTo(204);
    Instant before = Instant.now();
    Thread.sleep(1_100);
    HttpResponse<byte[]> post =
        send(
            "1.0.3",
            "POST",
            progress,
            "application/json; charset=utf-8",
            "{\"b\":2,\"nested\":{\"y\":2}}");
    assertThat(post.statusCode()).as(text(post)).isEqualTo(204);
    JsonNode merged = JSON.readTree(send("1.0.3", "GET", progress, null, null).body());
    assertThat(merged).isEqualTo(JSON.readTree("{\"a\":1,\"b\":2,\"nested\":{\"y\":2}}"));

    // the list of ids, and since
    String scope = "activities/state" + q(params("activityId", activity, "agent", agent));
    assertThat(JSON.readTree(send("1.0.3", "GET", scope, null, null).body()))
        .isEqualTo(JSON.readTree("[\"bookmark\",\"progress\"]"));
    String since = scope + "&since=" + URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
    assertThat(JSON.readTree(send("1.0.3", "GET", since, null, null).body()))
        .isEqualTo(JSON.readTree("[\"progress\"]"));

    // a merge onto a document that is not JSON, or of a body that is no JSON object: 400, no change
    assertThat(send("1.0.3", "POST", one, "application/json", "{\"c\":3}").statusCode())
        .isEqualTo(400);
    assertThat(send("1.0.3", "POST", progress, "application/json", "[1,2]").statusCode())
        .isEqualTo(400);
    assertThat(send("1.0.3", "POST", progress, "application/json", "{\"c\":").statusCode())
        .isEqualTo(400);
    assertThat(send("1.0.3", "POST", progress, "text/plain", "c=3").statusCode()).isEqualTo(400);
    assertThat(send("1.0.3", "GET", one, null, null).body()).isEqualTo(binary);
    assertThat(JSON.readTree(send("1.0.3", "GET", progress, null, null).body())).isEqualTo(merged);

    // a registration keeps its own states
    String registration = UUID.randomUUID().toString();
    String withRegistration =
        "activities/state"
            + q(
                params(
                    "activityId",
                    activity,
                    "agent",
                    agent,
                    "registration",
                    registration,
                    "stateId",
                    "bookmark"));
    assertThat(send("1.0.3", "GET", withRegistration, null, null).statusCode()).isEqualTo(404);

    // delete one, then every state of the activity and agent
    assertThat(send("1.0.3", "DELETE", one, null, null).statusCode()).isEqualTo(204);
    assertThat(send("1.0.3", "GET", one, null, null).statusCode()).isEqualTo(404);
    assertThat(send("1.0.3", "DELETE", scope, null, null).statusCode()).isEqualTo(204);
    assertThat(JSON.readTree(send("1.0.3", "GET", scope, null, null).body())).isEmpty();
  }

  @Test
  void followsEachVersionsConcurrencyRules() throws Exception {
    String activity = "https://courses.example.cn/c/" + UUID.randomUUID();
    String profile = "activities/profile" + q(params("activityId", activity, "profileId", "p1"));
    // 1.0.3: a profile PUT without If-Match or If-None-Match is refused, new or not
    assertThat(send("1.0.3", "PUT", profile, "application/json", "{\"v\":1}").statusCode())
        .isEqualTo(400);
    assertThat(
            send("1.0.3", "PUT", profile, "application/json", "{\"v\":1}", "If-None-Match", "*")
                .statusCode())
        .isEqualTo(204);
    HttpResponse<byte[]> conflict = send("1.0.3", "PUT", profile, "application/json", "{\"v\":2}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(text(conflict)).contains("If-Match");
    assertThat(
            send("1.0.3", "PUT", profile, "application/json", "{\"v\":2}", "If-None-Match", "*")
                .statusCode())
        .isEqualTo(412);
    String etag =
        send("1.0.3", "GET", profile, null, null).headers().firstValue("ETag").orElseThrow();
    assertThat(
            send(
                    "1.0.3",
                    "PUT",
                    profile,
                    "application/json",
                    "{\"v\":2}",
                    "If-Match",
                    "\"" + "0".repeat(40) + "\"")
                .statusCode())
        .isEqualTo(412);
    assertThat(
            send("1.0.3", "PUT", profile, "application/json", "{\"v\":2}", "If-Match", etag)
                .statusCode())
        .isEqualTo(204);
    // the old ETag no longer matches: POST and DELETE with it are refused too, and change nothing
    assertThat(
            send("2.0.0", "POST", profile, "application/json", "{\"w\":3}", "If-Match", etag)
                .statusCode())
        .isEqualTo(412);
    assertThat(send("2.0.0", "DELETE", profile, null, null, "If-Match", etag).statusCode())
        .isEqualTo(412);
    assertThat(JSON.readTree(send("2.0.0", "GET", profile, null, null).body()))
        .isEqualTo(JSON.readTree("{\"v\":2}"));
    // 2.0: a PUT onto a new profile needs no header
    String other = "activities/profile" + q(params("activityId", activity, "profileId", "p2"));
    assertThat(send("2.0.0", "PUT", other, "application/json", "{}").statusCode()).isEqualTo(204);
    assertThat(send("2.0.0", "GET", other, null, null).headers().firstValue("Last-Modified"))
        .isPresent();

    // State: exempt in 1.0.3 (a PUT overwrites), not in 2.0 (409)
    String agent = agent();
    String state =
        "activities/state" + q(params("activityId", activity, "agent", agent, "stateId", "s"));
    assertThat(send("1.0.3", "PUT", state, "application/json", "{\"n\":1}").statusCode())
        .isEqualTo(204);
    assertThat(send("1.0.3", "PUT", state, "application/json", "{\"n\":2}").statusCode())
        .isEqualTo(204);
    assertThat(send("2.0.0", "PUT", state, "application/json", "{\"n\":3}").statusCode())
        .isEqualTo(409);
    assertThat(JSON.readTree(send("2.0.0", "GET", state, null, null).body()))
        .isEqualTo(JSON.readTree("{\"n\":2}"));
    // POST and DELETE need no header in either version
    assertThat(send("2.0.0", "POST", state, "application/json", "{\"m\":1}").statusCode())
        .isEqualTo(204);
    assertThat(send("2.0.0", "DELETE", state, null, null).statusCode()).isEqualTo(204);
  }

  @Test
  void agentProfilesAndTheirRefusals() throws Exception {
    String agent = agent();
    String profile = "agents/profile" + q(params("agent", agent, "profileId", "preferences"));
    assertThat(
            send("2.0.0", "PUT", profile, "application/json", "{\"lang\":\"zh-CN\"}").statusCode())
        .isEqualTo(204);
    // the same agent written another way (no name, no objectType) names the same documents
    String bare = agent.replace("\"objectType\":\"Agent\",\"name\":\"李老师\",", "");
    assertThat(
            JSON.readTree(
                send("2.0.0", "GET", "agents/profile" + q(params("agent", bare)), null, null)
                    .body()))
        .isEqualTo(JSON.readTree("[\"preferences\"]"));
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("agents/profile" + q(params("profileId", "p")), "agent parameter is required");
    refused.put(
        "agents/profile" + q(params("agent", "not json", "profileId", "p")), "not valid JSON");
    refused.put(
        "agents/profile"
            + q(
                params(
                    "agent",
                    "{\"objectType\":\"Group\",\"mbox\":\"mailto:g@example.cn\"}",
                    "profileId",
                    "p")),
        "not a valid Agent");
    refused.put(
        "agents/profile" + q(params("agent", "{\"name\":\"无标识\"}", "profileId", "p")),
        "not a valid Agent");
    refused.put(
        "agents/profile" + q(params("agent", agent, "profileId", "p", "stateId", "x")),
        "unknown parameter");
    refused.put(
        "agents/profile"
            + q(params("agent", agent, "profileId", "p", "since", "2026-01-01T00:00:00Z")),
        "since");
    refused.put(
        "activities/state"
            + q(
                params(
                    "activityId",
                    "https://x.example.cn/a",
                    "agent",
                    agent,
                    "registration",
                    "nope")),
        "UUID");
    refused.put("activities/state" + q(params("activityId", "not an iri", "agent", agent)), "IRI");
    refused.put("activities/state" + q(params("agent", agent)), "activityId parameter is required");
    refused.put(
        "agents/profile" + q(params("agent", agent, "profileId", "p".repeat(1001))),
        "longer than 1000");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      HttpResponse<byte[]> r = send("2.0.0", "GET", e.getKey(), null, null);
      assertThat(r.statusCode()).as(e.getKey() + " → " + text(r)).isEqualTo(400);
      assertThat(text(r)).contains(e.getValue());
    }
    // a profile is deleted by its id only
    assertThat(
            send("2.0.0", "DELETE", "agents/profile" + q(params("agent", agent)), null, null)
                .statusCode())
        .isEqualTo(400);
    assertThat(send("2.0.0", "DELETE", profile, null, null).statusCode()).isEqualTo(204);
  }

  @Test
  void keepsEachStoresDocumentsToItself() throws Exception {
    api.admin(
        "POST", "/api/stores", "application/json", "{\"id\":\"docs-other\",\"name\":\"其他机构\"}");
    IssuedLrsCredential other = api.credential("docs-other", "other institute");
    String profile =
        "activities/profile"
            + q(params("activityId", "https://courses.example.cn/shared", "profileId", "secret"));
    assertThat(send("2.0.0", "PUT", profile, "application/json", "{\"mine\":true}").statusCode())
        .isIn(204, 409);
    assertThat(send(other, "2.0.0", "GET", profile, null, null).statusCode()).isEqualTo(404);
    assertThat(
            send(
                    other,
                    "2.0.0",
                    "PUT",
                    profile,
                    "application/json",
                    "{\"theirs\":true}".getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(204);
    assertThat(JSON.readTree(send("2.0.0", "GET", profile, null, null).body()).has("mine"))
        .isTrue();
  }

  @Test
  void answersActivitiesWithTheirMergedDefinitionAndAgentsAsPersons() throws Exception {
    String activity = "https://courses.example.cn/c/" + UUID.randomUUID();
    String unknown = "activities" + q(params("activityId", activity));
    assertThat(JSON.readTree(send("2.0.0", "GET", unknown, null, null).body()))
        .isEqualTo(JSON.readTree("{\"objectType\":\"Activity\",\"id\":\"" + activity + "\"}"));
    for (String name : new String[] {"\"en-US\":\"Lesson study\"", "\"zh-CN\":\"课例研究\""}) {
      String statement =
          "{\"actor\":{\"mbox\":\"mailto:teacher@example.cn\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
              + "\"object\":{\"id\":\""
              + activity
              + "\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\",\"name\":{"
              + name
              + "}}}}";
      assertThat(api.xapi("POST", "statements", cred, "2.0.0", statement).statusCode())
          .isEqualTo(200);
    }
    JsonNode canonical = JSON.readTree(send("2.0.0", "GET", unknown, null, null).body());
    assertThat(canonical.path("definition").path("name").path("en-US").asText())
        .isEqualTo("Lesson study");
    assertThat(canonical.path("definition").path("name").path("zh-CN").asText()).isEqualTo("课例研究");
    assertThat(canonical.path("definition").path("type").asText())
        .isEqualTo("http://adlnet.gov/expapi/activities/course");

    String agent = agent();
    JsonNode person =
        JSON.readTree(
            send("2.0.0", "GET", "agents" + q(params("agent", agent)), null, null).body());
    assertThat(person.path("objectType").asText()).isEqualTo("Person");
    assertThat(person.path("name").get(0).asText()).isEqualTo("李老师");
    assertThat(person.path("account").get(0)).isEqualTo(JSON.readTree(agent).get("account"));
    assertThat(
            send("2.0.0", "GET", "agents" + q(params("agent", "{\"name\":\"x\"}")), null, null)
                .statusCode())
        .isEqualTo(400);
  }
}
