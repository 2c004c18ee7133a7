package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.Mutator;
import cn.weineng.lti.support.RawHttp;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Mutated requests against the running application, over raw HTTP, on the three surfaces a vendor
 * or an attacker reaches: the LRS, the REST API (every operation of {@code openapi.yaml}, its
 * bodies generated from the contract's schemas and then broken) and the LTI endpoints (login
 * initiation, launch, Dynamic Registration, the frame's forms, and launches whose signed claims
 * hold values of the wrong type). Every answer must be below 500; every refusal must have a body
 * that says why (problem+json, or an HTML page where a browser asked for one); and, on PostgreSQL,
 * where the test can count every table between two requests, a refused request must leave every
 * count as it was.
 *
 * <p>The cases come from one seed: {@code -Dfuzz.seed=…} replays a run, {@code -Dfuzz.cases=…} sets
 * how many per surface (CI runs the default; {@code scripts/fuzz.sh} runs more). A failure names
 * the seed, the case, the request and the answer.
 */
@Order(101)
class FuzzIT {

  static final WeinengServer server = WeinengServer.get();
  static final Weineng api = new Weineng(server);
  static final ObjectMapper JSON = new ObjectMapper();
  static final long SEED = Long.getLong("fuzz.seed", 20261207L);
  static final int CASES = Integer.getInteger("fuzz.cases", 400);

  /**
   * Tables a refused request may change by design: the failed-authentication and login counters
   * behind the rate limits, and the record of refused launches that the launch diagnostics list.
   */
  static final Set<String> WRITTEN_ON_REFUSAL =
      Set.of("request_limit", "lti_refusal", "flyway_schema_history");

  static IssuedLrsCredential cred;
  static TestPlatform platform;
  static int address;
  static List<String> tables = List.of();
  static Map<String, String> lastCounts;
  final List<String> failures = new ArrayList<>();
  int containerRefusals;
  final Map<Integer, Integer> tally = new TreeMap<>();

  @BeforeAll
  static void prepare() throws Exception {
    cred = api.credential("default", "fuzz");
    platform = new TestPlatform();
    api.register(platform, "default");
    tables =
        server
            .postgresColumn(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' order by table_name")
            .stream()
            .filter(t -> !WRITTEN_ON_REFUSAL.contains(t))
            .toList();
  }

  @AfterAll
  static void close() {
    if (platform != null) {
      platform.close();
    }
  }

  // ---------------------------------------------------------------- the LRS

  @Test
  void theLrsNeverAnswers5xxAndARefusalStoresNothing() throws Exception {
    Mutator m = new Mutator(new Random(SEED));
    ObjectNode one = statement(UUID.randomUUID().toString());
    ArrayNode batch = JSON.createArrayNode().add(statement(null)).add(statement(null));
    String basic = Weineng.basic(cred.getKey(), cred.getSecret());
    List<String> params =
        List.of(
            "agent",
            "verb",
            "activity",
            "registration",
            "since",
            "until",
            "limit",
            "format",
            "ascending",
            "attachments",
            "related_agents",
            "related_activities",
            "statementId",
            "voidedStatementId");
    for (int n = 0; n < CASES; n++) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Authorization", basic);
      h.put("X-Experience-API-Version", m.random().nextBoolean() ? "1.0.3" : "2.0.0");
      h.put("Content-Type", "application/json");
      String method = "POST";
      String target = "/xapi/statements";
      byte[] body;
      switch (m.random().nextInt(8)) {
        case 0, 1, 2 -> body = m.json(m.random().nextBoolean() ? one : batch);
        case 3 -> {
          method = "PUT";
          String id = m.random().nextInt(3) == 0 ? m.oddString() : UUID.randomUUID().toString();
          target += "?statementId=" + enc(id);
          body = m.json(one);
        }
        case 4 -> {
          method = "GET";
          StringBuilder q = new StringBuilder();
          int k = 1 + m.random().nextInt(3);
          for (int i = 0; i < k; i++) {
            q.append(i == 0 ? "?" : "&")
                .append(m.pick(params))
                .append('=')
                .append(enc(m.random().nextBoolean() ? m.oddString() : m.oddValue().toString()));
          }
          target += q;
          body = null;
          h.remove("Content-Type");
        }
        case 5 -> {
          // the headers broken, the body fine
          body = JSON.writeValueAsBytes(one);
          String which =
              m.pick(List.of("Authorization", "X-Experience-API-Version", "Content-Type"));
          if (m.random().nextInt(3) == 0) {
            h.remove(which);
          } else if (which.equals("Authorization")) {
            h.put(
                which,
                m.pick(
                    List.of(
                        "Basic " + m.oddString(),
                        "Basic " + b64(cred.getKey() + ":" + m.oddString()),
                        "Basic " + b64(m.oddString()),
                        "Bearer " + m.oddString(),
                        m.oddString())));
          } else {
            h.put(which, m.text(h.get(which)));
          }
        }
        case 6 -> {
          // the alternate request syntax
          target +=
              "?method=" + enc(m.pick(List.of("PUT", "GET", "DELETE", "POST", m.oddString())));
          h.put("Content-Type", "application/x-www-form-urlencoded");
          Map<String, String> form = new LinkedHashMap<>();
          form.put("Authorization", basic);
          form.put("X-Experience-API-Version", "1.0.3");
          form.put("Content-Type", "application/json");
          form.put("statementId", UUID.randomUUID().toString());
          form.put("content", new String(m.json(one), StandardCharsets.UTF_8));
          String key = m.pick(new ArrayList<>(form.keySet()));
          form.put(key, m.text(form.get(key)));
          h.remove("Authorization");
          body = formBody(form).getBytes(StandardCharsets.UTF_8);
        }
        default -> {
          method = m.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
          target =
              m.pick(
                  List.of(
                      "/xapi/about",
                      "/xapi/activities?activityId=" + enc(m.oddString()),
                      "/xapi/agents?agent=" + enc(m.oddString()),
                      "/xapi/activities/state",
                      "/xapi/statements/" + enc(m.oddString()),
                      "/xapi/" + enc(m.oddString())));
          body = m.random().nextBoolean() ? null : m.json(one);
        }
      }
      exchange("lrs", n, method, target, h, body, false);
    }
    assertThat(failures).as(summary("the LRS")).isEmpty();
  }

