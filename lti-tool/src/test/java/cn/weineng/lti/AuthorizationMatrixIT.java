package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.lti.support.RawHttp;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of {@code openapi.yaml}, read from the file at test time (so an operation added
 * to the contract is in this matrix without anyone listing it), against every kind of caller:
 * anonymous, the admin's name with a wrong password, an LRS credential (which is no admin), and the
 * admin. Only the admin gets past authentication, and nobody gets a 5xx. The admin's calls are made
 * for reading operations only (a write with a made-up id would change nothing, but some writes act
 * without one). Then path tricks on every reading operation: a matrix parameter, a doubled slash,
 * an encoded dot segment, an encoded slash: none reaches a resource without the admin.
 *
 * <p>The LRS the same way: every resource method of its JAX-RS classes × anonymous, a wrong secret,
 * the admin (who is no LRS credential) and an LRS credential, with the same path tricks.
 *
 * <p>Each caller names its own address through the trusted proxy, so the wrong passwords here do
 * not use up another test's failed-login allowance.
 */
@Order(99)
class AuthorizationMatrixIT {

  static final WeinengServer server = WeinengServer.get();
  static final Weineng api = new Weineng(server);
  static final AtomicInteger ADDRESS = new AtomicInteger();
  static IssuedLrsCredential lrs;

