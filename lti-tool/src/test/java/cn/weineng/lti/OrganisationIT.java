package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.weineng.api.client.invoker.ApiException;
import cn.weineng.api.client.model.Identifier;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.Learner;
import cn.weineng.api.client.model.OrgGroup;
import cn.weineng.api.client.model.OrgUnit;
import cn.weineng.api.client.model.OrgUnitRequest;
import cn.weineng.api.client.model.RequirementResult;
import cn.weineng.api.client.model.Store;
import cn.weineng.api.client.model.UnitStanding;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An institute sets up its tree and teachers through the public interfaces: units with GB/T 2260
 * codes, a roster imported from CSV (refused whole on a broken row), people linked across an LMS
 * account and a vendor's mbox, and a county's standing with its organisation rules and rates.
 */
class OrganisationIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MOODLE = "https://moodle.fuyu.example.cn";
  static WeinengServer server;
  static Weineng api;
  static String store;
  static OrgUnit city;
  static IssuedLrsCredential vendor;

  @BeforeAll
  static void setUp() throws Exception {
    server = WeinengServer.get();
    api = new Weineng(server);
    store = "org-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(store).name("扶余市教师进修学校"));
    vendor = api.credential(store, "中国教师研修网");
    OrgUnit province =
        api.organisations.createUnit(
            new OrgUnitRequest().storeId(store).kind("province").name("吉林省").code("220000"));
    city =
        api.organisations.createUnit(
            new OrgUnitRequest()
                .storeId(store)
                .kind("city")
                .name("松原市")
                .code("220700")
                .parentId(province.getId()));
  }

  private static HttpResponse<String> roster(String unitId, String csv, String policy) {
    return api.admin(
        "POST",
        "/api/organisations/" + unitId + "/roster" + (policy == null ? "" : "?policy=" + policy),
        "text/csv; charset=UTF-8",
        csv);
  }

  @Test
  void regionCodesMustMatchTheirPlaceInTheTree() {
    assertThatThrownBy(
            () ->
                api.organisations.createUnit(
                    new OrgUnitRequest()
                        .storeId(store)
                        .kind("county")
                        .name("岳阳县")
                        .code("430621")
                        .parentId(city.getId())))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getResponseBody()).contains("\"code\"").contains("220700");
            });
    assertThatThrownBy(
            () ->
                api.organisations.createUnit(
                    new OrgUnitRequest()
                        .storeId(store)
                        .kind("county")
                        .name("扶余县")
                        .code("220781")
                        .parentId(city.getId())))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getResponseBody()).contains("扶余市"));
  }

  @Test
  void aRosterWithABrokenRowIsRefusedWholeNamingRowAndColumn() throws Exception {
    String csv =
        "县(市区),学校,姓名,学段,学科,班级\r\n" + "宁江区,松原市第二中学,王芳,初中,数学,一班\r\n" + "宁江区,松原市第二中学,李强,大学,物理,一班\r\n";
    HttpResponse<String> r = roster(city.getId(), csv, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.body()).contains("row 3, column segment");
    assertThat(api.organisations.listUnits(store, city.getId()))
        .as("nothing imported")
        .noneMatch(u -> u.getName().equals("宁江区"));

    // an ID number given as the teacher id is refused too (11010519491231002X has a valid check
    // character)
    HttpResponse<String> asId =
        roster(
            city.getId(),
            "county,school,name,teacher_id\n宁江区,松原市第二中学,王芳,11010519491231002X\n",
            null);
    assertThat(asId.statusCode()).isEqualTo(400);
    assertThat(asId.body())
        .contains("row 2, column teacher_id")
        .doesNotContain("11010519491231002X");

    HttpResponse<String> id =
        roster(city.getId(), "学校,姓名,身份证号码\r\n扶余市第二中学,王芳,220781199001011234\r\n", null);
    assertThat(id.statusCode()).isEqualTo(400);
    assertThat(id.body()).contains("身份证号").doesNotContain("220781199001011234");
  }

  @Test
  void aClassOverTheFuyuLimitIsRefusedOnImport() throws Exception {
    StringBuilder csv = new StringBuilder("county,school,name,subject,class\n");
    for (int i = 1; i <= 51; i++) {
      csv.append("乾安县,乾安县第三中学,教师").append(i).append(",语文,大班\n");
    }
    HttpResponse<String> r = roster(city.getId(), csv.toString(), "cn-jl-fuyu-2020");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("column class").contains("51").contains("50");
    assertThat(api.organisations.listUnits(store, city.getId()))
        .noneMatch(u -> u.getName().equals("乾安县"));
  }

  @Test
  void rosterPeopleAreOnePersonAcrossLmsAndVendorAndTheCountyIsJudged() throws Exception {
    String csv =
        "\uFEFF县(市区),学校,姓名,学段,学科,班级,工作坊,角色,工号,平台,平台账号,邮箱\r\n"
            + "扶余市,扶余市第一中学,张晓梅,初中,数学,一班,数学坊,教师,FY0001,"
            + MOODLE
            + ",u-1001,zxm@fy.example.cn\r\n"
            + "扶余市,扶余市第一中学,刘洋,初中,物理,一班,理科坊,教师,FY0002,"
            + MOODLE
            + ",u-1002,\r\n"
            + "扶余市,扶余市第一中学,陈静,初中,历史,一班,理科坊,教师,FY0003,,,\r\n"
            + "扶余市,扶余市第一中学,赵磊,初中,数学,,数学坊,坊主,FY0004,,,\r\n";
    HttpResponse<String> r = roster(city.getId(), csv, "cn-jl-fuyu-2020");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(r.body());
    assertThat(result.get("rows").asInt()).isEqualTo(4);
    assertThat(result.get("peopleCreated").asInt()).isEqualTo(4);
    // an import can be repeated: nothing new
    assertThat(JSON.readTree(roster(city.getId(), csv, null).body()).get("peopleCreated").asInt())
        .isZero();

    OrgUnit county =
        api.organisations.listUnits(store, city.getId()).stream()
            .filter(u -> u.getName().equals("扶余市"))
            .findFirst()
            .orElseThrow();
    OrgUnit school = api.organisations.listUnits(store, county.getId()).get(0);
    List<OrgGroup> groups = api.organisations.listGroups(school.getId());
    assertThat(groups).extracting(OrgGroup::getName).contains("一班", "数学坊", "理科坊");

    // the LMS account and the vendor's mbox are one teacher
    Learner byAccount = api.learners.findLearners(store, MOODLE, "u-1001", null).get(0);
    Learner byMail =
        api.learners.findLearners(store, null, null, "mailto:zxm@fy.example.cn").get(0);
    assertThat(byMail.getId()).isEqualTo(byAccount.getId());
    // the email in the body rather than the URL: the same answer
    assertThat(
            api.learners.searchLearners(
                new cn.weineng.api.client.model.LearnerSearch()
                    .storeId(store)
                    .mbox("mailto:zxm@fy.example.cn")))
        .extracting(Learner::getId)
        .containsExactly(byAccount.getId());
    assertThat(byAccount.getExternalId()).isEqualTo("FY0001");
    assertThat(byAccount.getSubject()).isEqualTo("数学");
    assertThat(byAccount.getSchoolId()).isEqualTo(school.getId());

    post(
        "{\"actor\":{\"mbox\":\"mailto:zxm@fy.example.cn\"},"
            + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            + "\"object\":{\"id\":\"https://practice.example.cn/fy/1\",\"definition\":{\"type\":"
            + "\"https://w3id.org/weineng/xapi/activity-types/practice\"}},"
            + "\"result\":{\"duration\":\"PT12H\"},\"timestamp\":\"2020-09-01T08:00:00Z\"}");
    assertThat(
            api.ledger
                .getLearnerStanding(byAccount.getId(), "cn-jl-fuyu-2020", null, null)
                .getHours())
        .anySatisfy(
            h -> {
              assertThat(h.getBucket()).isEqualTo("practice");
              assertThat(h.getHours()).isEqualTo(12.0);
            });

    // the county: 4 teachers, one took part; the 理科坊 mixes 物理 and 历史
    UnitStanding s = api.organisations.getUnitStanding(county.getId(), "cn-jl-fuyu-2020", null);
    assertThat(s.getTotal().getTeachers()).isEqualTo(4);
    assertThat(s.getTotal().getParticipating()).isEqualTo(1);
    assertThat(s.getTotal().getParticipationRate()).isEqualTo(0.25);
    assertThat(s.getTotal().getPassRate()).isEqualTo(0.0);
    assertThat(s.getRequirements())
        .extracting(RequirementResult::getKey)
        .contains(
            "organisation.class.maxSize",
            "organisation.workshop.maxPerSchool",
            "organisation.workshop.subjectGroup");
    assertThat(s.getRequirements())
        .filteredOn(x -> x.getKey().equals("organisation.workshop.subjectGroup") && !x.getMet())
        .singleElement()
        .satisfies(x -> assertThat(x.getReason().get("zh-CN")).contains("理科坊"));
    assertThat(s.getRulesMet()).isFalse();

    // under the national baseline the same teacher passes once her points are certified too (the
    // school circles, she submits, a colleague on the assessment team grades): 合格率 counts those
    // who take part, 目标达成率 every teacher
    cn.weineng.lti.support.Points.certify(
        api,
        school.getId(),
        byAccount.getId(),
        api.learners.findLearners(store, MOODLE, "u-1002", null).get(0).getId());
    for (String[] a :
        new String[][] {
          {"online-course", "PT25H", "2025-03-01"}, {"practice", "PT25H", "2025-04-01"}
        }) {
      post(
          "{\"actor\":{\"mbox\":\"mailto:zxm@fy.example.cn\"},"
              + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
              + "\"object\":{\"id\":\"https://yanxiu.example.cn/fy/"
              + a[0]
              + "\",\"definition\":{\"type\":"
              + "\"https://w3id.org/weineng/xapi/activity-types/"
              + a[0]
              + "\"}},\"result\":{\"duration\":\""
              + a[1]
              + "\"},\"timestamp\":\""
              + a[2]
              + "T08:00:00+08:00\"}");
    }
    UnitStanding n = api.organisations.getUnitStanding(county.getId(), "cn-national-2019", null);
    assertThat(n.getTotal().getTeachers()).isEqualTo(4);
    assertThat(n.getTotal().getParticipating()).isEqualTo(1);
    assertThat(n.getTotal().getQualified()).isEqualTo(1);
    assertThat(n.getTotal().getPassRate()).isEqualTo(1.0);
    assertThat(n.getTotal().getAchievementRate()).isEqualTo(0.25);
  }

  @Test
  void linkingMovesAVendorAccountsHoursAndUnlinkingRestoresThem() throws Exception {
    String vendorName = "vendor-" + UUID.randomUUID();
    Learner teacher =
        api.learners.createLearner(
            new cn.weineng.api.client.model.LearnerRequest().storeId(store).name("孙丽"));
    post(
        "{\"actor\":{\"account\":{\"homePage\":\"https://www.teacherclub.example.cn\",\"name\":\""
            + vendorName
            + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            + "\"object\":{\"id\":\"https://www.teacherclub.example.cn/course/9\",\"definition\":"
            + "{\"type\":\"http://adlnet.gov/expapi/activities/course\"}},"
            + "\"result\":{\"duration\":\"PT20H\"},\"timestamp\":\"2024-03-01T08:00:00Z\"}");
    Learner vendorPerson =
        api.learners
            .findLearners(store, "https://www.teacherclub.example.cn", vendorName, null)
            .get(0);
    assertThat(vendorPerson.getId()).isNotEqualTo(teacher.getId());
    assertThat(total(teacher)).isZero();
    assertThat(total(vendorPerson)).isEqualTo(20.0);

    Identifier id =
        new Identifier().homePage("https://www.teacherclub.example.cn").name(vendorName);
    Learner linked = api.learners.linkIdentity(teacher.getId(), id);
    assertThat(linked.getIdentities()).anyMatch(i -> i.contains(vendorName));
    assertThat(total(teacher)).isEqualTo(20.0);
    assertThat(total(vendorPerson)).isZero();

    Learner back = api.learners.unlinkIdentity(teacher.getId(), id);
    assertThat(back.getId()).isEqualTo(vendorPerson.getId());
    assertThat(total(teacher)).isZero();
    assertThat(total(vendorPerson)).isEqualTo(20.0);
  }

  @Test
  void aLaunchLinksByTheTeacherIdParameterOnlyWhereTheRegistrationTrustsIt() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String csv =
        "县(市区),学校,姓名,学科,工号\n"
            + "前郭县,前郭县第一中学,甲老师,语文,T"
            + tag
            + "1\n"
            + "前郭县,前郭县第一中学,乙老师,数学,T"
            + tag
            + "2\n";
    HttpResponse<String> r = roster(city.getId(), csv, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try (cn.weineng.lti.support.TestPlatform trusted = new cn.weineng.lti.support.TestPlatform();
        cn.weineng.lti.support.TestPlatform plain = new cn.weineng.lti.support.TestPlatform()) {
      api.platforms.createPlatform(
          new cn.weineng.api.client.model.PlatformRegistration()
              .name("松原 Moodle")
              .issuer(trusted.issuer)
              .clientId(trusted.clientId)
              .deploymentIds(List.of(trusted.deploymentId))
              .authUrl(trusted.authUrl())
              .tokenUrl(trusted.tokenUrl())
              .jwksUrl(trusted.jwksUrl())
              .storeId(store)
              .teacherIdParameter("teacher_id"));
      api.register(plain, store);

      // the trusted platform's admin set teacher_id=$Person.sourcedId: the account joins 甲老师
      String first = launch(trusted, Map.of("teacher_id", "T" + tag + "1"), null);
      assertThat(teacherOf(trusted, first).getExternalId()).isEqualTo("T" + tag + "1");
      // lis.person_sourcedid, when sent, wins over the parameter
      String second = launch(trusted, Map.of("teacher_id", "T" + tag + "1"), "T" + tag + "2");
      assertThat(teacherOf(trusted, second).getExternalId()).isEqualTo("T" + tag + "2");
      // another platform does not trust the parameter: the account stays its own person
      String third = launch(plain, Map.of("teacher_id", "T" + tag + "1"), null);
      assertThat(teacherOf(plain, third).getExternalId()).isNull();
    }
  }

  /** Launches a new account from the platform, with custom parameters and a sourced id. */
  private static String launch(
      cn.weineng.lti.support.TestPlatform lms, Map<String, String> custom, String sourcedId) {
    cn.weineng.lti.support.TestPlatform.LaunchSpec spec =
        new cn.weineng.lti.support.TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
    spec.tamper =
        c -> {
          c.claim("https://purl.imsglobal.org/spec/lti/claim/custom", custom);
          if (sourcedId != null) {
            c.claim(
                "https://purl.imsglobal.org/spec/lti/claim/lis",
                Map.of("person_sourcedid", sourcedId));
          }
          return c;
        };
    cn.weineng.lti.support.LtiBrowser.Result res =
        new cn.weineng.lti.support.LtiBrowser(server.baseUrl, lms).launch(spec);
    assertThat(res.status()).as(res.body()).isEqualTo(200);
    return spec.subject;
  }

  private static Learner teacherOf(cn.weineng.lti.support.TestPlatform lms, String subject)
      throws ApiException {
    List<Learner> found = api.learners.findLearners(store, lms.issuer, subject, null);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static double total(Learner l) throws ApiException {
    return api.ledger.getLearnerStanding(l.getId(), "cn-national-2019", null, null).getTotalHours();
  }

  private static void post(String statement) {
    HttpResponse<String> r = api.xapi("POST", "statements", vendor, "1.0.3", statement);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aJointClassIsRunByOneSchoolWithTeachersFromTwo() throws Exception {
    String csv =
        "county,school,name,subject,class,class_school\n"
            + "长岭县,长岭县第一中学,甲,语文,联片一班,长岭县第二中学\n"
            + "长岭县,长岭县第二中学,乙,数学,联片一班,\n"
            + "长岭县,长岭县第二中学,丙,英语,联片一班,长岭县第二中学\n";
    HttpResponse<String> r = roster(city.getId(), csv, "cn-jl-fuyu-2020");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    OrgUnit county =
        api.organisations.listUnits(store, city.getId()).stream()
            .filter(u -> u.getName().equals("长岭县"))
            .findFirst()
            .orElseThrow();
    OrgUnit second =
        api.organisations.listUnits(store, county.getId()).stream()
            .filter(u -> u.getName().equals("长岭县第二中学"))
            .findFirst()
            .orElseThrow();
    OrgUnit first =
        api.organisations.listUnits(store, county.getId()).stream()
            .filter(u -> u.getName().equals("长岭县第一中学"))
            .findFirst()
            .orElseThrow();
    assertThat(api.organisations.listGroups(first.getId())).isEmpty();
    OrgGroup joint = api.organisations.listGroups(second.getId()).get(0);
    assertThat(joint.getName()).isEqualTo("联片一班");
    assertThat(api.organisations.listMembers(joint.getId())).hasSize(3);
    RequirementResult size =
        api
            .organisations
            .getUnitStanding(county.getId(), "cn-jl-fuyu-2020", null)
            .getRequirements()
            .stream()
            .filter(x -> x.getKey().equals("organisation.class.maxSize"))
            .findFirst()
            .orElseThrow();
    assertThat(size.getFigures()).containsEntry("actual", 3).containsEntry("schools", 2);

    HttpResponse<String> unknown =
        roster(
            city.getId(), "county,school,name,class,class_school\n长岭县,长岭县第一中学,丁,二班,不存在中学\n", null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("row 2, column class_school");
  }
}