  private static ObjectNode statement(String id) {
    ObjectNode s = JSON.createObjectNode();
    if (id != null) {
      s.put("id", id);
    }
    s.putObject("actor")
        .put("objectType", "Agent")
        .put("name", "张老师")
        .putObject("account")
        .put("homePage", "https://fuzz.example.cn")
        .put("name", "fuzz-" + UUID.randomUUID().toString().substring(0, 8));
    s.putObject("verb")
        .put("id", "http://adlnet.gov/expapi/verbs/completed")
        .putObject("display")
        .put("zh-CN", "完成");
    ObjectNode object = s.putObject("object").put("id", "https://fuzz.example.cn/course/1");
    object
        .putObject("definition")
        .put("type", "http://adlnet.gov/expapi/activities/course")
        .putObject("name")
        .put("zh-CN", "课程");
    ObjectNode result = s.putObject("result").put("completion", true).put("duration", "PT2H");
    result.putObject("score").put("scaled", 0.9).put("raw", 90).put("min", 0).put("max", 100);
    s.putObject("context")
        .put("registration", UUID.randomUUID().toString())
        .putObject("contextActivities")
        .putArray("parent")
        .addObject()
        .put("id", "https://fuzz.example.cn/program");
    s.put("timestamp", "2026-11-01T08:00:00+08:00");
    return s;
  }

  // ---------------------------------------------------------------- the REST API