  static Stream<Arguments> operations() throws Exception {
    Map<String, Object> spec;
    try (Reader r = Files.newBufferedReader(Path.of("..", "openapi", "openapi.yaml"))) {
      spec = new Yaml().load(r);
    }
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
    List<Arguments> out = new ArrayList<>();
    paths.forEach(
        (path, item) ->
            item.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> out.add(Arguments.of(m.toUpperCase(), path, bodyType(item.get(m))))));
    assertThat(out).as("operations in openapi.yaml").hasSizeGreaterThan(50);
    return out.stream();
  }

  /** The media type an operation's request body is declared in, or null when it takes none. */
  @SuppressWarnings("unchecked")
  static String bodyType(Object operation) {
    Object body = ((Map<String, Object>) operation).get("requestBody");
    if (!(body instanceof Map<?, ?> b) || !(b.get("content") instanceof Map<?, ?> content)) {
      return null;
    }
    return (String) content.keySet().iterator().next();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  void onlyTheAdminGetsPastAuthentication(String method, String template, String type)
      throws Exception {
    if (lrs == null) {
      lrs = api.credential("default", "matrix");
    }
    String path = template.replaceAll("\\{[^}]+}", "x");
    // a body of the declared type, so that the request reaches the resource it names
    String body =
        type == null
            ? null
            : type.startsWith("multipart/")
                ? "multipart/form-data; boundary=b\n--b--\r\n"
                : type + "\n" + (type.contains("json") ? "{}" : "a,b\r\n");
    String wrong = Weineng.basic(server.adminUser, "not-" + server.adminPassword);
    String lrsBasic = Weineng.basic(lrs.getKey(), lrs.getSecret());
    for (String auth : new String[] {null, wrong, lrsBasic}) {
      String answer = raw(method, path, auth, body);
      assertThat(status(answer)).as("%s %s as %s", method, path, who(auth, wrong)).isEqualTo(401);
      assertThat(answer).contains("application/problem+json");
    }
    if (method.equals("GET")) {
      String admin = raw(method, path, Weineng.basic(server.adminUser, server.adminPassword), null);
      assertThat(status(admin))
          .as("%s %s as the admin", method, path)
          .isNotIn(401, 403)
          .isLessThan(500);
      // path tricks: never past the admin check, never a 5xx
      String rest = path.substring("/api".length());
      for (String trick :
          new String[] {
            "/api;x=1" + rest,
            "//api" + rest,
            "/api/%2e/" + rest.substring(1),
            "/api%2F" + rest.substring(1),
            "/x/%2e%2e/api" + rest
          }) {
        String answer = raw(method, trick, null, null);
        assertThat(status(answer)).as("%s %s anonymously", method, trick).isIn(400, 401, 404);
      }
    }
  }

  /**
   * Every resource method of the LRS, read from its JAX-RS classes (so a method added to one of
   * them is in this matrix without anyone listing it).
   */
  static Stream<Arguments> xapiResources() {
    List<Arguments> out = new ArrayList<>();
    List<Class<? extends java.lang.annotation.Annotation>> verbs =
        List.of(
            jakarta.ws.rs.GET.class,
            jakarta.ws.rs.PUT.class,
            jakarta.ws.rs.POST.class,
            jakarta.ws.rs.DELETE.class);
    for (Class<?> resource :
        List.of(
            cn.weineng.xapi.interfaces.rest.StatementsResource.class,
            cn.weineng.xapi.interfaces.rest.DocumentsResource.class,
            cn.weineng.xapi.interfaces.rest.ActivitiesAgentsResource.class,
            cn.weineng.xapi.interfaces.rest.AboutResource.class)) {
      String base = "/" + resource.getAnnotation(jakarta.ws.rs.Path.class).value();
      for (java.lang.reflect.Method m : resource.getMethods()) {
        for (Class<? extends java.lang.annotation.Annotation> verb : verbs) {
          if (m.isAnnotationPresent(verb)) {
            jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
            out.add(
                Arguments.of(verb.getSimpleName(), base + (sub == null ? "" : "/" + sub.value())));
          }
        }
      }
    }
    assertThat(out).as("resource methods of the LRS").hasSizeGreaterThanOrEqualTo(16);
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("xapiResources")
  void onlyAnLrsCredentialGetsPastTheLrsAuthentication(String method, String path)
      throws Exception {
    if (lrs == null) {
      lrs = api.credential("default", "matrix");
    }
    boolean open = path.equals("/xapi/about");
    String body = method.equals("PUT") || method.equals("POST") ? "application/json\n{}" : null;
    String wrongSecret = Weineng.basic(lrs.getKey(), "not-" + lrs.getSecret());
    String admin = Weineng.basic(server.adminUser, server.adminPassword);
    String lrsBasic = Weineng.basic(lrs.getKey(), lrs.getSecret());
    for (String auth : new String[] {null, wrongSecret, admin}) {
      String answer = raw(method, path, auth, body, true);
      String who = auth == null ? "anonymous" : auth.equals(admin) ? "the admin" : "a wrong secret";
      if (open) {
        assertThat(status(answer)).as("%s %s as %s", method, path, who).isEqualTo(200);
      } else {
        assertThat(status(answer)).as("%s %s as %s", method, path, who).isEqualTo(401);
        assertThat(answer).contains("application/problem+json");
      }
    }
    String answer = raw(method, path, lrsBasic, body, true);
    assertThat(status(answer))
        .as("%s %s with an LRS credential", method, path)
        .isNotIn(401, 403)
        .isLessThan(500);
    // path tricks: never past the credential check, never a 5xx
    String rest = path.substring("/xapi".length());
    for (String trick :
        new String[] {
          "/xapi;x=1" + rest,
          "//xapi" + rest,
          "/xapi/%2e/" + rest.substring(1),
          "/xapi%2F" + rest.substring(1),
          "/x/%2e%2e/xapi" + rest
        }) {
      String tricked = raw(method, trick, null, body, true);
      if (open) {
        assertThat(status(tricked)).as("%s %s anonymously", method, trick).isLessThan(500);
      } else {
        assertThat(status(tricked)).as("%s %s anonymously", method, trick).isIn(400, 401, 404);
      }
    }
  }

  private static String who(String auth, String wrong) {
    return auth == null
        ? "anonymous"
        : auth.equals(wrong) ? "a wrong password" : "an LRS credential";
  }

  private static int status(String answer) {
    return RawHttp.status(answer);
  }

  /** A request written byte for byte (so that odd paths go out as they are), its answer as text. */
  private static String raw(String method, String target, String auth, String body)
      throws Exception {
    return raw(method, target, auth, body, false);
  }

  private static String raw(String method, String target, String auth, String body, boolean xapi)
      throws Exception {
    int n = ADDRESS.incrementAndGet();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (xapi) {
      headers.put("X-Experience-API-Version", "1.0.3");
    }
    headers.put("X-Forwarded-For", "198.18." + (n / 250 % 250) + "." + (1 + n % 250));
    if (auth != null) {
      headers.put("Authorization", auth);
    }
    byte[] b = new byte[0];
    if (body != null) {
      // body is "<media type>\n<content>"
      int nl = body.indexOf('\n');
      headers.put("Content-Type", body.substring(0, nl));
      b = body.substring(nl + 1).getBytes(StandardCharsets.UTF_8);
    }
    return RawHttp.send(server.baseUrl, method, target, headers, b);
  }
}
