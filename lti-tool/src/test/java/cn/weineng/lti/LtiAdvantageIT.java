package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.Platform;
import cn.weineng.api.client.model.Store;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LTI Advantage against the test platform, end to end over HTTP: Dynamic Registration from an
 * admin's invitation (the platform's configuration read with its registration token, Weineng
 * registered with the messages and scopes it needs, the platform stored with the client and
 * deployment ids it gave, the LMS's window told to close), refusals, and a launch through the
 * platform so registered.
 */
class LtiAdvantageIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static WeinengServer server;
  static Weineng api;

  @BeforeAll
  static void setUp() {
    server = WeinengServer.get();
    api = new Weineng(server);
  }

  static String invite(String store, String policy) throws Exception {
    HttpResponse<String> r =
        api.admin(
            "POST",
            "/api/platforms/registration-invitations",
            "application/json",
            "{\"storeId\":\""
                + store
                + "\",\"policyId\":\""
                + policy
                + "\",\"name\":\"北海 Moodle\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode i = JSON.readTree(r.body());
    assertThat(i.get("registrationUrl").asText())
        .startsWith(server.baseUrl + "/lti/register?invite=");
    return i.get("registrationUrl").asText();
  }

  /** What the LMS does with the pasted URL: opens it with its configuration URL and token. */
  static HttpResponse<String> open(String url, TestPlatform lms, String token) {
    String full =
        url
            + "&openid_configuration="
            + URLEncoder.encode(lms.openidConfigurationUrl(), StandardCharsets.UTF_8)
            + "&registration_token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8);
    return api.get(full.substring(server.baseUrl.length()));
  }

  @Test
  void aPastedUrlRegistersThePlatformAndItsLaunchesWork() throws Exception {
    String store = "dr-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(store).name("北海市教师发展中心"));
    String url = invite(store, "cn-gx-beihai-2020");
    try (TestPlatform lms = new TestPlatform()) {
      HttpResponse<String> page = open(url, lms, lms.registrationToken);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      assertThat(page.body()).contains("已注册").contains("org.imsglobal.lti.close");
      // the page's script is the only one allowed to run, by its hash
      String script =
          page.body()
              .substring(page.body().indexOf("<script>") + 8, page.body().indexOf("</script>"));
      String hash =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(script.getBytes(StandardCharsets.UTF_8)));
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("script-src 'sha256-" + hash + "'")
          .contains("frame-ancestors 'self' " + lms.issuer);

      // what Weineng asked the platform for
      JsonNode asked = lms.lastRegistration;
      assertThat(lms.lastRegistrationAuthorization).isEqualTo("Bearer " + lms.registrationToken);
      assertThat(asked.get("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
      assertThat(asked.get("jwks_uri").asText()).isEqualTo(server.baseUrl + "/lti/jwks");
      assertThat(asked.get("initiate_login_uri").asText()).isEqualTo(server.baseUrl + "/lti/login");
      assertThat(asked.get("redirect_uris").get(0).asText())
          .isEqualTo(server.baseUrl + "/lti/launch");
      assertThat(asked.get("grant_types").toString())
          .contains("implicit")
          .contains("client_credentials");
      assertThat(asked.get("scope").asText())
          .contains("https://purl.imsglobal.org/spec/lti-ags/scope/score")
          .contains("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")
          .contains("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
      JsonNode tool = asked.get("https://purl.imsglobal.org/spec/lti-tool-configuration");
      assertThat(tool.get("messages").findValuesAsText("type"))
          .contains("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
      assertThat(tool.get("claims").toString()).contains("sub").doesNotContain("email");
      assertThat(tool.get("custom_parameters").get("context_history").asText())
          .isEqualTo("$Context.id.history");

      // the platform is stored with the ids it gave, in the invitation's store and policy
      Platform p =
          api.platforms.listPlatforms().stream()
              .filter(x -> x.getIssuer().equals(lms.issuer))
              .findFirst()
              .orElseThrow();
      assertThat(p.getClientId()).isEqualTo(lms.clientId);
      assertThat(p.getDeploymentIds()).containsExactly(lms.deploymentId);
      assertThat(p.getStoreId()).isEqualTo(store);
      assertThat(p.getPolicyId()).isEqualTo("cn-gx-beihai-2020");
      assertThat(p.getName()).isEqualTo("北海 Moodle");

      // the URL is used up
      HttpResponse<String> again = open(url, lms, lms.registrationToken);
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.body()).contains("already used").doesNotContain("<script>");
      assertThat(lms.registrations.get()).isEqualTo(1);

      // and a teacher launches through the platform so registered
      TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      LtiBrowser.Result launch = new LtiBrowser(server.baseUrl, lms).launch(spec);
      assertThat(launch.status()).as(launch.body()).isEqualTo(200);
      assertThat(launch.body()).contains("北海市能力提升工程2.0");
    }
  }

  @Test
  void aRegistrationThatCannotBeDoneSaysWhyAndStoresNothing() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      // the LMS's token is not the one it checks: its configuration is refused
      HttpResponse<String> wrong =
          open(invite("default", "cn-national-2019"), lms, "not-the-token");
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).contains("answered 401").doesNotContain("<script>");
      // no invitation, or a made-up one
      HttpResponse<String> none =
          api.get(
              "/lti/register?openid_configuration="
                  + URLEncoder.encode(lms.openidConfigurationUrl(), StandardCharsets.UTF_8)
                  + "&registration_token="
                  + lms.registrationToken);
      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(none.body()).contains("no invitation");
      HttpResponse<String> madeUp =
          open(
              server.baseUrl + "/lti/register?invite=x" + UUID.randomUUID(),
              lms,
              lms.registrationToken);
      assertThat(madeUp.statusCode()).isEqualTo(400);
      assertThat(madeUp.body()).contains("already used or has expired");
      // an invitation for a store that does not exist is refused at once
      HttpResponse<String> badStore =
          api.admin(
              "POST",
              "/api/platforms/registration-invitations",
              "application/json",
              "{\"storeId\":\"nowhere\"}");
      assertThat(badStore.statusCode()).isEqualTo(400);
      assertThat(badStore.body()).contains("storeId");
      assertThat(lms.registrations.get()).isZero();
      assertThat(api.platforms.listPlatforms()).noneMatch(p -> p.getIssuer().equals(lms.issuer));
      // opened by itself, the URL says what it is for
      assertThat(api.get("/lti/register").body()).contains("registration URL");
    }
  }

  @Test
  void aCourseCreatorPlacesMicroAbilityTasksWithDeepLinking() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      TestPlatform.LaunchSpec spec =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/dl-return", true, "opaque-123");
      spec.roles =
          java.util.List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
      LtiBrowser.Result picker = new LtiBrowser(server.baseUrl, lms).launch(spec);
      assertThat(picker.status()).as(picker.body()).isEqualTo(200);
      assertThat(picker.body())
          .contains("id=\"picker\"")
          .contains("向本课程添加微能力任务")
          .contains("type=\"checkbox\" name=\"task\" value=\"national-30|A1|plan\"");
      String token = MicroAbilitiesIT.between(picker.body(), "name=\"s\" value=\"", "\"");

      // a task that does not exist is refused on the page
      HttpResponse<String> unknown =
          form("s=" + enc(token) + "&task=" + enc("national-30|Z9|plan") + "&hours=2");
      assertThat(unknown.statusCode()).isEqualTo(422);
      assertThat(unknown.body()).contains("no task national-30|Z9|plan");

      HttpResponse<String> back =
          form(
              "s="
                  + enc(token)
                  + "&task="
                  + enc("national-30|A1|plan")
                  + "&task="
                  + enc("national-30|B3|activity")
                  + "&hours=2.5");
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      assertThat(back.body())
          .contains("action=\"" + lms.issuer + "/dl-return\"")
          .contains("name=\"JWT\"");
      assertThat(back.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("form-action " + lms.issuer);

      // the platform verifies the response with the tool's public keys
      String jwt = MicroAbilitiesIT.between(back.body(), "name=\"JWT\" value=\"", "\"");
      com.nimbusds.jwt.SignedJWT signed = com.nimbusds.jwt.SignedJWT.parse(jwt);
      com.nimbusds.jose.jwk.JWKSet keys =
          com.nimbusds.jose.jwk.JWKSet.parse(api.get("/lti/jwks").body());
      com.nimbusds.jose.jwk.RSAKey key =
          (com.nimbusds.jose.jwk.RSAKey) keys.getKeyByKeyId(signed.getHeader().getKeyID());
      assertThat(signed.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
      com.nimbusds.jwt.JWTClaimsSet c = signed.getJWTClaimsSet();
      assertThat(c.getIssuer()).isEqualTo(lms.clientId);
      assertThat(c.getAudience()).containsExactly(lms.issuer);
      assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type"))
          .isEqualTo("LtiDeepLinkingResponse");
      assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id"))
          .isEqualTo(lms.deploymentId);
      assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data"))
          .isEqualTo("opaque-123");
      assertThat(c.getExpirationTime()).isAfter(new java.util.Date());
      JsonNode items =
          JSON.valueToTree(
              c.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items"));
      assertThat(items).hasSize(2);
      JsonNode first = items.get(0);
      assertThat(first.get("type").asText()).isEqualTo("ltiResourceLink");
      assertThat(first.get("url").asText()).isEqualTo(server.baseUrl + "/lti/launch");
      assertThat(first.get("custom").get("weineng_point").asText()).isEqualTo("A1");
      assertThat(first.get("custom").get("weineng_task").asText()).isEqualTo("plan");
      assertThat(first.get("custom").get("weineng_hours").asText()).isEqualTo("2.5");
      assertThat(first.get("lineItem").get("scoreMaximum").asInt()).isEqualTo(100);
      assertThat(first.get("lineItem").get("resourceId").asText()).isEqualTo("national-30/A1/plan");

      // the placed activity, launched by a teacher, opens its task
      TestPlatform.LaunchSpec task = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      task.tamper =
          b ->
              b.claim(
                  "https://purl.imsglobal.org/spec/lti/claim/custom",
                  java.util.Map.of(
                      "weineng_framework",
                      "national-30",
                      "weineng_point",
                      "A1",
                      "weineng_task",
                      "plan"));
      LtiBrowser.Result opened = new LtiBrowser(server.baseUrl, lms).launch(task);
      assertThat(opened.status()).as(opened.body()).isEqualTo(200);
      assertThat(opened.body()).contains("id=\"task\"").contains("本活动是能力点A1的任务");
    }
  }

  @Test
  void deepLinkingRequestsThePlatformCannotTakeAreRefused() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      // a learner does not choose content for the course
      TestPlatform.LaunchSpec learner =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", true, null);
      LtiBrowser.Result refusedLearner = new LtiBrowser(server.baseUrl, lms).launch(learner);
      assertThat(refusedLearner.status()).isEqualTo(403);
      assertThat(refusedLearner.body()).contains("may-not-place-content");
      java.util.List<String> instructor =
          java.util.List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
      // one item only: two are refused on the page
      TestPlatform.LaunchSpec one =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", false, null);
      one.roles = instructor;
      LtiBrowser.Result picker = new LtiBrowser(server.baseUrl, lms).launch(one);
      assertThat(picker.body()).contains("type=\"radio\" name=\"task\"");
      String token = MicroAbilitiesIT.between(picker.body(), "name=\"s\" value=\"", "\"");
      HttpResponse<String> two =
          form(
              "s="
                  + enc(token)
                  + "&task="
                  + enc("national-30|A1|plan")
                  + "&task="
                  + enc("national-30|A3|deck"));
      assertThat(two.statusCode()).isEqualTo(422);
      assertThat(two.body()).contains("choose one task");
      // a platform that takes no LTI resource links
      TestPlatform.LaunchSpec files =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", true, null);
      files.deepLinkingSettings.put("accept_types", java.util.List.of("file", "html"));
      files.roles = instructor;
      LtiBrowser.Result refused = new LtiBrowser(server.baseUrl, lms).launch(files);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("no-accepted-type");
      // no return URL
      TestPlatform.LaunchSpec lost =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", true, null);
      lost.deepLinkingSettings.remove("deep_link_return_url");
      lost.roles = instructor;
      assertThat(new LtiBrowser(server.baseUrl, lms).launch(lost).body())
          .contains("missing-deep-link-return-url");
    }
  }

  static HttpResponse<String> form(String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(server.baseUrl + "/lti/ui/deeplink"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theCourseRosterComesFromTheLmsAndLeaversAreMarked() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      lms.toolJwksUrl = server.baseUrl + "/lti/jwks";
      String learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
      for (String[] m :
          new String[][] {
            {"s-1", "王芳"}, {"s-2", "李强"}, {"s-3", "赵磊"}, {"s-4", "周敏"}, {"s-5", "孙伟"}
          }) {
        lms.members.add(
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "user_id",
                    m[0],
                    "name",
                    m[1],
                    "status",
                    "Active",
                    "roles",
                    java.util.List.of(learner))));
      }
      // a teacher's launch tells Weineng where the course's roster is
      TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      spec.subject = "s-1";
      spec.name = "王芳";
      spec.tamper =
          b ->
              b.claim(
                  "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
                  java.util.Map.of(
                      "context_memberships_url",
                      lms.membershipsUrl(),
                      "service_versions",
                      java.util.List.of("2.0")));
      assertThat(new LtiBrowser(server.baseUrl, lms).launch(spec).status()).isEqualTo(200);
      String course = api.progress.listCourses(null, spec.contextId).get(0).getId();

      HttpResponse<String> first =
          api.admin("POST", "/api/courses/" + course + "/roster/sync", "application/json", null);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      JsonNode r = JSON.readTree(first.body());
      assertThat(r.get("members").asInt()).isEqualTo(5);
      assertThat(r.get("pages").asInt()).isEqualTo(3);
      assertThat(r.get("added").asInt()).isEqualTo(4); // s-1 was enrolled by the launch
      assertThat(api.progress.listCourseLearners(course, null, "zh-CN"))
          .extracting(l -> l.getName())
          .contains("王芳", "李强", "赵磊", "周敏", "孙伟");

      // 孙伟 leaves the course, 周敏 is suspended: marked, not deleted; an rlid narrows the request
      lms.members.removeIf(m -> m.get("user_id").equals("s-5"));
      lms.members.stream()
          .filter(m -> m.get("user_id").equals("s-4"))
          .forEach(m -> m.put("status", "Inactive"));
      JsonNode second =
          JSON.readTree(
              api.admin(
                      "POST",
                      "/api/courses/" + course + "/roster/sync?rlid=rl-1",
                      "application/json",
                      null)
                  .body());
      assertThat(second.get("left").asInt()).isEqualTo(1);
      assertThat(second.get("added").asInt()).isZero();
      assertThat(lms.lastRlid).isEqualTo("rl-1");
      java.util.Map<String, String> status = new java.util.HashMap<>();
      api.progress
          .listCourseLearners(course, null, "zh-CN")
          .forEach(l -> status.put(l.getName(), l.getEnrolment().getValue()));
      assertThat(status)
          .containsEntry("孙伟", "left")
          .containsEntry("周敏", "inactive")
          .containsEntry("王芳", "active");
      // the roster's accounts are the launches' accounts: 孙伟's later launch finds the same learner
      String sun = api.learners.findLearners("default", lms.issuer, "s-5", null).get(0).getName();
      assertThat(sun).isEqualTo("孙伟");
      assertThat(lms.tokensIssued.get()).isEqualTo(1);
    }
  }

  @Test
  void aCourseWithoutTheRosterServiceSaysHowToTurnItOn() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      new LtiBrowser(server.baseUrl, lms).launch(spec);
      String course = api.progress.listCourses(null, spec.contextId).get(0).getId();
      HttpResponse<String> r =
          api.admin("POST", "/api/courses/" + course + "/roster/sync", "application/json", null);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.body()).contains("Names and Role Provisioning");
    }
  }

  @Test
  void theToolsKeyRotatesWithAnOverlapWindow() throws Exception {
    java.util.Set<String> before = kids();
    // a page opened before the rotation, and a login started before it and finished after it:
    // both were signed with the earlier key, which stays trusted for the overlap
    String earlierPage;
    HttpResponse<String>[] rotated = new HttpResponse[1];
    LtiBrowser.Result acrossRotation;
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      TestPlatform.LaunchSpec first =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", true, null);
      first.roles =
          java.util.List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
      earlierPage = new LtiBrowser(server.baseUrl, lms).launch(first).body();
      TestPlatform.LaunchSpec second = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      second.alterState =
          state -> {
            rotated[0] =
                api.admin("POST", "/api/platforms/tool-keys/rotate", "application/json", null);
            return state;
          };
      acrossRotation = new LtiBrowser(server.baseUrl, lms).launch(second);
    }
    HttpResponse<String> r = rotated[0];
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(acrossRotation.status()).as(acrossRotation.body()).isEqualTo(200);
    String earlierToken = MicroAbilitiesIT.between(earlierPage, "name=\"s\" value=\"", "\"");
    assertThat(form("s=" + enc(earlierToken) + "&task=" + enc("national-30|A1|plan")).statusCode())
        .isEqualTo(200);
    JsonNode rotation = JSON.readTree(r.body());
    String fresh = rotation.get("kid").asText();
    // the new key is published beside the earlier ones, which stay for the overlap window
    assertThat(kids()).contains(fresh).containsAll(before);
    assertThat(rotation.get("previous").toString()).contains(before.iterator().next());

    // what the tool signs now carries the new key: a deep linking response
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      TestPlatform.LaunchSpec spec =
          new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch")
              .deepLinking(lms.issuer + "/r", true, null);
      spec.roles =
          java.util.List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
      String page = new LtiBrowser(server.baseUrl, lms).launch(spec).body();
      String token = MicroAbilitiesIT.between(page, "name=\"s\" value=\"", "\"");
      HttpResponse<String> back = form("s=" + enc(token) + "&task=" + enc("national-30|A1|plan"));
      String jwt = MicroAbilitiesIT.between(back.body(), "name=\"JWT\" value=\"", "\"");
      assertThat(com.nimbusds.jwt.SignedJWT.parse(jwt).getHeader().getKeyID()).isEqualTo(fresh);
    }

    // a rotation without overlap retires every earlier key at once
    JsonNode now =
        JSON.readTree(
            api.admin(
                    "POST",
                    "/api/platforms/tool-keys/rotate?overlapHours=0",
                    "application/json",
                    null)
                .body());
    assertThat(kids()).containsExactly(now.get("kid").asText());
    // and what they signed is no longer trusted: the earlier page's session has ended
    assertThat(form("s=" + enc(earlierToken) + "&task=" + enc("national-30|A1|plan")).statusCode())
        .isEqualTo(401);

    // every private key, retired ones too, is stored sealed under the secrets key, which was
    // generated owner-only into the data directory (no WEINENG_SECRETS_KEY is configured here)
    java.nio.file.Path secretsKey = server.work().resolve("weineng-data").resolve("secrets.key");
    assertThat(secretsKey).exists();
    assertThat(java.nio.file.Files.getPosixFilePermissions(secretsKey))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    // and the data directory itself is nobody else's to list
    assertThat(java.nio.file.Files.getPosixFilePermissions(secretsKey.getParent()))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    if (server.db.equals("postgresql")) {
      java.util.List<String> stored = server.postgresColumn("select private_jwk from lti_tool_key");
      assertThat(stored).hasSizeGreaterThanOrEqualTo(3);
      assertThat(stored)
          .allSatisfy(v -> assertThat(v).startsWith("enc:v1:").doesNotContain("\"d\""));
    }
  }

  static java.util.Set<String> kids() throws Exception {
    java.util.Set<String> out = new java.util.HashSet<>();
    com.nimbusds.jose.jwk.JWKSet.parse(api.get("/lti/jwks").body())
        .getKeys()
        .forEach(k -> out.add(k.getKeyID()));
    return out;
  }

  @Test
  void anAdminSeesWhyLaunchesWereRefused() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      spec.tamper =
          b -> b.claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "not-registered");
      LtiBrowser.Result refused = new LtiBrowser(server.baseUrl, lms).launch(spec);
      assertThat(refused.status()).isEqualTo(401);
      HttpResponse<String> r =
          api.get(
              "/api/platforms/launch-refusals?issuer="
                  + URLEncoder.encode(lms.issuer, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(401); // the diagnostics are the admin's
      JsonNode list =
          JSON.readTree(
              api.admin(
                      "GET",
                      "/api/platforms/launch-refusals?issuer="
                          + URLEncoder.encode(lms.issuer, StandardCharsets.UTF_8),
                      null,
                      null)
                  .body());
      assertThat(list).isNotEmpty();
      JsonNode last = list.get(0);
      assertThat(last.get("check").asText()).isEqualTo("unknown-deployment");
      assertThat(last.get("endpoint").asText()).isEqualTo("launch");
      assertThat(last.get("clientId").asText()).isEqualTo(lms.clientId);
      assertThat(last.get("message").asText()).contains("deployment");
      assertThat(last.toString()).doesNotContain(refused.idToken());
    }
  }

  @Test
  void aHoursColumnInTheGradebookIsCreatedKeptAndRemoved() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      lms.toolJwksUrl = server.baseUrl + "/lti/jwks";
      TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      spec.subject = "h-" + UUID.randomUUID().toString().substring(0, 8);
      spec.tamper =
          b ->
              b.claim(
                  "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
                  java.util.Map.of(
                      "scope",
                      java.util.List.of(
                          "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                          "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                          "https://purl.imsglobal.org/spec/lti-ags/scope/score"),
                      "lineitems",
                      lms.lineitemsUrl()));
      assertThat(new LtiBrowser(server.baseUrl, lms).launch(spec).status()).isEqualTo(200);
      String course = api.progress.listCourses(null, spec.contextId).get(0).getId();
      // ten hours of practice, reported by a vendor under the teacher's LMS account
      cn.weineng.api.client.model.IssuedLrsCredential vendor =
          api.credential("default", "hours vendor");
      HttpResponse<String> posted =
          api.xapi(
              "POST",
              "statements",
              vendor,
              "1.0.3",
              "{\"actor\":{\"account\":{\"homePage\":\""
                  + lms.issuer
                  + "\",\"name\":\""
                  + spec.subject
                  + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
                  + "\"object\":{\"id\":\"https://practice.example.cn/"
                  + spec.subject
                  + "\",\"definition\":{\"type\":\"https://w3id.org/weineng/xapi/activity-types/practice\"}},"
                  + "\"result\":{\"duration\":\"PT10H\"},\"timestamp\":\"2026-03-01T08:00:00+08:00\"}");
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

      JsonNode first =
          JSON.readTree(
              api.admin("PUT", "/api/courses/" + course + "/hours-column", "application/json", null)
                  .body());
      assertThat(first.get("created").asBoolean()).isTrue();
      assertThat(first.get("scoreMaximum").asDouble()).isEqualTo(50.0);
      assertThat(first.get("queued").asInt()).isEqualTo(1);
      assertThat(lms.items).hasSize(1);
      assertThat(lms.items.values().iterator().next().get("label").asText())
          .isEqualTo("学时 (Weineng)");
      api.admin("POST", "/api/platforms/score-deliveries/run", "application/json", null);
      String[] sent = lms.scores.get(lms.scores.size() - 1);
      assertThat(sent[0]).endsWith("/lineitem/scores?type_id=1");
      JsonNode score = JSON.readTree(sent[1]);
      assertThat(score.get("userId").asText()).isEqualTo(spec.subject);
      assertThat(score.get("scoreGiven").asDouble()).isEqualTo(10.0);
      assertThat(score.get("comment").asText()).startsWith("未合格");

      // run again after someone changed the column's maximum in the LMS: the same column, corrected
      lms.items.values().iterator().next().put("scoreMaximum", 99);
      JsonNode again =
          JSON.readTree(
              api.admin("PUT", "/api/courses/" + course + "/hours-column", "application/json", null)
                  .body());
      assertThat(again.get("created").asBoolean()).isFalse();
      assertThat(lms.items).hasSize(1);
      assertThat(lms.items.values().iterator().next().get("scoreMaximum").asDouble())
          .isEqualTo(50.0);

      // the results the LMS holds
      JsonNode results =
          JSON.readTree(
              api.admin("GET", "/api/courses/" + course + "/hours-column/results", null, null)
                  .body());
      assertThat(results.findValuesAsText("userId")).contains(spec.subject);

      // removed on request
      assertThat(
              api.admin("DELETE", "/api/courses/" + course + "/hours-column", null, null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(lms.items).isEmpty();

      // a course whose launches never offered the grade service says how to turn it on
      TestPlatform.LaunchSpec plain = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      new LtiBrowser(server.baseUrl, lms).launch(plain);
      String other = api.progress.listCourses(null, plain.contextId).get(0).getId();
      HttpResponse<String> none =
          api.admin("PUT", "/api/courses/" + other + "/hours-column", "application/json", null);
      assertThat(none.statusCode()).isEqualTo(409);
      assertThat(none.body()).contains("Assignment and Grade Services");
    }
  }

  @Test
  void aCopiedCourseKeepsItsLearners() throws Exception {
    try (TestPlatform lms = new TestPlatform()) {
      api.register(lms, "default");
      String original = "orig-" + UUID.randomUUID().toString().substring(0, 8);
      for (String[] who : new String[][] {{"c-1", "陈老师"}, {"c-2", "林老师"}}) {
        TestPlatform.LaunchSpec s = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
        s.subject = who[0] + original;
        s.name = who[1];
        s.contextId = original;
        assertThat(new LtiBrowser(server.baseUrl, lms).launch(s).status()).isEqualTo(200);
      }
      // the course is copied in the LMS; its first launch names the original in its history
      TestPlatform.LaunchSpec copy = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      copy.contextId = "copy-" + original;
      copy.name = "吴老师";
      copy.tamper =
          b ->
              b.claim(
                  "https://purl.imsglobal.org/spec/lti/claim/custom",
                  java.util.Map.of("context_history", original + ",older-course"));
      assertThat(new LtiBrowser(server.baseUrl, lms).launch(copy).status()).isEqualTo(200);
      String copied = api.progress.listCourses(null, copy.contextId).get(0).getId();
      assertThat(api.progress.listCourseLearners(copied, null, "zh-CN"))
          .extracting(l -> l.getName())
          .containsExactlyInAnyOrder("陈老师", "林老师", "吴老师");
      // an unresolved substitution is no history
      TestPlatform.LaunchSpec fresh = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      fresh.tamper =
          b ->
              b.claim(
                  "https://purl.imsglobal.org/spec/lti/claim/custom",
                  java.util.Map.of("context_history", "$Context.id.history"));
      assertThat(new LtiBrowser(server.baseUrl, lms).launch(fresh).status()).isEqualTo(200);
      assertThat(
              api.progress.listCourseLearners(
                  api.progress.listCourses(null, fresh.contextId).get(0).getId(), null, "zh-CN"))
          .hasSize(1);
    }
  }
}
