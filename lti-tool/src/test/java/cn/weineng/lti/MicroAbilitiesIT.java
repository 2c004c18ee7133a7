package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.OrgUnit;
import cn.weineng.api.client.model.OrgUnitRequest;
import cn.weineng.api.client.model.PlatformRegistration;
import cn.weineng.api.client.model.Store;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A school runs its 校本应用考核 in Weineng through the public REST and xAPI interfaces: it circles a
 * range, teachers select points and upload evidence, the assessment team grades, a fail is
 * resubmitted, the admin overrides, and the standing follows each decision; every decision is a
 * statement in the LRS. Bad input (a point outside the range, a file of the wrong type or size, a
 * reviewer without a role over the teacher, a grade for a point no longer selected) is refused with
 * the reason and changes nothing.
 */
class MicroAbilitiesIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MP4 = mp4();
  static final byte[] PPTX = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 1, 2, 3};
  static WeinengServer server;
  static Weineng api;

  @BeforeAll
  static void setUp() {
    server = WeinengServer.get();
    api = new Weineng(server);
  }

  static byte[] mp4() {
    byte[] b = new byte[64];
    b[3] = 24;
    System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 8);
    return b;
  }

  /** A store whose platform names the policy, a city, and a roster imported into it. */
  record Site(
      String store,
      IssuedLrsCredential vendor,
      Map<String, String> people,
      String school,
      String county) {}

  static Site site(String policy, String csv) throws Exception {
    String store = "ma-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(store).name("培训机构 " + store));
    api.platforms.createPlatform(
        new PlatformRegistration()
            .name("Moodle " + store)
            .issuer("https://moodle." + store + ".example.cn")
            .clientId("c-" + store)
            .deploymentIds(List.of("1"))
            .authUrl("https://moodle." + store + ".example.cn/auth")
            .tokenUrl("https://moodle." + store + ".example.cn/token")
            .jwksUrl("https://moodle." + store + ".example.cn/jwks")
            .storeId(store)
            .policyId(policy));
    OrgUnit province =
        api.organisations.createUnit(
            new OrgUnitRequest().storeId(store).kind("province").name("省"));
    OrgUnit city =
        api.organisations.createUnit(
            new OrgUnitRequest().storeId(store).kind("city").name("市").parentId(province.getId()));
    HttpResponse<String> r =
        api.admin(
            "POST",
            "/api/organisations/" + city.getId() + "/roster",
            "text/csv; charset=UTF-8",
            csv);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    OrgUnit county = api.organisations.listUnits(store, city.getId()).get(0);
    List<OrgUnit> schools = api.organisations.listUnits(store, county.getId());
    // everyone on the roster, found by the email the roster gives them
    Map<String, String> people = new java.util.HashMap<>();
    String[] lines = csv.split("\n");
    List<String> header = List.of(lines[0].split(","));
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      String mbox = "mailto:" + f[header.indexOf("邮箱")];
      people.put(
          f[header.indexOf("姓名")],
          api.learners.findLearners(store, null, null, mbox).get(0).getId());
    }
    String first =
        schools.stream()
            .filter(s -> s.getName().endsWith("第一中学"))
            .findFirst()
            .orElse(schools.get(0))
            .getId();
    return new Site(store, api.credential(store, "vendor"), people, first, county.getId());
  }

  static final String BEIHAI_ROSTER =
      "县(市区),学校,姓名,学段,学科,工作坊,角色,邮箱,工号\n"
          + "海城区,北海市第一中学,王芳,初中,数学,数学坊,教师,wf@bh.example.cn,BH0001\n"
          + "海城区,北海市第一中学,李强,初中,语文,语文坊,教师,lq@bh.example.cn,\n"
          + "海城区,北海市第一中学,赵磊,初中,数学,数学坊,坊主,zl@bh.example.cn,\n"
          + "海城区,北海市第一中学,周敏,初中,语文,,考核组成员,zm@bh.example.cn,\n"
          + "海城区,北海市第二中学,孙伟,初中,数学,,考核组成员,sw@bh.example.cn,\n";

  @Test
  void aSchoolRunsItsApplicationAssessmentFromRangeToCertifiedPoints() throws Exception {
    Site site = site("cn-gx-beihai-2020", BEIHAI_ROSTER);
    String wang = site.people().get("王芳");
    String assessor = site.people().get("周敏");

    // the catalogue: 30 national points, 4 of them confirmed by a source
    JsonNode frameworks = json(call("GET", "/api/micro-abilities/frameworks", null), 200);
    JsonNode national = find(frameworks, "id", "national-30");
    assertThat(national.get("pointCount").asInt()).isEqualTo(30);
    assertThat(national.get("verifiedCount").asInt()).isEqualTo(4);

    // no range yet: nothing can be selected
    HttpResponse<String> early = call("PUT", sel(wang), "{\"codes\":[\"A1\"]}");
    assertProblem(early, 422, "no-range");

    // a range is a school's; its codes must be points
    assertProblem(call("PUT", range(site.county()), "{\"codes\":[\"A1\"]}"), 422, "not-a-school");
    assertProblem(call("PUT", range(site.school()), "{\"codes\":[\"A1\",\"Z9\"]}"), 422, "Z9");
    JsonNode circled =
        json(
            call("PUT", range(site.school()), "{\"codes\":[\"B6\",\"A1\",\"A3\",\"A11\",\"B3\"]}"),
            200);
    assertThat(circled.get("frameworkId").asText()).isEqualTo("national-30");
    assertThat(texts(circled.get("codes"))).containsExactly("A1", "A3", "A11", "B3", "B6");

    // a point outside the range is refused with the reason, and nothing changes
    HttpResponse<String> outside = call("PUT", sel(wang), "{\"codes\":[\"A1\",\"B9\"]}");
    assertProblem(outside, 422, "B9");
    assertThat(
            json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200)
                .get("points"))
        .isEmpty();

    // two dimensions: kept, but not valid under Beihai's rule, with the reason
    JsonNode two = json(call("PUT", sel(wang), "{\"codes\":[\"A3\",\"B3\"]}"), 200);
    assertThat(two.get("valid").asBoolean()).isFalse();
    assertThat(two.toString()).contains("points.selection.minDimensions").contains("至少须覆盖3个");

    JsonNode three = json(call("PUT", sel(wang), "{\"codes\":[\"A1\",\"A3\",\"A11\"]}"), 200);
    assertThat(three.get("valid").asBoolean()).as(three.toString()).isTrue();
    assertThat(three.get("points")).hasSize(3);
    JsonNode a1 = find(three.get("points"), "code", "A1");
    assertThat(a1.get("result").asText()).isEqualTo("missing");
    assertThat(texts(a1.get("needs"))).anySatisfy(n -> assertThat(n).contains("学情分析方案"));

    // evidence: refused for a point not selected, a type the item does not take, bytes that are not
    // what they claim; nothing is kept
    assertProblem(
        upload(wang, "B3", "activity", "application/pdf", PDF), 409, "point-not-selected");
    assertProblem(upload(wang, "A1", "plan", "text/plain", PDF), 415, "application/pdf");
    assertProblem(
        upload(
            wang,
            "A1",
            "plan",
            "application/pdf",
            "MZ\u0090\u0000this is not a pdf".getBytes(StandardCharsets.ISO_8859_1)),
        415,
        "content-mismatch");
    assertProblem(upload(wang, "A1", "nothing", "application/pdf", PDF), 404, "nothing");
    assertProblem(uploadVideo(wang, "A1", "report", 301), 422, "300 seconds");

    // the size limit is the catalogue's data: corrected here, it holds at once
    JsonNode a3 =
        find(
            json(call("GET", "/api/micro-abilities/frameworks/national-30", null), 200)
                .get("points"),
            "code",
            "A3");
    ((com.fasterxml.jackson.databind.node.ObjectNode) a3.get("evidence").get(0))
        .put("maxBytes", 16);
    json(call("PUT", "/api/micro-abilities/frameworks/national-30/points/A3", a3.toString()), 200);
    try {
      assertProblem(
          upload(
              wang,
              "A3",
              "deck",
              "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              java.util.Arrays.copyOf(PPTX, 20)),
          413,
          "16 bytes");
    } finally {
      ((com.fasterxml.jackson.databind.node.ObjectNode) a3.get("evidence").get(0))
          .put("maxBytes", 20971520);
      json(
          call("PUT", "/api/micro-abilities/frameworks/national-30/points/A3", a3.toString()), 200);
    }
    assertThat(
            json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200).toString())
        .doesNotContain("submissionId");

    // every item of the three points
    JsonNode plan = json(upload(wang, "A1", "plan", "application/pdf", PDF), 201);
    assertThat(plan.get("sha256").asText()).isEqualTo(sha256(PDF));
    assertThat(plan.get("status").asText()).isEqualTo("pending");
    json(uploadVideo(wang, "A1", "report", 240), 201);
    String deck =
        json(
                upload(
                    wang,
                    "A3",
                    "deck",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    PPTX),
                201)
            .get("id")
            .asText();
    String note = json(upload(wang, "A3", "note", "application/pdf", PDF), 201).get("id").asText();
    json(upload(wang, "A11", "rubric", "application/pdf", PDF), 201);
    // waiting for review: not replaced
    assertProblem(upload(wang, "A3", "note", "application/pdf", PDF), 409, "awaiting-review");

    // a double click: two uploads of the same item at once keep one submission; the other is
    // refused
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      both.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> upload(wang, "A11", "application", "application/pdf", PDF)));
    }
    List<Integer> statuses = both.stream().map(f -> f.join().statusCode()).sorted().toList();
    assertThat(statuses)
        .as(both.get(0).join().body() + both.get(1).join().body())
        .containsExactly(201, 409);
    assertThat(
            find(
                    json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200)
                        .get("points"),
                    "code",
                    "A11")
                .get("items")
                .findValuesAsText("status"))
        .containsExactly("pending", "pending");

    // the file comes back byte for byte
    HttpResponse<byte[]> content = bytes("/api/evidence/" + plan.get("id").asText() + "/content");
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(PDF);
    assertThat(content.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/pdf");

    // the assessment team's queue, by where they work
    JsonNode queue = json(call("GET", "/api/reviewers/" + assessor + "/queue", null), 200);
    assertThat(queue.get("groups").get(0).get("kind").asText()).isEqualTo("school");
    assertThat(queue.get("groups").get(0).get("waiting")).hasSize(6);

    // who may grade: not the teacher, not a 坊主 under Beihai, not another school's assessor
    assertProblem(review(deck, wang, "pass", null), 403, "own");
    assertProblem(review(deck, site.people().get("赵磊"), "pass", null), 403, "workshop_lead");
    assertProblem(
        review(deck, site.people().get("孙伟"), "pass", null), 403, "no role over this teacher");
    assertProblem(review(deck, assessor, "so-so", null), 400, "level");

    for (JsonNode p :
        json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200).get("points")) {
      for (JsonNode item : p.get("items")) {
        String id = item.get("submissionId").asText();
        boolean failIt = id.equals(note);
        JsonNode r =
            json(
                review(
                    id,
                    assessor,
                    failIt ? "fail" : p.get("code").asText().equals("A11") ? "excellent" : "pass",
                    failIt ? "设计说明未说明技术选择的理由" : null),
                201);
        assertThat(r.get("role").asText()).isEqualTo("school_assessor");
      }
    }
    assertProblem(review(deck, assessor, "excellent", null), 409, "already-graded");

    // the lowest item decides the point; the standing follows at once
    JsonNode after = json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200);
    assertThat(find(after.get("points"), "code", "A1").get("result").asText()).isEqualTo("pass");
    assertThat(find(after.get("points"), "code", "A11").get("result").asText())
        .isEqualTo("excellent");
    JsonNode failed = find(after.get("points"), "code", "A3");
    assertThat(failed.get("result").asText()).isEqualTo("fail");
    assertThat(texts(failed.get("needs")))
        .anySatisfy(n -> assertThat(n).contains("重新提交").contains("技术选择"));
    assertThat(after.get("certified").asBoolean()).isFalse();
    JsonNode standing = json(call("GET", "/api/learners/" + wang + "/standing", null), 200);
    assertThat(requirement(standing, "points.point.result", "A3").get("met").asBoolean()).isFalse();
    assertThat(requirement(standing, "points.point.result", "A1").get("met").asBoolean()).isTrue();

    // a fail is submitted again, as the next attempt, and graded
    JsonNode again = json(upload(wang, "A3", "note", "application/pdf", PDF), 201);
    assertThat(again.get("attempt").asInt()).isEqualTo(2);
    json(review(again.get("id").asText(), assessor, "pass", "已补充"), 201);
    JsonNode certified = json(call("GET", "/api/learners/" + wang + "/micro-abilities", null), 200);
    assertThat(find(certified.get("points"), "code", "A3").get("result").asText())
        .isEqualTo("pass");
    assertThat(certified.get("certified").asBoolean()).isTrue();
    standing = json(call("GET", "/api/learners/" + wang + "/standing", null), 200);
    assertThat(requirement(standing, "points.point.result", "A3").get("met").asBoolean()).isTrue();
    assertThat(requirement(standing, "points.selection.minDimensions", null).get("met").asBoolean())
        .isTrue();

    // every decision is a statement in the LRS: the submission with its file, the grades on it
    JsonNode graded =
        JSON.readTree(
            api.xapi(
                    "GET",
                    "statements?verb="
                        + enc("https://w3id.org/weineng/xapi/verbs/graded")
                        + "&limit=50",
                    site.vendor(),
                    "1.0.3",
                    null)
                .body());
    assertThat(graded.get("statements")).hasSize(7);
    JsonNode submitted =
        JSON.readTree(
            api.xapi(
                    "GET",
                    "statements?statementId=" + plan.get("statementId").asText(),
                    site.vendor(),
                    "1.0.3",
                    null)
                .body());
    assertThat(submitted.get("attachments").get(0).get("sha2").asText()).isEqualTo(sha256(PDF));
    assertThat(submitted.get("object").get("id").asText())
        .isEqualTo("https://w3id.org/weineng/micro-abilities/national-30/A1/evidence/plan");
    assertThat(graded.get("statements").findValuesAsText("objectType")).contains("StatementRef");

    // the admin overrides with a note (required), recorded too
    assertProblem(
        call(
            "PUT",
            "/api/learners/" + wang + "/micro-abilities/points/A1/override",
            "{\"result\":\"fail\"}"),
        400,
        "note");
    JsonNode overridden =
        json(
            call(
                "PUT",
                "/api/learners/" + wang + "/micro-abilities/points/A1/override",
                "{\"result\":\"fail\",\"note\":\"抽检发现视频与方案不符\"}"),
            200);
    assertThat(find(overridden.get("points"), "code", "A1").get("result").asText())
        .isEqualTo("fail");
    assertThat(find(overridden.get("points"), "code", "A1").get("override").get("note").asText())
        .contains("抽检");
    assertThat(overridden.get("certified").asBoolean()).isFalse();
    json(
        call(
            "PUT",
            "/api/learners/" + wang + "/micro-abilities/points/A1/override",
            "{\"result\":null,\"note\":\"复核后撤销\"}"),
        200);

    // the teacher sees her points in the LMS: a launch whose lis.person_sourcedid is her 工号
    try (cn.weineng.lti.support.TestPlatform lms = new cn.weineng.lti.support.TestPlatform()) {
      api.register(lms, site.store());
      cn.weineng.lti.support.TestPlatform.LaunchSpec spec =
          new cn.weineng.lti.support.TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      spec.name = "王芳";
      spec.tamper =
          c ->
              c.claim(
                  "https://purl.imsglobal.org/spec/lti/claim/lis",
                  Map.of("person_sourcedid", "BH0001"));
      cn.weineng.lti.support.LtiBrowser.Result page =
          new cn.weineng.lti.support.LtiBrowser(server.baseUrl, lms).launch(spec);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.body())
          .contains("id=\"points\"")
          .contains("我的微能力点")
          .contains("data-point=\"A3\"")
          .contains("A1 A3 A11 B3 B6")
          .contains("class=\"badge excellent\"")
          .contains("能力点A3：合格");
    }

    // a grade for a point no longer selected is refused and changes nothing
    String li = site.people().get("李强");
    json(call("PUT", sel(li), "{\"codes\":[\"A1\",\"B3\",\"B6\"]}"), 200);
    String liPlan = json(upload(li, "A1", "plan", "application/pdf", PDF), 201).get("id").asText();
    json(call("PUT", sel(li), "{\"codes\":[\"A3\",\"B3\",\"B6\"]}"), 200);
    assertProblem(review(liPlan, assessor, "pass", null), 409, "point-not-selected");
    assertThat(json(call("GET", "/api/evidence/" + liPlan, null), 200).get("status").asText())
        .isEqualTo("pending");
  }

  @Test
  void fuyuWorksMoveStageByStageByTheirRoles() throws Exception {
    Site site =
        site(
            "cn-jl-fuyu-2020",
            "县(市区),学校,姓名,学段,学科,工作坊,角色,邮箱\n"
                + "扶余市,扶余市第一中学,张晓梅,初中,数学,数学坊,教师,zxm@fy.example.cn\n"
                + "扶余市,扶余市第一中学,赵磊,初中,数学,数学坊,坊主,zl@fy.example.cn\n"
                + "扶余市,扶余市第一中学,钱进,初中,数学,数学坊,学科专家,qj@fy.example.cn\n"
                + "扶余市,扶余市第一中学,孙丽,初中,,,县管理员,sl@fy.example.cn\n");
    String zhang = site.people().get("张晓梅");
    json(call("PUT", range(site.school()), "{\"codes\":[\"A1\",\"A3\",\"B3\"]}"), 200);
    JsonNode sel = json(call("PUT", sel(zhang), "{\"codes\":[\"A1\",\"A3\",\"B3\"]}"), 200);
    assertThat(sel.get("promotionStages").findValuesAsText("key"))
        .containsExactly("submitted", "school-refined", "region-recommended", "project-featured");
    JsonNode work = json(upload(zhang, "B3", "activity", "application/pdf", PDF), 201);
    String id = work.get("id").asText();
    assertThat(work.get("stage").asText()).isEqualTo("submitted");

    // the 坊主 grades (Fuyu: 坊主 reviews) and refines; a stage cannot be skipped
    json(review(id, site.people().get("赵磊"), "excellent", "教研组研磨"), 201);
    assertProblem(
        promote(id, site.people().get("钱进"), "region-recommended"), 409, "not-next-stage");
    assertProblem(promote(id, site.people().get("孙丽"), "school-refined"), 403, "workshop_lead");
    assertThat(
            json(promote(id, site.people().get("赵磊"), "school-refined"), 200).get("stage").asText())
        .isEqualTo("school-refined");
    assertThat(
            json(promote(id, site.people().get("孙丽"), "region-recommended"), 200)
                .get("stage")
                .asText())
        .isEqualTo("region-recommended");
    assertProblem(promote(id, site.people().get("赵磊"), "project-featured"), 403, "subject_expert");
    assertThat(
            json(promote(id, site.people().get("钱进"), "project-featured"), 200)
                .get("stage")
                .asText())
        .isEqualTo("project-featured");
    JsonNode promoted =
        JSON.readTree(
            api.xapi(
                    "GET",
                    "statements?verb=" + enc("https://w3id.org/weineng/xapi/verbs/promoted"),
                    site.vendor(),
                    "1.0.3",
                    null)
                .body());
    assertThat(promoted.get("statements")).hasSize(3);
  }

  @Test
  void hunanAcceptsPlatformDataAsEvidenceMethodTwo() throws Exception {
    Site site =
        site(
            "cn-hn-yueyang-2021",
            "县(市区),学校,姓名,学段,学科,邮箱\n" + "岳阳县,岳阳县第一中学,刘畅,小学,数学,lc@yy.example.cn\n");
    String liu = site.people().get("刘畅");
    json(
        call(
            "PUT",
            range(site.school()),
            "{\"frameworkId\":\"hunan-std\",\"codes\":[\"1\",\"3\",\"11\"]}"),
        200);
    JsonNode sel = json(call("PUT", sel(liu), "{\"codes\":[\"1\",\"3\",\"11\"]}"), 200);
    assertThat(texts(sel.get("evidenceModes"))).contains("data-rule");
    assertThat(find(sel.get("points"), "code", "1").get("result").asText()).isEqualTo("missing");

    // the platform reports that the teacher's practice on point 1 met the pass standard
    HttpResponse<String> r =
        api.xapi(
            "POST",
            "statements",
            site.vendor(),
            "1.0.3",
            "{\"actor\":{\"mbox\":\"mailto:lc@yy.example.cn\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\"},"
                + "\"object\":{\"id\":\"https://platform.example.cn/practice/77\"},"
                + "\"result\":{\"success\":true},"
                + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"https://w3id.org/weineng/micro-abilities/hunan-std/1\"}]}},"
                + "\"timestamp\":\"2021-10-01T08:00:00+08:00\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode after = json(call("GET", "/api/learners/" + liu + "/micro-abilities", null), 200);
    JsonNode one = find(after.get("points"), "code", "1");
    assertThat(one.get("result").asText()).isEqualTo("pass");
    assertThat(one.get("byDataRule").asBoolean()).isTrue();
    assertThat(find(after.get("points"), "code", "3").get("result").asText()).isEqualTo("missing");
  }

  @Test
  void teachersAndReviewersWorkInsideTheLmsFrame() throws Exception {
    Site site =
        site(
            "cn-gx-beihai-2020",
            "县(市区),学校,姓名,学段,学科,角色,邮箱,工号\n"
                + "银海区,北海市第三中学,黄丽,小学,语文,教师,hl@bh.example.cn,YH0001\n"
                + "银海区,北海市第三中学,梁军,小学,语文,考核组成员,lj@bh.example.cn,YH0002\n");
    json(call("PUT", range(site.school()), "{\"codes\":[\"A1\",\"A3\",\"A11\",\"B6\"]}"), 200);
    try (cn.weineng.lti.support.TestPlatform lms = new cn.weineng.lti.support.TestPlatform()) {
      api.register(lms, site.store());
      String page = frameLaunch(lms, "黄丽", "YH0001");
      assertThat(page).contains("id=\"select\"").contains("value=\"B6\"").contains("你还没有选择能力点");
      String teacher = token(page);

      // the teacher chooses her points in the frame, then uploads her plan
      HttpResponse<String> chosen =
          form("select", "s=" + enc(teacher) + "&code=A1&code=A3&code=A11");
      assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
      assertThat(chosen.body()).contains("已保存所选能力点").contains("class=\"upload\"");
      HttpResponse<String> wrong = multipart(teacher, "A1", "plan", "text/plain", "plan.txt", PDF);
      assertThat(wrong.statusCode()).isEqualTo(415);
      assertThat(wrong.body()).contains("class=\"notice error\"").contains("application/pdf");
      HttpResponse<String> sent =
          multipart(teacher, "A1", "plan", "application/pdf", "学情分析方案.pdf", PDF);
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(sent.body()).contains("证据已提交").contains("等待评审：学情分析方案");
      assertThat(
              json(
                      call(
                          "GET",
                          "/api/learners/" + site.people().get("黄丽") + "/micro-abilities",
                          null),
                      200)
                  .toString())
          .contains("\"status\":\"pending\"");

      // the assessor launches, sees it waiting, reads it and grades it
      String reviewerPage = frameLaunch(lms, "梁军", "YH0002");
      assertThat(reviewerPage).contains("id=\"review\"").contains("黄丽").contains("学情分析方案");
      String reviewer = token(reviewerPage);
      String submission = between(reviewerPage, "data-submission=\"", "\"");
      HttpResponse<byte[]> file =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/ui/file"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "s=" + enc(reviewer) + "&submission=" + submission))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.body()).isEqualTo(PDF);
      // a fail needs a reason; the teacher cannot grade her own; a made-up token opens nothing
      assertThat(
              form("review", "s=" + enc(reviewer) + "&submission=" + submission + "&level=fail")
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              form("review", "s=" + enc(teacher) + "&submission=" + submission + "&level=pass")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              form("review", "s=" + "A".repeat(43) + "&submission=" + submission + "&level=pass")
                  .statusCode())
          .isEqualTo(401);
      // a signed token whose payload is swapped for another's (the reviewer's, under the teacher's
      // signature) opens nothing either; nor does one with its signature cut off
      String forged =
          reviewer.substring(0, reviewer.indexOf('.')) + teacher.substring(teacher.indexOf('.'));
      assertThat(
              form("review", "s=" + enc(forged) + "&submission=" + submission + "&level=pass")
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              form(
                      "review",
                      "s="
                          + enc(reviewer.substring(0, reviewer.indexOf('.')))
                          + "&submission="
                          + submission
                          + "&level=pass")
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> graded =
          form(
              "review",
              "s="
                  + enc(reviewer)
                  + "&submission="
                  + submission
                  + "&level=excellent&comment="
                  + enc("方案完整"));
      assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
      assertThat(graded.body()).contains("评定已记录").doesNotContain("data-submission=\"" + submission);
      // the teacher's page shows the grade; her session never showed up in a URL or a cookie
      String after = frameLaunch(lms, "黄丽", "YH0001");
      assertThat(after).contains("data-point=\"A1\"").contains("提交学情分析报告");
      assertThat(
              JSON.readTree(
                      api.xapi(
                              "GET",
                              "statements?verb="
                                  + enc("https://w3id.org/weineng/xapi/verbs/graded"),
                              site.vendor(),
                              "1.0.3",
                              null)
                          .body())
                  .get("statements"))
          .hasSize(1);
    }
  }

  static String frameLaunch(
      cn.weineng.lti.support.TestPlatform lms, String name, String sourcedId) {
    cn.weineng.lti.support.TestPlatform.LaunchSpec spec =
        new cn.weineng.lti.support.TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
    spec.name = name;
    spec.subject = "u-" + sourcedId;
    spec.tamper =
        c ->
            c.claim(
                "https://purl.imsglobal.org/spec/lti/claim/lis",
                Map.of("person_sourcedid", sourcedId));
    cn.weineng.lti.support.LtiBrowser.Result r =
        new cn.weineng.lti.support.LtiBrowser(server.baseUrl, lms).launch(spec);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  static String token(String page) {
    return between(page, "name=\"s\" value=\"", "\"");
  }

  static String between(String s, String from, String to) {
    int i = s.indexOf(from);
    assertThat(i).as("no " + from).isGreaterThanOrEqualTo(0);
    int j = s.indexOf(to, i + from.length());
    return s.substring(i + from.length(), j);
  }

  static HttpResponse<String> form(String action, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/ui/" + action))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A browser's multipart/form-data upload from the frame's form. */
  static HttpResponse<String> multipart(
      String token, String code, String item, String type, String filename, byte[] file) {
    String boundary = "----weineng" + UUID.randomUUID();
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    java.util.function.Consumer<String> w = x -> b.writeBytes(x.getBytes(StandardCharsets.UTF_8));
    for (String[] f : new String[][] {{"s", token}, {"code", code}, {"item", item}}) {
      w.accept(
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + f[0]
              + "\"\r\n\r\n"
              + f[1]
              + "\r\n");
    }
    w.accept(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n");
    b.writeBytes(file);
    w.accept("\r\n--" + boundary + "--\r\n");
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl + "/lti/ui/upload"))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void gradesReachTheGradebookOnceEvenAcrossAnOutage() throws Exception {
    Site site =
        site(
            "cn-gx-beihai-2020",
            "县(市区),学校,姓名,学段,学科,角色,邮箱,工号\n"
                + "铁山港区,北海市第五中学,何静,初中,英语,教师,hj@bh.example.cn,TS0001\n"
                + "铁山港区,北海市第五中学,潘勇,初中,英语,考核组成员,py@bh.example.cn,TS0002\n");
    String teacher = site.people().get("何静");
    json(call("PUT", range(site.school()), "{\"codes\":[\"A1\",\"A3\",\"A11\"]}"), 200);
    json(call("PUT", sel(teacher), "{\"codes\":[\"A1\",\"A3\",\"A11\"]}"), 200);
    try (cn.weineng.lti.support.TestPlatform lms = new cn.weineng.lti.support.TestPlatform()) {
      String platformId = api.register(lms, site.store()).getId();
      lms.toolJwksUrl = server.baseUrl + "/lti/jwks";
      // the teacher opens the deep-linked activity "A1 · plan" that has a gradebook column
      cn.weineng.lti.support.TestPlatform.LaunchSpec spec =
          new cn.weineng.lti.support.TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
      spec.name = "何静";
      spec.tamper =
          c ->
              c.claim(
                      "https://purl.imsglobal.org/spec/lti/claim/lis",
                      Map.of("person_sourcedid", "TS0001"))
                  .claim(
                      "https://purl.imsglobal.org/spec/lti/claim/custom",
                      Map.of(
                          "weineng_framework",
                          "national-30",
                          "weineng_point",
                          "A1",
                          "weineng_task",
                          "plan"))
                  .claim(
                      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
                      Map.of(
                          "scope",
                          List.of(
                              "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                              "https://purl.imsglobal.org/spec/lti-ags/scope/score"),
                          "lineitems",
                          lms.issuer + "/lineitems?type_id=1",
                          "lineitem",
                          lms.lineitemUrl(7)));
      assertThat(new cn.weineng.lti.support.LtiBrowser(server.baseUrl, lms).launch(spec).status())
          .isEqualTo(200);

      // a submission: the gradebook learns a grade is pending, at the line item's /scores, query
      // kept
      String plan =
          json(upload(teacher, "A1", "plan", "application/pdf", PDF), 201).get("id").asText();
      JsonNode run = json(call("POST", "/api/platforms/score-deliveries/run", null), 200);
      assertThat(run.get("sent").asInt()).isEqualTo(1);
      assertThat(lms.scores).hasSize(1);
      assertThat(lms.scores.get(0)[0]).isEqualTo("/lineitems/7/lineitem/scores?type_id=1");
      JsonNode pending = JSON.readTree(lms.scores.get(0)[1]);
      assertThat(pending.get("userId").asText()).isEqualTo(spec.subject);
      assertThat(pending.get("gradingProgress").asText()).isEqualTo("PendingManual");
      assertThat(pending.get("activityProgress").asText()).isEqualTo("Submitted");
      assertThat(lms.tokensIssued.get()).isEqualTo(1);

      // the platform is down when the assessor grades: the score waits, visibly
      lms.gradesDown = true;
      json(review(plan, site.people().get("潘勇"), "pass", "方案要素完整"), 201);
      JsonNode down = json(call("POST", "/api/platforms/score-deliveries/run", null), 200);
      assertThat(down.get("sent").asInt()).isZero();
      assertThat(down.get("waiting").asInt()).isEqualTo(1);
      JsonNode waiting =
          json(
              call("GET", "/api/platforms/" + platformId + "/score-deliveries?state=pending", null),
              200);
      assertThat(waiting).hasSize(1);
      assertThat(waiting.get(0).get("attempts").asInt()).isEqualTo(1);
      assertThat(waiting.get(0).get("lastError").asText()).contains("503");
      assertThat(waiting.get(0).get("decision").asText()).startsWith("review:");

      // back up: delivered once, with the grade; running again sends nothing more
      lms.gradesDown = false;
      assertThat(
              json(call("POST", "/api/platforms/score-deliveries/run", null), 200)
                  .get("sent")
                  .asInt())
          .isEqualTo(1);
      assertThat(
              json(call("POST", "/api/platforms/score-deliveries/run", null), 200)
                  .get("sent")
                  .asInt())
          .isZero();
      assertThat(lms.scores).hasSize(2);
      JsonNode graded = JSON.readTree(lms.scores.get(1)[1]);
      assertThat(graded.get("gradingProgress").asText()).isEqualTo("FullyGraded");
      assertThat(graded.get("scoreGiven").asInt()).isEqualTo(80);
      assertThat(graded.get("scoreMaximum").asInt()).isEqualTo(100);
      assertThat(graded.get("comment").asText()).contains("合格").contains("方案要素完整");
      // one token served both calls (cached per scope set)
      assertThat(lms.tokensIssued.get()).isEqualTo(1);
      assertThat(
              json(
                  call(
                      "GET", "/api/platforms/" + platformId + "/score-deliveries?state=sent", null),
                  200))
          .hasSize(2);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  static String sel(String learner) {
    return "/api/learners/" + learner + "/micro-abilities/selection";
  }

  static String range(String unit) {
    return "/api/organisations/" + unit + "/micro-abilities/range";
  }

  static HttpResponse<String> call(String method, String path, String json) {
    return api.admin(method, path, "application/json", json);
  }

  static HttpResponse<String> review(
      String submission, String reviewer, String level, String comment) {
    return call(
        "POST",
        "/api/evidence/" + submission + "/reviews",
        JSON.createObjectNode()
            .put("reviewerId", reviewer)
            .put("level", level)
            .put("comment", comment)
            .toString());
  }

  static HttpResponse<String> promote(String submission, String promoter, String stage) {
    return call(
        "POST",
        "/api/evidence/" + submission + "/promotion",
        JSON.createObjectNode().put("promoterId", promoter).put("stage", stage).toString());
  }

  static HttpResponse<String> upload(
      String learner, String code, String item, String type, byte[] body) {
    return send(
        "/api/learners/"
            + learner
            + "/micro-abilities/points/"
            + code
            + "/evidence/"
            + item
            + "?filename="
            + enc(item + " 文件"),
        type,
        body);
  }

  static HttpResponse<String> uploadVideo(String learner, String code, String item, int seconds) {
    return send(
        "/api/learners/"
            + learner
            + "/micro-abilities/points/"
            + code
            + "/evidence/"
            + item
            + "?durationSeconds="
            + seconds,
        "video/mp4",
        MP4);
  }

  static HttpResponse<String> send(String path, String type, byte[] body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl + path))
              .header("Authorization", Weineng.basic(server.adminUser, server.adminPassword))
              .header("Content-Type", type)
              .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> bytes(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl + path))
              .header("Authorization", Weineng.basic(server.adminUser, server.adminPassword))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  static void assertProblem(HttpResponse<String> r, int status, String mentions) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.body()).contains(mentions).doesNotContain("Exception");
  }

  static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }

  static JsonNode requirement(JsonNode standing, String key, String scope) {
    for (JsonNode r : standing.get("requirements")) {
      if (r.get("key").asText().equals(key)
          && (scope == null || scope.equals(r.path("scope").asText()))) {
        return r;
      }
    }
    throw new AssertionError("no requirement " + key + " " + scope + " in " + standing);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
