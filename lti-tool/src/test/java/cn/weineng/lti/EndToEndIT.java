package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.BucketHours;
import cn.weineng.api.client.model.Course;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.LearnerProgress;
import cn.weineng.lti.support.LtiBrowser;
import cn.weineng.lti.support.TestPlatform;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.adlnet.xapi.client.StatementClient;
import gov.adlnet.xapi.model.Account;
import gov.adlnet.xapi.model.Activity;
import gov.adlnet.xapi.model.ActivityDefinition;
import gov.adlnet.xapi.model.Agent;
import gov.adlnet.xapi.model.Result;
import gov.adlnet.xapi.model.Statement;
import gov.adlnet.xapi.model.Verb;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The whole chain on the real stack: an LMS launches Weineng, the launch lands in the LRS, a
 * vendor's statements arrive through ADL's own xAPI client, the ledger turns them into hours under
 * the national baseline, and the progress API, the CSV report and the launch page agree.
 */
@Order(1)
class EndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static WeinengServer server;
  static Weineng api;
  static TestPlatform lms;
  static LtiBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    server = WeinengServer.get();
    api = new Weineng(server);
    lms = new TestPlatform();
    api.register(lms, "default");
    browser = new LtiBrowser(server.baseUrl, lms);
  }

  @AfterAll
  static void stop() {
    lms.close();
  }

  @Test
  void launchStatementsProgressReportAndPageAgree() throws Exception {
    TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
    spec.name = "张晓梅";

    // 1. the LMS launches Weineng: the page shows who, which course, and no hours yet
    LtiBrowser.Result first = browser.launch(spec);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.body())
        .contains("张晓梅")
        .contains(spec.contextTitle)
        .contains("尚未合格")
        .contains("<td id=\"total\">0</td>");

    // 2. the launch is an xAPI statement in the store: account actor, launched verb, resource link,
    // LTI context
    IssuedLrsCredential vendor = api.credential("default", "online course vendor");
    String agent =
        URLEncoder.encode(
            "{\"account\":{\"homePage\":\"" + lms.issuer + "\",\"name\":\"" + spec.subject + "\"}}",
            StandardCharsets.UTF_8);
    JsonNode launched =
        JSON.readTree(api.xapi("GET", "statements?agent=" + agent, vendor, "1.0.3", null).body())
            .get("statements");
    assertThat(launched).hasSize(1);
    JsonNode s = launched.get(0);
    assertThat(s.at("/actor/account/homePage").asText()).isEqualTo(lms.issuer);
    assertThat(s.at("/actor/account/name").asText()).isEqualTo(spec.subject);
    assertThat(s.at("/actor/name").isMissingNode()).as("no personal name in the LRS").isTrue();
    assertThat(s.at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/launched");
    assertThat(s.at("/object/id").asText()).contains("/resource-link/rl-1");
    assertThat(s.at("/context/contextActivities/parent/0/definition/name/und").asText())
        .isEqualTo(spec.contextTitle);
    JsonNode lti =
        s.at("/context/extensions").get("https://w3id.org/weineng/xapi/extensions/lti-launch");
    assertThat(lti.get("deployment_id").asText()).isEqualTo(lms.deploymentId);
    assertThat(lti.get("context_id").asText()).isEqualTo(spec.contextId);

    // 3. a vendor reports a completed online course and a practice activity with ADL's xAPI client
    StatementClient client =
        new StatementClient(server.baseUrl + "/xapi/", vendor.getKey(), vendor.getSecret());
    String online =
        client.postStatement(
            completed(
                spec.subject,
                "https://courses.example.cn/c/2026-101",
                "http://adlnet.gov/expapi/activities/course",
                "PT26H30M"));
    String practice =
        client.postStatement(
            completed(
                spec.subject,
                "https://school.example.cn/practice/A1-plan",
                "https://w3id.org/weineng/xapi/activity-types/practice",
                "PT27H"));
    assertThat(online).isNotBlank();
    assertThat(client.getStatement(practice).getResult().getDuration()).isEqualTo("PT27H");

    // 4. the progress API: 26.5 + 27 = 53.5 hours, practice 50.5 % → qualified under the national
    // baseline
    Course course = api.progress.listCourses(null, spec.contextId).get(0);
    assertThat(course.getTitle()).isEqualTo(spec.contextTitle);
    assertThat(course.getLearnerCount()).isEqualTo(1);
    List<LearnerProgress> learners = api.progress.listCourseLearners(course.getId(), null, "en");
    assertThat(learners).hasSize(1);
    LearnerProgress p = learners.get(0);
    assertThat(p.getName()).isEqualTo("张晓梅");
    assertThat(p.getLtiUserId()).isEqualTo(spec.subject);
    assertThat(p.getPolicyId()).isEqualTo("cn-national-2019");
    Map<String, Double> hours =
        p.getHours().stream()
            .collect(Collectors.toMap(BucketHours::getBucket, BucketHours::getHours));
    assertThat(hours).containsExactlyInAnyOrderEntriesOf(Map.of("online", 26.5, "practice", 27.0));
    assertThat(p.getTotalHours()).isEqualTo(53.5);
    // the hours qualify; the verdict waits for the teacher's points (her school has not circled a
    // range yet), and says so
    assertThat(p.getQualified()).isFalse();
    assertThat(p.getReasons())
        .filteredOn(r -> !r.getMet())
        .extracting(r -> r.getCode())
        .containsExactly("points.selection.range");
    assertThat(
            api.progress
                .getLearnerProgress(p.getLearnerId(), null, "zh-CN")
                .getReasons()
                .get(0)
                .getMessage())
        .contains("53.5");

    // 5. the CSV report says the same
    String csv =
        Files.readString(
            api.progress.getCourseReport(course.getId(), null, "zh-CN").toPath(),
            StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF");
    List<String> lines = csv.substring(1).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "learner_id,name,lti_user_id,hours_online,hours_practice,total_hours,qualified,reasons");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .isEqualTo(
            p.getLearnerId() + ",张晓梅," + spec.subject + ",26.5,27,53.5,不合格,学校尚未圈定微能力点范围，暂不能选点和认证。");

    // 6. and so does the page at the next launch
    LtiBrowser.Result second = browser.launch(spec);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body())
        .contains("<td id=\"total\">53.5</td>")
        .doesNotContain("class=\"verdict ok\"")
        .contains("学校尚未圈定微能力点范围");
  }

  @Test
  void aLearnerShortOfPracticeIsNotQualifiedAndTheReportSaysWhy() throws Exception {
    TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(server.baseUrl + "/lti/launch");
    spec.name = "李明";
    spec.locale = "en";
    assertThat(browser.launch(spec).body()).contains("Hello, 李明").contains("Not yet qualified");
    IssuedLrsCredential vendor = api.credential("default", "vendor 2");
    StatementClient client =
        new StatementClient(server.baseUrl + "/xapi/", vendor.getKey(), vendor.getSecret());
    String online =
        client.postStatement(
            completed(
                spec.subject,
                "https://courses.example.cn/c/9",
                "http://adlnet.gov/expapi/activities/course",
                "PT45H"));
    client.postStatement(
        completed(
            spec.subject,
            "https://school.example.cn/practice/B3",
            "https://w3id.org/weineng/xapi/activity-types/practice",
            "PT10H"));

    Course course = api.progress.listCourses(null, spec.contextId).get(0);
    LearnerProgress p = api.progress.listCourseLearners(course.getId(), null, "en").get(0);
    assertThat(p.getTotalHours()).isEqualTo(55.0);
    assertThat(p.getQualified()).isFalse();
    String csv =
        Files.readString(
            api.progress.getCourseReport(course.getId(), null, "en").toPath(),
            StandardCharsets.UTF_8);
    assertThat(csv.substring(1).lines().toList().get(1))
        .isEqualTo(
            p.getLearnerId()
                + ",李明,"
                + spec.subject
                + ",45,10,55,no,\"Practice: 10 h, 18.1% of the total, below the required 50%."
                + " The school has not circled its range of micro-ability points yet, so no point"
                + " can be selected and certified.\"");

    // voiding the online course takes its hours out of the ledger
    HttpResponse<String> voided =
        api.xapi(
            "POST",
            "statements",
            vendor,
            "1.0.3",
            "{\"actor\":{\"mbox\":\"mailto:registrar@example.cn\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},"
                + "\"object\":{\"objectType\":\"StatementRef\",\"id\":\""
                + online
                + "\"}}");
    assertThat(voided.statusCode()).isEqualTo(200);
    LearnerProgress after = api.progress.getLearnerProgress(p.getLearnerId(), null, "en");
    assertThat(after.getTotalHours()).isEqualTo(10.0);
    assertThat(after.getHours()).extracting(BucketHours::getHours).containsExactly(0.0, 10.0);
  }

  static Statement completed(String sub, String activityId, String type, String duration) {
    Account account = new Account();
    account.setHomePage(lms.issuer);
    account.setName(sub);
    Agent agent = new Agent(null, account);
    HashMap<String, String> display = new HashMap<>();
    display.put("en-US", "completed");
    Verb verb = new Verb("http://adlnet.gov/expapi/verbs/completed", display);
    ActivityDefinition def = new ActivityDefinition();
    def.setType(type);
    HashMap<String, String> name = new HashMap<>();
    name.put("zh-CN", "课程");
    def.setName(name);
    Statement st = new Statement(agent, verb, new Activity(activityId, def));
    Result result = new Result();
    result.setCompletion(true);
    result.setDuration(duration);
    st.setResult(result);
    return st;
  }
}
