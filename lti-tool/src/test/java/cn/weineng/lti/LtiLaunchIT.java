package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.TestPlatform.LaunchSpec;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * LTI 1.3 launch validation, one test per protocol step. Every refused launch must say which check
 * failed and leave nothing behind: no statement in the LRS and no course.
 */
@Order(2)
class LtiLaunchIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static WeinengServer server;
  static Weineng api;
  static TestPlatform lms;
  static LtiBrowser browser;
  static IssuedLrsCredential reader;

  @BeforeAll
  static void start() throws Exception {
    server = WeinengServer.get();
    api = new Weineng(server);
    lms = new TestPlatform();
    api.register(lms, "default");
    browser = new LtiBrowser(server.baseUrl, lms);
    reader = api.credential("default", "launch test reader");
  }

  @AfterAll
  static void stop() {
    lms.close();
  }

  private static LaunchSpec spec() {
    return new LaunchSpec(server.baseUrl + "/lti/launch");
  }

  @Test
  void acceptsAValidLaunchWithThirdPartyCookiesBlocked() {
    LaunchSpec spec = spec();
    LtiBrowser.Result r = browser.launch(spec);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains(spec.name).contains(spec.contextTitle).contains("参训教师");
    assertThat(launchedStatements(spec)).isEqualTo(1);
    // framable by the platform only: CSP frame-ancestors names it, and no blanket X-Frame-Options
    // forbids it
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'self' " + lms.issuer));
    assertThat(r.headers().firstValue("X-Frame-Options")).isEmpty();
    assertThat(api.get("/api/platforms").headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void refusesATokenSignedWithAnotherKeyUnderTheSameKid() {
    LaunchSpec spec = spec();
    spec.signWithForeignKey = true;
    assertRefused(spec, browser.launch(spec), 401, "bad-signature");
  }

  @Test
  void refusesAReplayedLaunch() {
    LaunchSpec spec = spec();
    LtiBrowser.Result ok = browser.launch(spec);
    assertThat(ok.status()).isEqualTo(200);
    HttpResponse<String> replay = browser.postLaunch(ok.idToken(), ok.state());
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("<code id=\"check\">unknown-state</code>");
    assertThat(launchedStatements(spec)).as("the replay recorded nothing").isEqualTo(1);
  }

  @Test
  void refusesAStateThisToolDidNotSign() {
    LaunchSpec spec = spec();
    // one character of the signed state changed on the way (the platform echoes it unchanged)
    spec.alterState =
        state -> {
          char c = state.charAt(20);
          return state.substring(0, 20) + (c == 'A' ? 'B' : 'A') + state.substring(21);
        };
    assertRefused(spec, browser.launch(spec), 401, "unknown-state");
    // a state cut short, and one that is no base64 at all
    LaunchSpec cut = spec();
    cut.alterState = state -> state.substring(0, state.length() - 4);
    assertRefused(cut, browser.launch(cut), 401, "unknown-state");
    LaunchSpec junk = spec();
    junk.alterState = state -> "%%" + state;
    assertRefused(junk, browser.launch(junk), 401, "unknown-state");
  }

  @Test
  void refusesAReplayedNonceUnderAFreshState() {
    LaunchSpec spec = spec();
    LtiBrowser.Result ok = browser.launch(spec);
    assertThat(ok.status()).isEqualTo(200);
    // an attacker starts a new login to get a fresh state, then posts the old token (old nonce)
    // with it
    HttpResponse<String> login =
        browser.post(
            server.baseUrl + "/lti/login",
            Map.of(
                "iss",
                lms.issuer,
                "login_hint",
                spec.subject,
                "target_link_uri",
                spec.targetLinkUri,
                "client_id",
                lms.clientId));
    String freshState = param(login.headers().firstValue("Location").orElseThrow(), "state");
    HttpResponse<String> replay = browser.postLaunch(ok.idToken(), freshState);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("<code id=\"check\">bad-nonce</code>");
    assertThat(launchedStatements(spec)).isEqualTo(1);
  }

  @Test
  void refusesAWrongAudience() {
    LaunchSpec spec = spec();
    spec.tamper = c -> c.audience("some-other-tool");
    assertRefused(spec, browser.launch(spec), 401, "bad-audience");
  }

  @Test
  void refusesSeveralAudiencesWithoutAzp() {
    LaunchSpec spec = spec();
    spec.tamper = c -> c.audience(List.of(lms.clientId, "another-tool"));
    assertRefused(spec, browser.launch(spec), 401, "bad-azp");
  }

  @Test
  void acceptsSeveralAudiencesWithOurAzp() {
    LaunchSpec spec = spec();
    spec.tamper = c -> c.audience(List.of(lms.clientId, "another-tool")).claim("azp", lms.clientId);
    assertThat(browser.launch(spec).status()).isEqualTo(200);
  }

  @Test
  void refusesAnExpiredToken() {
    LaunchSpec spec = spec();
    spec.tamper =
        c ->
            c.issueTime(new Date(System.currentTimeMillis() - 600_000))
                .expirationTime(new Date(System.currentTimeMillis() - 300_000));
    assertRefused(spec, browser.launch(spec), 401, "expired");
  }

  @Test
  void refusesATokenIssuedInTheFuture() {
    LaunchSpec spec = spec();
    spec.tamper =
        c ->
            c.issueTime(new Date(System.currentTimeMillis() + 600_000))
                .expirationTime(new Date(System.currentTimeMillis() + 900_000));
    assertRefused(spec, browser.launch(spec), 401, "bad-iat");
  }

  @Test
  void refusesALaunchForAnotherTargetThanTheLoginWasFor() {
    LaunchSpec spec = spec();
    spec.tamper =
        c ->
            c.claim(
                "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
                server.baseUrl + "/lti/launch?other=1");
    assertRefused(spec, browser.launch(spec), 400, "target-link-uri-mismatch");
  }

  @Test
  void aWholeClassOpeningANewCourseAtOnceGetsOneCourse() throws Exception {
    String context = "course-rush-" + UUID.randomUUID();
    List<LaunchSpec> specs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      LaunchSpec s = spec();
      s.contextId = context;
      specs.add(s);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LtiBrowser.Result>> results = new ArrayList<>();
      for (LaunchSpec s : specs) {
        results.add(pool.submit(() -> browser.launch(s)));
      }
      for (Future<LtiBrowser.Result> f : results) {
        assertThat(f.get().status()).as(f.get().body()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    List<cn.weineng.api.client.model.Course> courses = api.progress.listCourses(null, context);
    assertThat(courses).hasSize(1);
    assertThat(courses.get(0).getLearnerCount()).isEqualTo(8);
  }

  @Test
  void refusesAnUnknownDeployment() {
    LaunchSpec spec = spec();
    spec.tamper =
        c -> c.claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "not-registered");
    assertRefused(spec, browser.launch(spec), 401, "unknown-deployment");
  }

  @Test
  void refusesAnotherLtiVersion() {
    LaunchSpec spec = spec();
    spec.tamper = c -> c.claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.1");
    assertRefused(spec, browser.launch(spec), 400, "bad-version");
  }

  @Test
  void refusesAnUnknownMessageType() {
    LaunchSpec spec = spec();
    spec.tamper =
        c -> c.claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiSomethingElse");
    assertRefused(spec, browser.launch(spec), 400, "bad-message-type");
  }

  @Test
  void refusesALaunchWithoutResourceLink() {
    LaunchSpec spec = spec();
    spec.tamper = c -> c.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", null);
    assertRefused(spec, browser.launch(spec), 400, "missing-resource-link");
  }

  @Test
  void refusesAStateCookieFromAnotherLogin() throws Exception {
    LaunchSpec spec = spec();
    lms.prepare(spec);
    HttpResponse<String> login = login(spec, null);
    assertThat(login.headers().allValues("Set-Cookie"))
        .anyMatch(
            c ->
                c.startsWith("weineng_lti_state=")
                    && c.contains("SameSite=None")
                    && c.contains("Secure")
                    && c.contains("HttpOnly")
                    && c.contains("Partitioned"));
    HttpResponse<String> r = launchWithCookie(login, "someone-elses-state");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("state-mismatch");
    assertThat(launchedStatements(spec)).isZero();
  }

  @Test
  void oneBrowserCanHaveTwoLaunchesInFlight() throws Exception {
    // a course page that frames two Weineng activities starts two logins before either launch lands
    LaunchSpec first = spec();
    LaunchSpec second = spec();
    lms.prepare(first);
    lms.prepare(second);
    HttpResponse<String> login1 = login(first, null);
    String cookie1 = stateCookie(login1);
    HttpResponse<String> login2 = login(second, cookie1);
    String cookie2 = stateCookie(login2);
    assertThat(cookie2.split("\\.")).hasSize(2);

    HttpResponse<String> launch1 = launchWithCookie(login1, cookie2);
    assertThat(launch1.statusCode()).as(launch1.body()).isEqualTo(200);
    String cookieAfter = stateCookie(launch1);
    assertThat(cookieAfter)
        .isEqualTo(param(login2.headers().firstValue("Location").orElseThrow(), "state"));
    HttpResponse<String> launch2 = launchWithCookie(login2, cookieAfter);
    assertThat(launch2.statusCode()).as(launch2.body()).isEqualTo(200);
  }

  @Test
  void usesThePlatformsStorageWhenItOffersOne() throws Exception {
    LaunchSpec spec = spec();
    lms.prepare(spec);
    // the platform offers its storage (lti_storage_target): the answer is a page that puts the
    // state and nonce there before it goes on to the platform's authorisation
    HttpResponse<String> login =
        browser.post(
            server.baseUrl + "/lti/login",
            Map.of(
                "iss", lms.issuer,
                "login_hint", spec.subject,
                "target_link_uri", spec.targetLinkUri,
                "client_id", lms.clientId,
                "lti_storage_target", "_parent"));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String page = login.body();
    String state = attr(page, "data-state");
    String next = attr(page, "data-next");
    assertThat(next).startsWith(lms.authUrl()).contains("state=" + state);
    assertThat(attr(page, "data-origin")).isEqualTo(origin(lms.issuer));
    assertThat(attr(page, "data-target")).isEqualTo("_parent");
    assertThat(page).contains("lti.put_data").contains("nonce_");
    assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'sha256-")
        .doesNotContain("unsafe-inline");
    // the state cookie is still set, for browsers that keep it
    assertThat(login.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("weineng_lti_state="));

    // the platform's authorisation answers; no cookie comes back with the launch, so the page
    // asks the platform's storage for the state before anything is recorded
    String form = browser.get(next).body();
    String idToken = form.replaceAll("(?s).*name=\"id_token\" value=\"([^\"]*)\".*", "$1");
    HttpResponse<String> check = browser.postLaunch(idToken, state);
    assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
    assertThat(check.body())
        .contains("lti.get_data")
        .contains("name=\"lti_storage\" value=\"checked\"")
        .contains("state-not-in-platform-storage");
    assertThat(launchedStatements(spec)).as("nothing recorded before the check").isZero();

    // the browser found the state in the platform's storage and posts the launch again
    HttpResponse<String> launched =
        browser.post(
            server.baseUrl + "/lti/launch",
            Map.of("id_token", idToken, "state", state, "lti_storage", "checked"));
    assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
    assertThat(launched.body()).contains(spec.name).contains("id=\"new-window\"");
    assertThat(launchedStatements(spec)).isEqualTo(1);
    // and only once
    HttpResponse<String> again =
        browser.post(
            server.baseUrl + "/lti/launch",
            Map.of("id_token", idToken, "state", state, "lti_storage", "checked"));
    assertThat(again.statusCode()).isEqualTo(401);

    // when the platform does not answer, the page starts the same login without platform storage
    String fallback = attr(page, "data-fallback");
    assertThat(fallback).startsWith(server.baseUrl + "/lti/login?").doesNotContain("lti_storage");
    HttpResponse<String> plain = browser.get(fallback);
    assertThat(plain.statusCode()).isEqualTo(302);
    assertThat(plain.headers().firstValue("Location").orElseThrow()).startsWith(lms.authUrl());
  }

  @Test
  void loginInitiationsAreLimitedPerRegistration() throws Exception {
    // this server allows 120 login initiations per registration (issuer and client id) a minute
    try (cn.weineng.lti.support.TestPlatform busy = new cn.weineng.lti.support.TestPlatform()) {
      new cn.weineng.lti.support.Weineng(server).register(busy, "default");
      Map<String, String> login =
          Map.of(
              "iss",
              busy.issuer,
              "login_hint",
              "t",
              "target_link_uri",
              server.baseUrl + "/lti/launch",
              "client_id",
              busy.clientId);
      // the limit counts in fixed windows of a minute: start early enough in one to stay in it
      long second = java.time.Instant.now().getEpochSecond() % 60;
      if (second > 40) {
        Thread.sleep((61 - second) * 1000);
      }
      int accepted = 0;
      HttpResponse<String> r = null;
      for (int i = 0; i < 130; i++) {
        r = browser.post(server.baseUrl + "/lti/login", login);
        if (r.statusCode() != 302) {
          break;
        }
        accepted++;
      }
      assertThat(accepted).isEqualTo(120);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(r.body()).contains("too-many-logins");
      // another registration's logins go on
      LtiBrowser.Result other = browser.launch(spec());
      assertThat(other.status()).isEqualTo(200);
    }
  }

  @Test
  void thePageOpensInAWindowOfItsOwn() {
    LaunchSpec spec = spec();
    LtiBrowser.Result r = browser.launch(spec);
    assertThat(r.status()).isEqualTo(200);
    String token = r.body().replaceAll("(?s).*name=\"s\" value=\"([^\"]*)\".*", "$1");
    assertThat(r.body()).contains("target=\"_blank\"").contains("/lti/ui/page\"");
    HttpResponse<String> own = browser.post(server.baseUrl + "/lti/ui/page", Map.of("s", token));
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains(spec.name).contains(spec.contextTitle);
    HttpResponse<String> forged =
        browser.post(server.baseUrl + "/lti/ui/page", Map.of("s", token.replace('.', 'x')));
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  private static String attr(String html, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("%s in %s", name, html).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  private HttpResponse<String> login(LaunchSpec spec, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "iss="
                        + URLEncoder.encode(lms.issuer, StandardCharsets.UTF_8)
                        + "&login_hint="
                        + spec.subject
                        + "&client_id="
                        + lms.clientId
                        + "&target_link_uri="
                        + URLEncoder.encode(spec.targetLinkUri, StandardCharsets.UTF_8)));
    if (cookie != null) {
      b.header("Cookie", "weineng_lti_state=" + cookie);
    }
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    return r;
  }

  private HttpResponse<String> launchWithCookie(HttpResponse<String> login, String cookie)
      throws Exception {
    String auth = login.headers().firstValue("Location").orElseThrow();
    String form = browser.get(auth).body();
    String idToken = form.replaceAll("(?s).*name=\"id_token\" value=\"([^\"]*)\".*", "$1");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "weineng_lti_state=" + cookie)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "id_token="
                            + idToken
                            + "&state="
                            + URLEncoder.encode(param(auth, "state"), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String stateCookie(HttpResponse<String> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("weineng_lti_state="))
        .map(c -> c.substring("weineng_lti_state=".length(), c.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void refusesLoginFromAnUnregisteredPlatform() {
    HttpResponse<String> r =
        browser.post(
            server.baseUrl + "/lti/login",
            Map.of(
                "iss",
                "https://unknown-lms.example.cn",
                "login_hint",
                "x",
                "target_link_uri",
                server.baseUrl + "/lti/launch",
                "client_id",
                "nope"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown-platform");
  }

  @Test
  void refusesLoginThatWouldRedirectToAnotherSite() {
    HttpResponse<String> r =
        browser.post(
            server.baseUrl + "/lti/login",
            Map.of(
                "iss",
                lms.issuer,
                "login_hint",
                "x",
                "target_link_uri",
                "https://evil.example.com/phish",
                "client_id",
                lms.clientId));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("foreign-target");
  }

  @Test
  void answersInProblemJsonWhenAskedForJson() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/launch"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("id_token=x&state=y"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(JSON.readTree(r.body()).get("type").asText()).endsWith("lti-unknown-state");
  }

  @Test
  void publishesTheToolsPublicKeysOnly() throws Exception {
    JsonNode jwks = JSON.readTree(api.get("/lti/jwks").body());
    assertThat(jwks.get("keys")).isNotEmpty();
    JsonNode k = jwks.get("keys").get(0);
    assertThat(k.get("kty").asText()).isEqualTo("RSA");
    assertThat(k.get("kid").asText()).isNotBlank();
    assertThat(k.get("alg").asText()).isEqualTo("RS256");
    assertThat(k.has("d")).as("no private exponent").isFalse();
    assertThat(k.has("p")).isFalse();
  }

  private void assertRefused(LaunchSpec spec, LtiBrowser.Result r, int status, String check) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains("<code id=\"check\">" + check + "</code>");
    assertThat(r.body()).doesNotContain(r.idToken());
    assertThat(launchedStatements(spec)).as("a refused launch records nothing").isZero();
    try {
      assertThat(api.progress.listCourses(null, spec.contextId))
          .as("a refused launch creates no course")
          .isEmpty();
    } catch (cn.weineng.api.client.invoker.ApiException e) {
      throw new AssertionError(e);
    }
  }

  private int launchedStatements(LaunchSpec spec) {
    String agent =
        URLEncoder.encode(
            "{\"account\":{\"homePage\":\"" + lms.issuer + "\",\"name\":\"" + spec.subject + "\"}}",
            StandardCharsets.UTF_8);
    HttpResponse<String> r = api.xapi("GET", "statements?agent=" + agent, reader, "1.0.3", null);
    assertThat(r.statusCode()).isEqualTo(200);
    try {
      return JSON.readTree(r.body()).get("statements").size();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String param(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + url);
  }
}