  @Test
  void theRestApiNeverAnswers5xxAndARefusalChangesNothing() throws Exception {
    Mutator m = new Mutator(new Random(SEED + 1));
    Map<String, Object> spec;
    try (Reader r = Files.newBufferedReader(Path.of("..", "openapi", "openapi.yaml"))) {
      spec = new Yaml().load(r);
    }
    List<Operation> operations = operations(spec);
    assertThat(operations).hasSizeGreaterThan(50);
    String admin = Weineng.basic(server.adminUser, server.adminPassword);
    for (int n = 0; n < CASES; n++) {
      Operation op = m.pick(operations);
      StringBuilder path = new StringBuilder();
      java.util.regex.Matcher pm = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(op.path);
      while (pm.find()) {
        String value =
            m.random().nextInt(3) == 0
                ? m.oddString()
                : m.pick(List.of("default", "x", UUID.randomUUID().toString(), "national-30"));
        pm.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(enc(value)));
      }
      pm.appendTail(path);
      StringBuilder q = new StringBuilder();
      for (Map.Entry<String, Map<String, Object>> p : op.query.entrySet()) {
        if (m.random().nextBoolean()) {
          Object seed = seedValue(spec, p.getValue().get("schema"), p.getKey(), 0);
          String v = m.random().nextBoolean() ? String.valueOf(seed) : m.oddString();
          q.append(q.length() == 0 ? "?" : "&").append(p.getKey()).append('=').append(enc(v));
        }
      }
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Authorization", m.random().nextInt(12) == 0 ? "Basic " + m.oddString() : admin);
      h.put("Accept", m.pick(List.of("application/json", "*/*", "text/csv", m.oddString())));
      byte[] body = null;
      if (op.bodyType != null) {
        String type = op.bodyType;
        if (type.contains("json")) {
          JsonNode seed = JSON.valueToTree(seedValue(spec, op.bodySchema, "", 0));
          body = m.random().nextInt(5) == 0 ? JSON.writeValueAsBytes(seed) : m.json(seed);
        } else if (type.startsWith("multipart/")) {
          type = "multipart/form-data; boundary=fuzz";
          String part =
              "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                  + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 fuzz\r\n--fuzz--\r\n";
          body =
              m.random().nextBoolean()
                  ? m.flip(part.getBytes(StandardCharsets.UTF_8))
                  : part.getBytes(StandardCharsets.UTF_8);
        } else {
          String csv = "姓名,学校,工号\n张三,一中,t-001\n";
          body = m.text(csv).getBytes(StandardCharsets.UTF_8);
        }
        h.put("Content-Type", m.random().nextInt(10) == 0 ? m.text(type) : type);
      }
      exchange("rest " + op.id, n, op.method, path + q.toString(), h, body, false);
    }
    assertThat(failures).as(summary("the REST API")).isEmpty();
  }

  record Operation(
      String id,
      String method,
      String path,
      Map<String, Map<String, Object>> query,
      String bodyType,
      Object bodySchema) {}

  @SuppressWarnings("unchecked")
  static List<Operation> operations(Map<String, Object> spec) {
    List<Operation> out = new ArrayList<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, o) -> {
                  if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    return;
                  }
                  Map<String, Object> op = (Map<String, Object>) o;
                  Map<String, Map<String, Object>> query = new TreeMap<>();
                  for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                    Map<String, Object> param = (Map<String, Object>) p;
                    if ("query".equals(param.get("in"))) {
                      query.put((String) param.get("name"), param);
                    }
                  }
                  String type = null;
                  Object schema = null;
                  if (op.get("requestBody") instanceof Map<?, ?> rb
                      && rb.get("content") instanceof Map<?, ?> content) {
                    type = (String) content.keySet().iterator().next();
                    schema = ((Map<String, Object>) content.get(type)).get("schema");
                  }
                  out.add(
                      new Operation(
                          (String) op.get("operationId"),
                          method.toUpperCase(Locale.ROOT),
                          path,
                          query,
                          type,
                          schema));
                }));
    return out;
  }

  /** A plausible value for a schema of the contract: its example, a value of its type. */
  @SuppressWarnings("unchecked")
  static Object seedValue(Map<String, Object> spec, Object schemaObject, String name, int depth) {
    if (!(schemaObject instanceof Map<?, ?>) || depth > 6) {
      return "x";
    }
    Map<String, Object> schema = (Map<String, Object>) schemaObject;
    if (schema.get("$ref") instanceof String ref) {
      Object target = spec;
      for (String part : ref.substring(2).split("/")) {
        target = ((Map<String, Object>) target).get(part);
      }
      return seedValue(spec, target, name, depth + 1);
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      Map<String, Object> merged = new LinkedHashMap<>();
      for (Object part : parts) {
        if (seedValue(spec, part, name, depth + 1) instanceof Map<?, ?> map) {
          merged.putAll((Map<String, Object>) map);
        }
      }
      return merged;
    }
    if (schema.get("example") != null) {
      return schema.get("example");
    }
    if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
      return values.get(0);
    }
    String type = String.valueOf(schema.getOrDefault("type", "object"));
    switch (type) {
      case "string":
        if (name.toLowerCase(Locale.ROOT).endsWith("url")) {
          return "http://127.0.0.1:9/x";
        }
        return "date-time".equals(schema.get("format")) ? "2026-11-01T08:00:00Z" : "x1";
      case "integer":
        return schema.get("minimum") instanceof Number min ? min : 1;
      case "number":
        return 1.5;
      case "boolean":
        return true;
      case "array":
        return List.of(seedValue(spec, schema.get("items"), name, depth + 1));
      default:
        Map<String, Object> out = new LinkedHashMap<>();
        if (schema.get("properties") instanceof Map<?, ?> props) {
          ((Map<String, Object>) props)
              .forEach((k, v) -> out.put(k, seedValue(spec, v, k, depth + 1)));
        } else if (schema.get("additionalProperties") != null) {
          out.put("k", "v");
        }
        return out;
    }
  }

  // ---------------------------------------------------------------- the LTI endpoints

  @Test
  void theLtiEndpointsNeverAnswer5xxAndARefusalChangesNothing() throws Exception {
    Mutator m = new Mutator(new Random(SEED + 2));
    LtiBrowser browser = new LtiBrowser(server.baseUrl, platform);
    for (int n = 0; n < CASES; n++) {
      boolean html = m.random().nextBoolean();
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Accept", html ? "text/html" : "application/json");
      int kind = m.random().nextInt(10);
      if (kind == 0) {
        signedLaunchWithOddClaims(m, browser, n);
        continue;
      }
      Map<String, String> form = new LinkedHashMap<>();
      String method = "POST";
      String target;
      switch (kind) {
        case 1, 2, 3 -> {
          target = "/lti/login";
          form.put("iss", platform.issuer);
          form.put("login_hint", "teacher-1");
          form.put("target_link_uri", server.baseUrl + "/lti/launch");
          form.put("lti_message_hint", "hint");
          form.put("client_id", platform.clientId);
          form.put("lti_deployment_id", platform.deploymentId);
          if (m.random().nextBoolean()) {
            form.put("lti_storage_target", "_parent");
          }
          if (m.random().nextBoolean()) {
            method = "GET";
          }
        }
        case 4, 5, 6 -> {
          target = "/lti/launch";
          form.put("id_token", oddJwt(m));
          form.put("state", m.random().nextBoolean() ? m.oddString() : b64(m.oddString()));
        }
        case 7 -> {
          method = "GET";
          target = "/lti/register";
          form.put("openid_configuration", "http://127.0.0.1:9/openid");
          form.put("registration_token", "t");
        }
        default -> {
          target =
              "/lti/ui/"
                  + m.pick(List.of("page", "select", "review", "deeplink", "file", "upload"));
          form.put("token", m.oddString());
          form.put("point", "A1");
          form.put("item", "plan");
          form.put("submission", UUID.randomUUID().toString());
          form.put("level", "pass");
        }
      }
      // each field mutated, dropped or kept
      for (String key : new ArrayList<>(form.keySet())) {
        int r = m.random().nextInt(10);
        if (r < 3) {
          form.put(key, m.text(form.get(key)));
        } else if (r == 3) {
          form.remove(key);
        }
      }
      if (m.random().nextInt(10) == 0) {
        form.put(m.oddString(), m.oddString());
      }
      byte[] body = null;
      String query = formBody(form);
      if (method.equals("GET")) {
        target += "?" + query;
      } else {
        h.put(
            "Content-Type",
            m.random().nextInt(10) == 0
                ? m.pick(List.of("application/json", "text/plain", m.oddString()))
                : "application/x-www-form-urlencoded");
        body = query.getBytes(StandardCharsets.UTF_8);
      }
      exchange("lti", n, method, target, h, body, html);
    }
    assertThat(failures).as(summary("the LTI endpoints")).isEmpty();
  }

  /** Something shaped like a compact JWS, or not quite. */
  private static String oddJwt(Mutator m) throws Exception {
    ObjectNode header =
        JSON.createObjectNode().put("alg", "RS256").put("kid", "k1").put("typ", "JWT");
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", platform.issuer)
            .put("aud", platform.clientId)
            .put("sub", "s")
            .put("nonce", "n")
            .put("exp", System.currentTimeMillis() / 1000 + 60)
            .put("iat", System.currentTimeMillis() / 1000);
    String h64 =
        b64url(m.random().nextInt(3) == 0 ? m.json(header) : JSON.writeValueAsBytes(header));
    String c64 =
        b64url(m.random().nextInt(2) == 0 ? m.json(claims) : JSON.writeValueAsBytes(claims));
    return switch (m.random().nextInt(6)) {
      case 0 -> m.oddString();
      case 1 -> h64 + "." + c64;
      case 2 -> h64 + "." + c64 + ".";
      case 3 -> b64url("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + c64 + ".";
      case 4 -> h64 + "." + c64 + "." + b64url(m.flip(new byte[256]));
      default -> h64 + "." + c64 + "." + m.oddString() + "." + m.oddString();
    };
  }

  /**
   * A launch the platform signs properly, with one claim replaced by a value of another type (or
   * one removed): past the signature, the tool must still refuse cleanly.
   */
  private void signedLaunchWithOddClaims(Mutator m, LtiBrowser browser, int n) throws Exception {
    List<String> claims =
        List.of(
            "sub",
            "name",
            "given_name",
            "email",
            "nonce",
            "exp",
            "iat",
            "aud",
            "azp",
            "https://purl.imsglobal.org/spec/lti/claim/message_type",
            "https://purl.imsglobal.org/spec/lti/claim/version",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
            "https://purl.imsglobal.org/spec/lti/claim/resource_link",
            "https://purl.imsglobal.org/spec/lti/claim/roles",
            "https://purl.imsglobal.org/spec/lti/claim/context",
            "https://purl.imsglobal.org/spec/lti/claim/custom",
            "https://purl.imsglobal.org/spec/lti/claim/lis",
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
    String claim = m.pick(claims);
    boolean remove = m.random().nextInt(4) == 0;
    Object value = JSON.treeToValue(m.oddValue(), Object.class);
    TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
    if (m.random().nextInt(3) == 0) {
      spec.deepLinking(server.baseUrl + "/lti/ui/nowhere", true, "d");
    }
    spec.tamper = b -> remove ? b.claim(claim, null) : b.claim(claim, value);
    Map<String, String> before = counts();
    LtiBrowser.Result r;
    try {
      r = browser.launch(spec);
    } catch (AssertionError e) {
      if (String.valueOf(e.getMessage()).contains("429")) {
        // the platform's login initiations reached their per-minute limit: no launch this time
        lastCounts = null;
        return;
      }
      throw e;
    }
    String what =
        "signed launch with "
            + claim
            + (remove ? " removed" : " = " + abbreviate(String.valueOf(value)));
    if (r.status() >= 500) {
      failures.add(fail("lti", n, "POST", "/lti/launch (" + what + ")", r.status(), r.body()));
    } else if (r.status() >= 400) {
      if (r.body() == null || r.body().isBlank()) {
        failures.add(
            fail("lti", n, "POST", "/lti/launch (" + what + ")", r.status(), "(empty body)"));
      }
      compareCounts("lti", n, "/lti/launch (" + what + ")", before);
    }
    lastCounts = null;
  }

  // ---------------------------------------------------------------- one exchange, checked

  private void exchange(
      String surface,
      int n,
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      boolean html)
      throws Exception {
    // each case comes from its own address, so that no test's failed-login allowance is used up
    address++;
    headers.put("X-Forwarded-For", "198.19." + (address / 250 % 250) + "." + (1 + address % 250));
    Map<String, String> before = counts();
    String answer;
    try {
      answer = RawHttp.send(server.baseUrl, method, target, headers, body);
    } catch (java.net.SocketException e) {
      // a request the container closes the connection on (a header it will not read) got no answer
      // at all: that is a refusal too, but it must still change nothing
      compareCounts(surface, n, method + " " + target, before);
      return;
    }
    int status = RawHttp.status(answer);
    tally.merge(status, 1, Integer::sum);
    int split = answer.indexOf("\r\n\r\n");
    String head = split < 0 ? answer : answer.substring(0, split).toLowerCase(Locale.ROOT);
    String text = split < 0 ? "" : answer.substring(split + 4);
    String request = method + " " + abbreviate(target) + bodyHint(body);
    if (status == 400 && text.isEmpty() && (unreadableHeader(headers) || unreadablePath(target))) {
      // the container refuses a header value with control or non-ASCII bytes, or a path with an
      // encoded NUL, slash or backslash, before the application runs, with an empty body (README,
      // "What the container answers itself")
      containerRefusals++;
      compareCounts(surface, n, request, before);
    } else if (status >= 500) {
      failures.add(fail(surface, n, method, request, status, text));
    } else if (status >= 400) {
      if (text.isBlank() && !method.equals("HEAD")) {
        failures.add(fail(surface, n, method, request, status, "(empty body)"));
      } else if (!html && !method.equals("HEAD") && !head.contains("application/problem+json")) {
        failures.add(fail(surface, n, method, request, status, "not problem+json: " + text));
      }
      compareCounts(surface, n, request, before);
    } else {
      lastCounts = null;
    }
  }

  /**
   * Whether a path holds what the HTTP container refuses to map: an encoded NUL, slash or
   * backslash, or escapes that are no UTF-8.
   */
  static boolean unreadablePath(String target) {
    String path = target.split("\\?", 2)[0];
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%00") || lower.contains("%2f") || lower.contains("%5c")) {
      return true;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%'
          && i + 2 < path.length()
          && path.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
        bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
      return false;
    } catch (java.nio.charset.CharacterCodingException e) {
      return true;
    }
  }

  /** Whether a header value holds what the HTTP container refuses to read. */
  static boolean unreadableHeader(Map<String, String> headers) {
    for (String v : headers.values()) {
      for (char c : v.toCharArray()) {
        if ((c < 0x20 && c != '\t') || c >= 0x7f) {
          return true;
        }
      }
      if (v.length() > 8000) {
        return true;
      }
    }
    return false;
  }

  /** Every table's row count on PostgreSQL (the H2 file is held by the server); empty on H2. */
  private Map<String, String> counts() {
    if (tables.isEmpty()) {
      return Map.of();
    }
    if (lastCounts != null) {
      return lastCounts;
    }
    // work the last accepted request started in the background (the ledger following the store)
    // settles before the next case is counted
    Map<String, String> previous = null;
    Map<String, String> now = readCounts();
    for (int i = 0; i < 50 && !now.equals(previous); i++) {
      previous = now;
      sleep(40);
      now = readCounts();
    }
    lastCounts = now;
    return now;
  }

  private Map<String, String> readCounts() {
    String sql =
        tables.stream()
            .map(t -> "select '" + t + "=' || count(*) from " + t)
            .collect(Collectors.joining(" union all "));
    Map<String, String> out = new TreeMap<>();
    for (String row : server.postgresColumn(sql)) {
      int eq = row.indexOf('=');
      out.put(row.substring(0, eq), row.substring(eq + 1));
    }
    return out;
  }

  private void compareCounts(String surface, int n, String request, Map<String, String> before) {
    if (before.isEmpty()) {
      return;
    }
    lastCounts = null;
    Map<String, String> after = counts();
    if (!after.equals(before)) {
      List<String> changed =
          after.keySet().stream()
              .filter(t -> !after.get(t).equals(before.get(t)))
              .map(t -> t + " " + before.get(t) + "→" + after.get(t))
              .toList();
      failures.add(
          "seed "
              + SEED
              + " "
              + surface
              + " case "
              + n
              + ": "
              + request
              + " was refused but changed "
              + changed);
    }
  }

  private static String fail(
      String surface, int n, String method, String request, int status, String body) {
    return "seed "
        + SEED
        + " "
        + surface
        + " case "
        + n
        + ": "
        + request
        + " → "
        + status
        + " "
        + abbreviate(body);
  }

  private String summary(String surface) {
    System.out.println(
        "fuzz "
            + server.db
            + " "
            + surface
            + ": "
            + CASES
            + " cases (seed "
            + SEED
            + "), answers by status "
            + tally
            + ", of which header values or paths the container refused: "
            + containerRefusals
            + ", rules broken: "
            + failures.size());
    try {
      Path dir = Path.of("target", "fuzz");
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(server.db + "-" + surface.replace(' ', '-') + ".txt"),
          failures,
          StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      // the summary below says it all the same
    }
    return failures.size()
        + " of "
        + CASES
        + " mutated requests to "
        + surface
        + " broke a rule ("
        + containerRefusals
        + " more were header values or paths the container refused, as documented) (first ten): "
        + failures.stream().limit(10).collect(Collectors.joining("\n"));
  }

  private static String bodyHint(byte[] body) {
    if (body == null) {
      return "";
    }
    return " with " + abbreviate(new String(body, StandardCharsets.UTF_8));
  }

  private static String abbreviate(String s) {
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    return one.length() <= 300 ? one : one.substring(0, 300) + "…(" + one.length() + " chars)";
  }

  private static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
