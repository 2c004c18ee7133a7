package cn.weineng.lti.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A test LTI 1.3 platform (the LMS side), on 127.0.0.1: an RSA key, its JWKS at /jwks, and an OIDC
 * authorisation endpoint at /auth that answers a tool's authentication request with an auto-posting
 * form carrying a signed id_token, as Moodle does. Each launch's claims come from a {@link
 * LaunchSpec}; tests tamper with the token through {@link LaunchSpec#tamper}.
 */
public final class TestPlatform implements AutoCloseable {

  public final String issuer;
  public final String clientId = "weineng-client-" + UUID.randomUUID().toString().substring(0, 8);
  public final String deploymentId = "deployment-1";
  private final RSAKey key;
  private final RSAKey foreignKey;
  private final HttpServer server;

  /** Prepared launches by login_hint (the subject), so concurrent launches do not mix. */
  private final java.util.concurrent.ConcurrentHashMap<String, LaunchSpec> specs =
      new java.util.concurrent.ConcurrentHashMap<>();

  private volatile LaunchSpec next;

  public TestPlatform() {
    try {
      key = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
      // same kid, different key: a forger who knows the kid but not the private key
      foreignKey = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/jwks", this::jwks);
    server.createContext("/auth", this::auth);
    server.createContext("/course", this::course);
    server.createContext("/start", this::start);
    server.createContext("/.well-known/openid-configuration", this::openidConfiguration);
    server.createContext("/register", this::registerTool);
    server.createContext("/token", this::token);
    server.createContext("/lineitems", this::lineitems);
    server.createContext("/memberships", this::memberships);
    server.start();
    issuer = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String authUrl() {
    return issuer + "/auth";
  }

  public String jwksUrl() {
    return issuer + "/jwks";
  }

  public String tokenUrl() {
    return issuer + "/token";
  }

  /** The claims the next authentication request is answered with. */
  public void prepare(LaunchSpec spec) {
    specs.put(spec.subject, spec);
    this.next = spec;
  }

  /** The registration token this platform hands a tool for Dynamic Registration. */
  public final String registrationToken = "reg-" + UUID.randomUUID();

  /** The last registration request a tool posted, with its headers' Authorization. */
  public volatile com.fasterxml.jackson.databind.JsonNode lastRegistration;

  public volatile String lastRegistrationAuthorization;

  /** How many registrations the platform accepted. */
  public final java.util.concurrent.atomic.AtomicInteger registrations =
      new java.util.concurrent.atomic.AtomicInteger();

  public String openidConfigurationUrl() {
    return issuer + "/.well-known/openid-configuration";
  }

  /**
   * LTI Dynamic Registration 1.0 §3.4: the platform's configuration, for the registration token.
   */
  private void openidConfiguration(HttpExchange ex) throws IOException {
    if (!("Bearer " + registrationToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      respond(ex, 401, "application/json", "{\"error\":\"invalid_token\"}");
      return;
    }
    String json =
        "{\"issuer\":\""
            + issuer
            + "\",\"authorization_endpoint\":\""
            + authUrl()
            + "\",\"token_endpoint\":\""
            + tokenUrl()
            + "\",\"jwks_uri\":\""
            + jwksUrl()
            + "\",\"registration_endpoint\":\""
            + issuer
            + "/register\",\"scopes_supported\":[\"openid\"],\"response_types_supported\":[\"id_token\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
            + "\"https://purl.imsglobal.org/spec/lti-platform-configuration\":{\"product_family_code\":\"weineng-test-platform\","
            + "\"version\":\"1\",\"messages_supported\":[{\"type\":\"LtiResourceLinkRequest\"},{\"type\":\"LtiDeepLinkingRequest\"}]}}";
    respond(ex, 200, "application/json", json);
  }

  /**
   * §3.5: the tool's registration request; answers with this platform's client and deployment ids.
   */
  private void registerTool(HttpExchange ex) throws IOException {
    lastRegistrationAuthorization = ex.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + registrationToken).equals(lastRegistrationAuthorization)) {
      respond(ex, 401, "application/json", "{\"error\":\"invalid_token\"}");
      return;
    }
    com.fasterxml.jackson.databind.JsonNode body;
    try (java.io.InputStream in = ex.getRequestBody()) {
      body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
    lastRegistration = body;
    registrations.incrementAndGet();
    String json =
        "{\"client_id\":\""
            + clientId
            + "\",\"application_type\":\"web\",\"https://purl.imsglobal.org/spec/lti-tool-configuration\":"
            + "{\"deployment_id\":\""
            + deploymentId
            + "\"}}";
    respond(ex, 200, "application/json", json);
  }

  /** Where the tool's public keys are, to check its client assertions. */
  public volatile String toolJwksUrl;

  /** While true, the grade service answers 503, as a platform that is down. */
  public volatile boolean gradesDown;

  /** Scores received, in order: the request path with its query, and the body. */
  public final java.util.List<String[]> scores =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Client assertions accepted at /token. */
  public final java.util.concurrent.atomic.AtomicInteger tokensIssued =
      new java.util.concurrent.atomic.AtomicInteger();

  private final java.util.Set<String> issued = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The course's members as the roster service gives them (NRPS member objects). */
  public final java.util.List<Map<String, Object>> members =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Members per roster page. */
  public volatile int pageSize = 2;

  /** The rlid of the last roster request, if it had one. */
  public volatile String lastRlid;

  public String membershipsUrl() {
    return issuer + "/memberships/course-1?role_filter=none";
  }

  /** NRPS 2.0: the membership container, two members a page, with a Link to the next page. */
  private void memberships(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
      respond(ex, 401, "application/json", "{}");
      return;
    }
    if (!"application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
        .equals(ex.getRequestHeaders().getFirst("Accept"))) {
      respond(ex, 406, "application/json", "{}");
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    lastRlid = q.get("rlid");
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    java.util.List<Map<String, Object>> all = java.util.List.copyOf(members);
    int from = (page - 1) * pageSize;
    java.util.List<Map<String, Object>> slice =
        all.subList(Math.min(from, all.size()), Math.min(from + pageSize, all.size()));
    if (from + pageSize < all.size()) {
      ex.getResponseHeaders()
          .add(
              "Link",
              "<"
                  + issuer
                  + "/memberships/course-1?role_filter=none"
                  + (lastRlid == null ? "" : "&rlid=" + lastRlid)
                  + "&page="
                  + (page + 1)
                  + ">; rel=\"next\"");
    }
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("id", issuer + ex.getRequestURI());
    body.put("context", Map.of("id", "course-1", "title", "Course"));
    body.put("members", slice);
    respond(
        ex,
        200,
        "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body));
  }

  /** A token for a benchmark's baseline, issued without a client assertion. */
  public String issueTokenForBaseline() {
    String token = "tok-" + UUID.randomUUID();
    issued.add(token);
    return token;
  }

  /** A line item URL the way Moodle writes them, with a query string. */
  public String lineitemUrl(int id) {
    return issuer + "/lineitems/" + id + "/lineitem?type_id=1";
  }

  /** OAuth 2.0 client credentials with a JWT client assertion (RFC 7523), checked in full. */
  private void token(HttpExchange ex) throws IOException {
    Map<String, String> f = new HashMap<>();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        f.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String problem = null;
    if (!"client_credentials".equals(f.get("grant_type"))
        || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            .equals(f.get("client_assertion_type"))) {
      problem = "unsupported_grant_type";
    } else {
      try {
        SignedJWT a = SignedJWT.parse(f.get("client_assertion"));
        com.nimbusds.jose.jwk.JWKSet keys =
            com.nimbusds.jose.jwk.JWKSet.load(new java.net.URL(toolJwksUrl));
        com.nimbusds.jose.jwk.RSAKey k =
            (com.nimbusds.jose.jwk.RSAKey) keys.getKeyByKeyId(a.getHeader().getKeyID());
        JWTClaimsSet c = a.getJWTClaimsSet();
        if (k == null || !a.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(k))) {
          problem = "invalid_client: signature";
        } else if (!clientId.equals(c.getIssuer()) || !clientId.equals(c.getSubject())) {
          problem = "invalid_client: iss/sub";
        } else if (!c.getAudience().contains(tokenUrl())) {
          problem = "invalid_client: aud";
        } else if (c.getExpirationTime() == null || c.getExpirationTime().before(new Date())) {
          problem = "invalid_client: exp";
        } else if (c.getJWTID() == null) {
          problem = "invalid_client: jti";
        }
      } catch (Exception e) {
        problem = "invalid_client: " + e.getClass().getSimpleName();
      }
    }
    if (problem != null) {
      respond(ex, 400, "application/json", "{\"error\":\"" + problem + "\"}");
      return;
    }
    String token = "tok-" + UUID.randomUUID();
    issued.add(token);
    tokensIssued.incrementAndGet();
    respond(
        ex,
        200,
        "application/json",
        "{\"access_token\":\""
            + token
            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\""
            + f.getOrDefault("scope", "")
            + "\"}");
  }

  /** A line item's scores (AGS 2.0 §3.4): the token, the media type, then recorded. */
  private void lineitems(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
      respond(ex, 401, "application/json", "{}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (!path.endsWith("/scores")) {
      lineitemContainer(ex, path);
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      respond(ex, 404, "application/json", "{}");
      return;
    }
    if (!"application/vnd.ims.lis.v1.score+json"
        .equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
      respond(ex, 415, "application/json", "{}");
      return;
    }
    if (gradesDown) {
      respond(ex, 503, "application/json", "{}");
      return;
    }
    scores.add(
        new String[] {
          ex.getRequestURI().getRawPath()
              + (ex.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + ex.getRequestURI().getRawQuery()),
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
        });
    ex.sendResponseHeaders(204, -1);
    ex.close();
  }

  /** The course's line items (AGS 2.0 §3.2), by number. */
  public final Map<Integer, com.fasterxml.jackson.databind.node.ObjectNode> items =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private final java.util.concurrent.atomic.AtomicInteger nextItem =
      new java.util.concurrent.atomic.AtomicInteger(100);

  public String lineitemsUrl() {
    return issuer + "/lineitems?type_id=1";
  }

  private void lineitemContainer(HttpExchange ex, String path) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String method = ex.getRequestMethod();
    if (path.equals("/lineitems") && method.equals("GET")) {
      Map<String, String> q = query(ex.getRequestURI());
      java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> all =
          items.values().stream()
              .filter(
                  i ->
                      q.get("resource_id") == null
                          || q.get("resource_id").equals(i.path("resourceId").asText()))
              .toList();
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int from = (page - 1) * 2;
      if (from + 2 < all.size()) {
        ex.getResponseHeaders()
            .add(
                "Link",
                "<" + issuer + "/lineitems?type_id=1&page=" + (page + 1) + ">; rel=\"next\"");
      }
      respond(
          ex,
          200,
          "application/vnd.ims.lis.v2.lineitemcontainer+json",
          json.writeValueAsString(
              all.subList(Math.min(from, all.size()), Math.min(from + 2, all.size()))));
      return;
    }
    if (path.equals("/lineitems") && method.equals("POST")) {
      com.fasterxml.jackson.databind.node.ObjectNode item =
          (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(ex.getRequestBody());
      int n = nextItem.incrementAndGet();
      item.put("id", lineitemUrl(n));
      items.put(n, item);
      respond(ex, 201, "application/vnd.ims.lis.v2.lineitem+json", item.toString());
      return;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("/lineitems/(\\d+)/lineitem(/results)?").matcher(path);
    if (!m.matches() || !items.containsKey(Integer.parseInt(m.group(1)))) {
      respond(ex, 404, "application/json", "{}");
      return;
    }
    int n = Integer.parseInt(m.group(1));
    if (m.group(2) != null && method.equals("GET")) {
      Map<String, com.fasterxml.jackson.databind.node.ObjectNode> latest =
          new java.util.LinkedHashMap<>();
      synchronized (scores) {
        for (String[] sc : scores) {
          if (sc[0].startsWith("/lineitems/" + n + "/lineitem/scores")) {
            com.fasterxml.jackson.databind.JsonNode b = json.readTree(sc[1]);
            com.fasterxml.jackson.databind.node.ObjectNode r = json.createObjectNode();
            r.put("id", lineitemUrl(n) + "&user=" + b.path("userId").asText());
            r.put("scoreOf", lineitemUrl(n));
            r.put("userId", b.path("userId").asText());
            if (b.has("scoreGiven")) {
              r.put("resultScore", b.get("scoreGiven").asDouble());
              r.put("resultMaximum", b.path("scoreMaximum").asDouble());
            }
            r.put("comment", b.path("comment").asText(""));
            latest.put(b.path("userId").asText(), r);
          }
        }
      }
      respond(
          ex,
          200,
          "application/vnd.ims.lis.v2.resultcontainer+json",
          json.writeValueAsString(latest.values()));
      return;
    }
    if (method.equals("PUT")) {
      com.fasterxml.jackson.databind.node.ObjectNode item =
          (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(ex.getRequestBody());
      item.put("id", lineitemUrl(n));
      items.put(n, item);
      respond(ex, 200, "application/vnd.ims.lis.v2.lineitem+json", item.toString());
      return;
    }
    if (method.equals("DELETE")) {
      items.remove(n);
      ex.sendResponseHeaders(204, -1);
      ex.close();
      return;
    }
    respond(ex, 405, "application/json", "{}");
  }

  private void jwks(HttpExchange ex) throws IOException {
    respond(ex, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
  }

  private volatile String toolUrl;

  /** Where /course's frame starts a launch: the tool's base URL. */
  public void courseLaunchesInto(String toolBaseUrl) {
    this.toolUrl = toolBaseUrl;
  }

  /**
   * A course page, as an LMS renders one: the tool in an iframe, started by a login initiation
   * POST.
   */
  private void course(HttpExchange ex) throws IOException {
    LaunchSpec spec = next;
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Moodle-like course</title><style>"
            + "body{margin:0;font-family:sans-serif;background:#eef1f4}nav{background:#263238;color:#fff;padding:.7rem 1rem}"
            + "h2{margin:.8rem 1rem;font-size:1.05rem;color:#37474f}iframe{display:block;margin:0 1rem;width:calc(100% - 2rem);height:560px;border:1px solid #cfd8dc;background:#fff}"
            + "</style></head><body><nav>Test LMS · "
            + (spec == null ? "" : spec.contextTitle)
            + "</nav><h2>"
            + (spec == null ? "" : spec.resourceLinkTitle)
            + "</h2><iframe src=\"/start\" title=\"tool\"></iframe>"
            + (spec == null || spec.storageTarget == null ? "" : storageScript())
            + "</body></html>";
    respond(ex, 200, "text/html; charset=utf-8", html);
  }

  /** The frame's first page: auto-posts the OIDC login initiation to the tool, as Moodle does. */
  private void start(HttpExchange ex) throws IOException {
    LaunchSpec spec = next;
    String html =
        "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\""
            + toolUrl
            + "/lti/login\">"
            + hidden("iss", issuer)
            + hidden("login_hint", spec.subject)
            + hidden("target_link_uri", spec.targetLinkUri)
            + hidden("client_id", clientId)
            + hidden("lti_deployment_id", deploymentId)
            + hidden("lti_message_hint", "frame")
            + (spec.storageTarget == null ? "" : hidden("lti_storage_target", spec.storageTarget))
            + "</form></body></html>";
    respond(ex, 200, "text/html; charset=utf-8", html);
  }

  /**
   * LTI platform storage as the course page offers it: answers {@code lti.put_data} and {@code
   * lti.get_data} from the tool's origin out of a map that lives as long as the page, and lists
   * what it was asked in {@code #storage} (a test reads it there).
   */
  private String storageScript() {
    URI tool = URI.create(toolUrl);
    String toolOrigin = tool.getScheme() + "://" + tool.getRawAuthority();
    return "<ol id=\"storage\" style=\"margin:.5rem 1rem;font:12px monospace;color:#546e7a\"></ol><script>"
        + "(function(){var data={},log=document.getElementById('storage');"
        + "function note(t){var li=document.createElement('li');li.textContent=t;log.appendChild(li);}"
        + "window.addEventListener('message',function(e){if(e.origin!=='"
        + toolOrigin
        + "')return;var m=e.data||{},r={message_id:m.message_id};"
        + "if(m.subject==='lti.put_data'){data[m.key]=m.value;r.subject='lti.put_data.response';r.key=m.key;r.value=m.value;note('put '+m.key.split('_')[0]);}"
        + "else if(m.subject==='lti.get_data'){r.subject='lti.get_data.response';r.key=m.key;"
        + "if(m.key in data){r.value=data[m.key];note('get '+m.key.split('_')[0]+': found');}"
        + "else{r.error={code:'bad_request',message:'no such key'};note('get '+m.key.split('_')[0]+': missing');}}"
        + "else{return;}e.source.postMessage(r,e.origin);});})();</script>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + value + "\">";
  }

  /** OIDC authentication request (LTI Security 5.1.1.2) answered with a form_post (5.1.1.3). */
  private void auth(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI());
    LaunchSpec spec = q.get("login_hint") == null ? null : specs.get(q.get("login_hint"));
    String problem = null;
    if (!"id_token".equals(q.get("response_type"))
        || !"openid".equals(q.get("scope"))
        || !"form_post".equals(q.get("response_mode"))
        || !"none".equals(q.get("prompt"))) {
      problem = "bad authentication request parameters";
    } else if (!clientId.equals(q.get("client_id"))) {
      problem = "unknown client_id";
    } else if (q.get("nonce") == null || q.get("state") == null || q.get("redirect_uri") == null) {
      problem = "nonce, state and redirect_uri are required";
    } else if (spec == null) {
      problem = "no launch prepared";
    }
    if (problem != null) {
      respond(ex, 400, "text/plain", problem);
      return;
    }
    String idToken = sign(spec, q.get("nonce"), q.get("login_hint"));
    String html =
        "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\""
            + q.get("redirect_uri")
            + "\"><input type=\"hidden\" name=\"id_token\" value=\""
            + idToken
            + "\">"
            + "<input type=\"hidden\" name=\"state\" value=\""
            + q.get("state")
            + "\"></form></body></html>";
    respond(ex, 200, "text/html; charset=utf-8", html);
  }

  String sign(LaunchSpec spec, String nonce, String loginHint) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(spec.subject)
            .audience(clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("nonce", nonce)
            .claim("name", spec.name)
            .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", spec.messageType)
            .claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.3.0")
            .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", deploymentId)
            .claim("https://purl.imsglobal.org/spec/lti/claim/target_link_uri", spec.targetLinkUri)
            .claim(
                "https://purl.imsglobal.org/spec/lti/claim/resource_link",
                spec.deepLinkingSettings != null
                    ? null
                    : Map.of("id", spec.resourceLinkId, "title", spec.resourceLinkTitle))
            .claim(
                "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
                spec.deepLinkingSettings)
            .claim("https://purl.imsglobal.org/spec/lti/claim/roles", spec.roles)
            .claim(
                "https://purl.imsglobal.org/spec/lti/claim/context",
                Map.of(
                    "id",
                    spec.contextId,
                    "title",
                    spec.contextTitle,
                    "label",
                    spec.contextLabel,
                    "type",
                    List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")))
            .claim(
                "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
                Map.of("locale", spec.locale, "document_target", "iframe"))
            .claim(
                "https://purl.imsglobal.org/spec/lti/claim/tool_platform",
                Map.of("product_family_code", "weineng-test-platform", "version", "1"));
    if (spec.tamper != null) {
      c = spec.tamper.apply(c);
    }
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              c.build());
      jwt.sign(new RSASSASigner(spec.signWithForeignKey ? foreignKey : key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The claims of one launch. Fields are public for brevity; tests set what they need. */
  public static final class LaunchSpec {
    public String subject = "teacher-" + UUID.randomUUID().toString().substring(0, 8);
    public String name = "张老师";
    public List<String> roles =
        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
    public String contextId = "course-" + UUID.randomUUID().toString().substring(0, 8);
    public String contextTitle = "信息技术应用能力提升工程2.0 · 2026 秋";
    public String contextLabel = "ITAP-2026";
    public String resourceLinkId = "rl-1";
    public String resourceLinkTitle = "微能力学习 · Weineng";
    public String locale = "zh-CN";
    public String messageType = "LtiResourceLinkRequest";

    /** Deep linking settings; set with {@link #deepLinking} for an LtiDeepLinkingRequest. */
    public Map<String, Object> deepLinkingSettings;

    /** Makes this launch a deep linking request returning to {@code returnUrl}. */
    public LaunchSpec deepLinking(String returnUrl, boolean multiple, String data) {
      messageType = "LtiDeepLinkingRequest";
      Map<String, Object> s = new java.util.LinkedHashMap<>();
      s.put("deep_link_return_url", returnUrl);
      s.put("accept_types", List.of("ltiResourceLink"));
      s.put("accept_presentation_document_targets", List.of("iframe", "window"));
      s.put("accept_multiple", multiple);
      s.put("auto_create", true);
      if (data != null) {
        s.put("data", data);
      }
      deepLinkingSettings = s;
      return this;
    }

    public String targetLinkUri;
    public boolean signWithForeignKey;
    public UnaryOperator<JWTClaimsSet.Builder> tamper;

    /**
     * The platform's storage frame sent as {@code lti_storage_target} with the course page's login
     * initiation (the course page then answers the tool's {@code lti.put_data} and {@code
     * lti.get_data} messages), or null.
     */
    public String storageTarget;

    /** What the browser does to the state between the authorisation and the launch, if anything. */
    public UnaryOperator<String> alterState;

    public LaunchSpec(String targetLinkUri) {
      this.targetLinkUri = targetLinkUri;
    }
  }
}
