package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.weineng.api.client.invoker.ApiException;
import cn.weineng.api.client.model.AssessmentScoreRequest;
import cn.weineng.api.client.model.CatalogueCourse;
import cn.weineng.api.client.model.CourseChoiceRequest;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.Learner;
import cn.weineng.api.client.model.LearnerAttributes;
import cn.weineng.api.client.model.RequirementResult;
import cn.weineng.api.client.model.Standing;
import cn.weineng.api.client.model.Store;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The region rules through the public interfaces only: a catalogue says what completing a Moodle
 * course is worth, logstore_xapi-shaped statements (no durations) earn those hours, and the
 * standing names every rule of Yueyang, Fuyu and the smart-school plan, met or not.
 */
class LedgerRulesIT {

  static WeinengServer server;
  static Weineng api;
  static String store;
  static IssuedLrsCredential moodle;
  static final String MOODLE = "https://moodle.example.cn";

  @BeforeAll
  static void start() throws Exception {
    server = WeinengServer.get();
    api = new Weineng(server);
    store = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(store).name("岳阳市中小学教师发展中心"));
    moodle = api.credential(store, "Moodle logstore_xapi");
  }

  /** A statement as Moodle's logstore_xapi sends a completion: cmi5 course type, no duration. */
  private static String completed(String user, String activity, String timestamp) {
    return """
        {"id":"%s","actor":{"objectType":"Agent","account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en":"completed"}},
         "object":{"objectType":"Activity","id":"%s",
                   "definition":{"type":"https://w3id.org/xapi/cmi5/activitytype/course"}},
         "timestamp":"%s"}"""
        .formatted(UUID.randomUUID(), MOODLE, user, activity, timestamp);
  }

  private static String post(String statement) {
    HttpResponse<String> r = api.xapi("POST", "statements", moodle, "1.0.3", statement);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().replaceAll("[\\[\\]\" ]", "");
  }

  private static CatalogueCourse course(String id, String activity, double hours, String kind) {
    return new CatalogueCourse()
        .storeId(store)
        .id(id)
        .activityId(activity)
        .title("课程 " + id)
        .nominalHours(hours)
        .kind(kind);
  }

  private static Learner learner(String user) throws ApiException {
    List<Learner> found = api.learners.findLearners(store, MOODLE, user, null);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Map<String, RequirementResult> byKey(Standing s) {
    return s.getRequirements().stream()
        .collect(
            Collectors.toMap(
                r -> r.getKey() + (r.getScope() == null ? "" : "@" + r.getScope()), r -> r));
  }

  @Test
  void anErasureTakesOnePersonsStatementsDocumentsAndHoursAndNothingElse() throws Exception {
    String activity =
        MOODLE + "/course/view.php?id=" + (1000 + new java.util.Random().nextInt(9000));
    api.ledger.createCatalogueCourse(
        course(
            "erase-" + UUID.randomUUID().toString().substring(0, 8),
            activity,
            20,
            "online-course"));
    String leaving = "erase-a-" + UUID.randomUUID();
    String staying = "erase-b-" + UUID.randomUUID();
    String agentA = "{\"account\":{\"homePage\":\"" + MOODLE + "\",\"name\":\"" + leaving + "\"}}";
    String agentB = "{\"account\":{\"homePage\":\"" + MOODLE + "\",\"name\":\"" + staying + "\"}}";
    post(completed(leaving, activity, "2021-09-10T08:00:00+08:00"));
    post(completed(staying, activity, "2021-09-11T08:00:00+08:00"));
    // a statement of B's that names A (as instructor) carries A's identifier too
    post(
        """
        {"actor":%s,"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},
         "object":{"id":"%s/mod/page/view.php?id=1"},"context":{"instructor":%s}}"""
            .formatted(agentB, MOODLE, agentA));
    // and one whose actor is an anonymous group A belongs to
    post(
        """
        {"actor":{"objectType":"Group","member":[%s,{"mbox":"mailto:peer@example.cn"}]},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},
         "object":{"id":"%s/mod/page/view.php?id=2"}}"""
            .formatted(agentA, MOODLE));
    String enc = java.net.URLEncoder.encode(agentA, java.nio.charset.StandardCharsets.UTF_8);
    String encB = java.net.URLEncoder.encode(agentB, java.nio.charset.StandardCharsets.UTF_8);
    String state =
        "activities/state?activityId="
            + java.net.URLEncoder.encode(activity, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            api.xapi("PUT", state + "&stateId=bookmark&agent=" + enc, moodle, "1.0.3", "{}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            api.xapi("PUT", state + "&stateId=bookmark&agent=" + encB, moodle, "1.0.3", "{}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            api.xapi("PUT", "agents/profile?profileId=p&agent=" + enc, moodle, "2.0.0", "{}")
                .statusCode())
        .isEqualTo(204);
    Learner a = learner(leaving);
    Learner b = learner(staying);
    assertThat(
            api.ledger
                .getLearnerStanding(a.getId(), "cn-hn-yueyang-2021", null, "zh-CN")
                .getTotalHours())
        .isEqualTo(20.0);

    HttpResponse<String> erased =
        api.admin(
            "POST",
            "/api/stores/" + store + "/erasures",
            "application/json",
            "{\"agent\":" + agentA + ",\"reason\":\"PIPL 删除请求\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode result =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(erased.body());
    assertThat(result.get("statements").asInt()).isEqualTo(3);
    assertThat(result.get("documents").asInt()).isEqualTo(2);
    assertThat(result.get("ledgerFacts").asInt()).isPositive();

    // nothing of A's is left in the LRS; B's own statement and document stay
    assertThat(
            api.xapi("GET", "statements?related_agents=true&agent=" + enc, moodle, "1.0.3", null)
                .body())
        .contains("\"statements\":[]");
    String bStatements =
        api.xapi("GET", "statements?related_agents=true&agent=" + encB, moodle, "1.0.3", null)
            .body();
    assertThat(bStatements).contains(staying).doesNotContain(leaving);
    assertThat(
            api.xapi("GET", state + "&stateId=bookmark&agent=" + enc, moodle, "1.0.3", null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            api.xapi("GET", state + "&stateId=bookmark&agent=" + encB, moodle, "1.0.3", null)
                .statusCode())
        .isEqualTo(200);
    // A's hours went with the statements; B's did not
    assertThat(
            api.ledger
                .getLearnerStanding(a.getId(), "cn-hn-yueyang-2021", null, "zh-CN")
                .getTotalHours())
        .isEqualTo(0.0);
    assertThat(
            api.ledger
                .getLearnerStanding(b.getId(), "cn-hn-yueyang-2021", null, "zh-CN")
                .getTotalHours())
        .isEqualTo(20.0);
    // again: nothing left to erase; a bad agent or an unknown store changes nothing
    HttpResponse<String> again =
        api.admin(
            "POST",
            "/api/stores/" + store + "/erasures",
            "application/json",
            "{\"agent\":" + agentA + ",\"reason\":\"again\"}");
    assertThat(again.body()).contains("\"statements\":0").contains("\"documents\":0");
    assertThat(
            api.admin(
                    "POST",
                    "/api/stores/" + store + "/erasures",
                    "application/json",
                    "{\"agent\":{\"name\":\"x\"},\"reason\":\"r\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            api.admin(
                    "POST",
                    "/api/stores/no-such-store/erasures",
                    "application/json",
                    "{\"agent\":" + agentB + ",\"reason\":\"r\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            api.xapi("GET", state + "&stateId=bookmark&agent=" + encB, moodle, "1.0.3", null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void moodleCompletionsEarnTheCatalogueHoursUnderYueyang() throws Exception {
    api.ledger.createCatalogueCourse(
        course("yy-workshop", MOODLE + "/course/view.php?id=11", 60, "online-course"));
    api.ledger.createCatalogueCourse(
        course("yy-research", MOODLE + "/mod/assign/view.php?id=12", 10, "school-based-research"));
    api.ledger.createCatalogueCourse(
        course("yy-assess", MOODLE + "/mod/quiz/view.php?id=13", 10, "application-assessment"));

    String user = "yy-" + UUID.randomUUID();
    post(completed(user, MOODLE + "/course/view.php?id=11", "2021-09-10T08:00:00+08:00"));
    String research =
        post(completed(user, MOODLE + "/mod/assign/view.php?id=12", "2021-10-10T08:00:00+08:00"));
    post(completed(user, MOODLE + "/mod/quiz/view.php?id=13", "2021-11-10T08:00:00+08:00"));

    Learner teacher = learner(user);
    Standing s =
        api.ledger.getLearnerStanding(teacher.getId(), "cn-hn-yueyang-2021", null, "zh-CN");
    assertThat(s.getPolicyId()).isEqualTo("cn-hn-yueyang-2021");
    assertThat(s.getTotalHours()).isEqualTo(80.0);
    assertThat(s.getCredits()).isEqualTo(80.0);
    // every hour rule is met; what the teacher lacks is her points (her school has not circled a
    // range: Yueyang's 校本应用考核 certifies points too)
    assertThat(s.getQualified()).as(s.toString()).isFalse();
    assertThat(s.getRequirements())
        .filteredOn(r -> !r.getMet())
        .extracting(RequirementResult::getKey)
        .containsExactly("points.selection.range");
    assertThat(byKey(s))
        .containsKeys(
            "hours.total.min",
            "hours.bucket.workshop.min",
            "hours.bucket.school_research.min",
            "hours.bucket.application_assessment.min");
    RequirementResult workshop = byKey(s).get("hours.bucket.workshop.min");
    assertThat(workshop.getFigures()).containsEntry("actual", 60).containsEntry("required", 60);
    assertThat(workshop.getReason()).containsKeys("zh-CN", "en");
    assertThat(workshop.getReason().get("zh-CN")).contains("工作坊混合式研修");

    // voiding the research completion removes exactly its 10 hours
    post(
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
         "object":{"objectType":"StatementRef","id":"%s"}}"""
            .formatted(MOODLE, user, research));
    Standing after =
        api.ledger.getLearnerStanding(teacher.getId(), "cn-hn-yueyang-2021", null, "en");
    assertThat(after.getTotalHours()).isEqualTo(70.0);
    assertThat(after.getQualified()).isFalse();
    RequirementResult unmet = byKey(after).get("hours.bucket.school_research.min");
    assertThat(unmet.getMet()).isFalse();
    assertThat(unmet.getReason().get("en")).contains("School-based research: 0 h");
  }

  @Test
  void aCourseListedAfterItsCompletionsCountsAfterARebuild() throws Exception {
    String user = "late-" + UUID.randomUUID();
    String activity = MOODLE + "/course/view.php?id=" + UUID.randomUUID();
    post(
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
         "object":{"id":"https://w3id.org/weineng/demo/practice-1",
                   "definition":{"type":"https://w3id.org/weineng/xapi/activity-types/practice"}},
         "result":{"duration":"PT2H"},"timestamp":"2022-03-01T08:00:00Z"}"""
            .formatted(MOODLE, user));
    post(completed(user, activity, "2022-03-02T08:00:00Z"));
    Learner teacher = learner(user);
    assertThat(
            api.ledger
                .getLearnerStanding(teacher.getId(), "cn-gx-beihai-2020", null, null)
                .getTotalHours())
        .isEqualTo(2.0);

    String courseId = "late-" + Integer.toHexString(user.hashCode());
    api.ledger.createCatalogueCourse(course(courseId, activity, 30, "workshop"));
    var rebuilt = api.ledger.rebuildLedger(store);
    assertThat(rebuilt.getStatements()).isGreaterThanOrEqualTo(2);
    Standing s = api.ledger.getLearnerStanding(teacher.getId(), "cn-gx-beihai-2020", null, null);
    assertThat(s.getTotalHours()).isEqualTo(32.0);
    assertThat(byKey(s).get("hours.bucket.online.min").getMet()).isTrue();
    assertThat(byKey(s).get("hours.bucket.practice.min").getMet()).isFalse();
    assertThat(s.getCertificateEligible()).isFalse();
    assertThat(api.ledger.listLearnerLedger(teacher.getId(), "cn-gx-beihai-2020").getLines())
        .anySatisfy(
            l -> {
              assertThat(l.getCatalogueCourseId()).isEqualTo(courseId);
              assertThat(l.getAmount()).isEqualTo(30.0);
              assertThat(l.getRulesetVersion()).isNotBlank();
            });

    // the institute corrects the entry: it counts at the new value after the next rebuild
    api.ledger.updateCatalogueCourse(courseId, course(courseId, activity, 20, "workshop"));
    assertThat(total(teacher)).isEqualTo(32.0);
    api.ledger.rebuildLedger(store);
    assertThat(total(teacher)).isEqualTo(22.0);
    // rebuilding again changes nothing
    api.ledger.rebuildLedger(store);
    assertThat(total(teacher)).isEqualTo(22.0);

    // and removes it: a Moodle course of cmi5 type alone earns nothing, so its row goes
    api.ledger.deleteCatalogueCourse(courseId, store);
    assertThat(api.ledger.listCatalogueCourses(store)).noneMatch(c -> c.getId().equals(courseId));
    api.ledger.rebuildLedger(store);
    assertThat(total(teacher)).isEqualTo(2.0);
  }

  private static double total(Learner teacher) throws ApiException {
    return api.ledger
        .getLearnerStanding(teacher.getId(), "cn-gx-beihai-2020", null, null)
        .getTotalHours();
  }

  @Test
  void fuyuJudgesCourseChoicesAndScoresFromTwoSources() throws Exception {
    String user = "fy-" + UUID.randomUUID();
    String activity = MOODLE + "/course/view.php?id=fy-" + UUID.randomUUID();
    String courseId = "fy-" + Integer.toHexString(user.hashCode());
    api.ledger.createCatalogueCourse(course(courseId, activity, 50, "online-course"));
    post(completed(user, activity, "2020-07-01T08:00:00Z"));
    Learner teacher = learner(user);

    // a choice outside the catalogue is refused, naming the field, and changes nothing
    assertThatThrownBy(
            () ->
                api.ledger.chooseCourse(
                    teacher.getId(), new CourseChoiceRequest().courseId("not-in-catalogue")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getResponseBody()).contains("courseId").contains("not-in-catalogue");
            });
    assertThat(api.ledger.listCourseChoices(teacher.getId())).isEmpty();

    api.ledger.recordScore(
        teacher.getId(),
        new AssessmentScoreRequest()
            .assessment("diagnostic")
            .source("provider")
            .value(72.0)
            .recordedAt(OffsetDateTime.parse("2020-06-01T08:00:00Z")));
    api.ledger.chooseCourse(
        teacher.getId(),
        new CourseChoiceRequest()
            .courseId(courseId)
            .chosenAt(OffsetDateTime.parse("2020-06-02T08:00:00Z")));
    api.ledger.recordScore(
        teacher.getId(),
        new AssessmentScoreRequest().assessment("training-online").source("provider").value(85.0));

    Standing s = api.ledger.getLearnerStanding(teacher.getId(), "cn-jl-fuyu-2020", null, null);
    Map<String, RequirementResult> r = byKey(s);
    assertThat(r.get("courseChoice.hours.min").getMet()).isTrue();
    assertThat(r.get("courseChoice.afterAssessment").getMet()).isTrue();
    assertThat(r.get("hours.bucket.online.min").getMet()).isTrue();
    assertThat(r.get("score.training-online.min").getMet()).isTrue();
    // the county has not scored the offline practice yet
    assertThat(r.get("score.training-offline.min").getMet()).isFalse();
    assertThat(s.getQualified()).isFalse();

    api.ledger.recordScore(
        teacher.getId(),
        new AssessmentScoreRequest().assessment("training-offline").source("county").value(61.0));
    assertThat(
            api.ledger
                .getLearnerStanding(teacher.getId(), "cn-jl-fuyu-2020", null, null)
                .getQualified())
        .isTrue();

    // a chosen course stays in the catalogue
    assertThatThrownBy(() -> api.ledger.deleteCatalogueCourse(courseId, store))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getResponseBody()).contains("course-chosen").contains(courseId);
            });
    assertThat(api.ledger.listCatalogueCourses(store)).anyMatch(c -> c.getId().equals(courseId));
  }

  @Test
  void smartClassroomLessonsPerSemesterDependOnAConsentedBirthYear() throws Exception {
    String user = "ss-" + UUID.randomUUID();
    for (String day : List.of("2026-09-10", "2026-10-10", "2026-11-10")) {
      post(
          """
          {"actor":{"account":{"homePage":"%s","name":"%s"}},
           "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
           "object":{"id":"https://school.example.cn/lesson/%s",
                     "definition":{"type":"https://w3id.org/weineng/xapi/activity-types/smart-classroom-lesson"}},
           "timestamp":"%sT08:00:00+08:00"}"""
              .formatted(MOODLE, user, UUID.randomUUID(), day));
    }
    Learner teacher = learner(user);
    OffsetDateTime asOf = OffsetDateTime.parse("2026-12-01T00:00:00Z");

    // no birth year: the stricter figure (4) applies
    Standing unknown =
        api.ledger.getLearnerStanding(teacher.getId(), "cn-smart-school-2023", asOf, null);
    RequirementResult fall = byKey(unknown).get("counter.smart_lessons.min@2026-fall");
    assertThat(fall.getFigures()).containsEntry("actual", 3).containsEntry("required", 4);
    assertThat(fall.getMet()).isFalse();

    // a birth year without consent is refused and stores nothing
    assertThatThrownBy(
            () ->
                api.learners.setLearnerAttributes(
                    teacher.getId(), new LearnerAttributes().subject("数学").birthYear(1970)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getResponseBody()).contains("birthYearConsent"));
    assertThat(api.learners.getLearner(teacher.getId()).getBirthYear()).isNull();

    // born 1970: 56 in 2026, over 45, so 2 lessons suffice
    Learner described =
        api.learners.setLearnerAttributes(
            teacher.getId(),
            new LearnerAttributes()
                .segment("初中")
                .subject("数学")
                .birthYear(1970)
                .birthYearConsent(true));
    assertThat(described.getSubject()).isEqualTo("数学");
    Standing older =
        api.ledger.getLearnerStanding(teacher.getId(), "cn-smart-school-2023", asOf, null);
    RequirementResult olderFall = byKey(older).get("counter.smart_lessons.min@2026-fall");
    assertThat(olderFall.getFigures()).containsEntry("required", 2);
    assertThat(olderFall.getMet()).isTrue();
    assertThat(byKey(older).get("hours.total.min").getMet()).isFalse();
  }

  @Test
  void badInputToTheLedgerApiNamesTheFieldAndChangesNothing() throws Exception {
    HttpResponse<String> badDate =
        api.admin("GET", "/api/learners/whoever/standing?asOf=yesterday", null, null);
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("asOf");
    assertThatThrownBy(
            () ->
                api.ledger.createCatalogueCourse(
                    course("x", MOODLE + "/course/view.php?id=x", 10, "online-course")
                        .storeId("no-such-store")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getResponseBody()).contains("storeId");
            });
  }

  @Test
  void theProfileIsPublishedAndAStatementBreakingItIsRefused() throws Exception {
    HttpResponse<String> profile = api.get("/xapi-profile");
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/ld+json");
    assertThat(profile.body())
        .contains("\"conformsTo\"")
        .contains("https://w3id.org/weineng/xapi/activity-types/online-course")
        .contains("https://w3id.org/weineng/xapi/extensions/nominal-hours");

    String user = "profile-" + UUID.randomUUID();
    String claims =
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
         "object":{"id":"https://courses.example.cn/c/%s","definition":{"type":"%s",
           "extensions":{"https://w3id.org/weineng/xapi/extensions/nominal-hours":%s}}},
         "context":{"contextActivities":{"category":[{"id":"https://w3id.org/weineng/xapi/profile/v1"}]}},
         "timestamp":"2026-03-01T08:00:00Z"}""";
    HttpResponse<String> bad =
        api.xapi(
            "POST",
            "statements",
            moodle,
            "1.0.3",
            claims.formatted(
                MOODLE,
                user,
                UUID.randomUUID(),
                "https://w3id.org/weineng/xapi/activity-types/lecture",
                "-3"));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body())
        .contains("statement.object.definition.type")
        .contains("nominal-hours")
        .contains("above 0");

    HttpResponse<String> good =
        api.xapi(
            "POST",
            "statements",
            moodle,
            "1.0.3",
            claims.formatted(
                MOODLE,
                user,
                UUID.randomUUID(),
                "https://w3id.org/weineng/xapi/activity-types/online-course",
                "12.5"));
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    Standing s =
        api.ledger.getLearnerStanding(learner(user).getId(), "cn-national-2019", null, null);
    assertThat(s.getTotalHours()).isEqualTo(12.5);
  }

  @Test
  void aProviderReportsItsScoreInAStatementAndVoidingItRemovesTheScore() throws Exception {
    String user = "score-" + UUID.randomUUID();
    String scored =
        post(
            """
            {"actor":{"account":{"homePage":"%s","name":"%s"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/scored"},
             "object":{"id":"https://www.teacherclub.example.cn/assessment/online",
                       "definition":{"type":"https://w3id.org/weineng/xapi/activity-types/assessment"}},
             "result":{"score":{"raw":43,"min":0,"max":50}},
             "context":{"contextActivities":{"category":[{"id":"https://w3id.org/weineng/xapi/profile/v1"}]},
                        "extensions":{"https://w3id.org/weineng/xapi/extensions/assessment":"training-online",
                                      "https://w3id.org/weineng/xapi/extensions/score-source":"provider"}},
             "timestamp":"2020-07-15T08:00:00Z"}"""
                .formatted(MOODLE, user));
    Learner teacher = learner(user);
    assertThat(api.ledger.listScores(teacher.getId()))
        .singleElement()
        .satisfies(
            sc -> {
              assertThat(sc.getAssessment()).isEqualTo("training-online");
              assertThat(sc.getSource()).isEqualTo("provider");
              assertThat(sc.getValue()).isEqualTo(43.0);
              assertThat(sc.getMax()).isEqualTo(50.0);
            });
    RequirementResult online =
        byKey(api.ledger.getLearnerStanding(teacher.getId(), "cn-jl-fuyu-2020", null, null))
            .get("score.training-online.min");
    assertThat(online.getMet()).isTrue();
    assertThat(online.getFigures()).containsEntry("actual", 86);

    // an assessment that claims the profile but names no assessment is refused
    HttpResponse<String> bad =
        api.xapi(
            "POST",
            "statements",
            moodle,
            "1.0.3",
            """
            {"actor":{"account":{"homePage":"%s","name":"%s"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/scored"},
             "object":{"id":"https://www.teacherclub.example.cn/assessment/online",
                       "definition":{"type":"https://w3id.org/weineng/xapi/activity-types/assessment"}},
             "result":{"score":{"scaled":0.9}},
             "context":{"contextActivities":{"category":[{"id":"https://w3id.org/weineng/xapi/profile/v1"}]}}}"""
                .formatted(MOODLE, user));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("https://w3id.org/weineng/xapi/extensions/assessment");

    post(
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
         "object":{"objectType":"StatementRef","id":"%s"}}"""
            .formatted(MOODLE, user, scored));
    assertThat(api.ledger.listScores(teacher.getId())).isEmpty();
  }

  @Test
  void aDiffShowsWhoWouldChangeUnderOtherSettingsAndChangesNothing() throws Exception {
    String diffStore = "diff-" + UUID.randomUUID().toString().substring(0, 8);
    api.lrs.createStore(new Store().id(diffStore).name("diff"));
    IssuedLrsCredential c = api.credential(diffStore, "vendor");
    for (String[] t : new String[][] {{"d-55", "PT55H"}, {"d-65", "PT65H"}}) {
      HttpResponse<String> r =
          api.xapi(
              "POST",
              "statements",
              c,
              "1.0.3",
              """
              {"actor":{"account":{"homePage":"%s","name":"%s"}},
               "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
               "object":{"id":"https://courses.example.cn/smart/1","definition":{"type":
                 "https://w3id.org/weineng/xapi/activity-types/online-course"}},
               "result":{"duration":"%s"},"timestamp":"2024-05-01T08:00:00Z"}"""
                  .formatted(MOODLE, t[0], t[1]));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    // the smart-school plan asks 60 h: 65 passes its hour rule, 55 does not; at 50 both would
    var d =
        api.ledger.diffLedger(
            diffStore,
            new cn.weineng.api.client.model.LedgerDiffRequest()
                .policyId("cn-smart-school-2023")
                .settings(java.util.Map.of("hours.total.min", "50"))
                .asOf(OffsetDateTime.parse("2024-06-01T00:00:00Z")));
    assertThat(d.getStatements()).isEqualTo(2);
    assertThat(d.getChanges())
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.getFlipped()).containsExactly("hours.total.min");
              assertThat(ch.getLive().getUnmet()).contains("hours.total.min");
              assertThat(ch.getCandidate().getUnmet()).doesNotContain("hours.total.min");
            });
    String changed = d.getChanges().get(0).getLearnerId();
    assertThat(api.learners.getLearner(changed).getIdentities()).anyMatch(i -> i.endsWith("d-55"));
    // nothing changed in the live records
    assertThat(
            byKey(
                    api.ledger.getLearnerStanding(
                        changed,
                        "cn-smart-school-2023",
                        OffsetDateTime.parse("2024-06-01T00:00:00Z"),
                        null))
                .get("hours.total.min")
                .getMet())
        .isFalse();
    // a setting the policy refuses is a 400 naming it
    assertThatThrownBy(
            () ->
                api.ledger.diffLedger(
                    diffStore,
                    new cn.weineng.api.client.model.LedgerDiffRequest()
                        .policyId("cn-smart-school-2023")
                        .settings(java.util.Map.of("hours.total.min", "lots"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getResponseBody()).contains("hours.total.min");
            });
  }

  @Test
  void aMoodleSubmissionCountsWhenTheCatalogueSaysSubmittingCompletesTheAssignment()
      throws Exception {
    String assignment =
        MOODLE + "/mod/assign/view.php?id=" + (1000 + new java.util.Random().nextInt(100000));
    api.ledger.createCatalogueCourse(
        course("sub-" + UUID.randomUUID().toString().substring(0, 8), assignment, 6, "practice")
            .verbs(List.of("http://activitystrea.ms/schema/1.0/submit")));
    String user = "sub-" + UUID.randomUUID();
    // as logstore_xapi sends an assignment submission: a part of the assignment, no duration
    post(
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://activitystrea.ms/schema/1.0/submit","display":{"en":"Submitted"}},
         "object":{"objectType":"Activity","id":"%s#submission","definition":{"type":
           "https://xapi.edlm/profiles/edlm-lms/concepts/activity-types/submission"}},
         "timestamp":"2026-04-01T08:00:00+08:00"}"""
            .formatted(MOODLE, user, assignment));
    // viewing it earns nothing
    post(
        """
        {"actor":{"account":{"homePage":"%s","name":"%s"}},
         "verb":{"id":"http://id.tincanapi.com/verb/viewed"},
         "object":{"objectType":"Activity","id":"%s"},
         "timestamp":"2026-04-01T07:00:00+08:00"}"""
            .formatted(MOODLE, user, assignment));
    Standing s =
        api.ledger.getLearnerStanding(learner(user).getId(), "cn-gx-beihai-2020", null, null);
    assertThat(s.getHours())
        .anySatisfy(
            h -> {
              assertThat(h.getBucket()).isEqualTo("practice");
              assertThat(h.getHours()).isEqualTo(6.0);
            });
    assertThat(s.getTotalHours()).isEqualTo(6.0);
  }
}
