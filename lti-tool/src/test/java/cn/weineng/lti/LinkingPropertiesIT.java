package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.api.client.model.Identifier;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.Learner;
import cn.weineng.api.client.model.LearnerRequest;
import cn.weineng.api.client.model.Store;
import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Linking then unlinking restores both records, as a property over the real application and
 * database: for any activities of a teacher and of a vendor account that is not yet linked to her,
 * linking the account moves exactly its activities to the teacher (her lines become the union of
 * both, the account's person keeps none), and unlinking it gives both people back the very
 * standings and ledger lines they had, under every policy judged.
 */
class LinkingPropertiesIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String VENDOR = "https://www.teacherclub.example.cn";
  static final String AS_OF = "2025-06-30T16:00:00Z";
  static final List<String> POLICIES = List.of("cn-national-2019", "cn-hn-yueyang-2021");
  static final List<String> KINDS =
      List.of(
          "online-course",
          "workshop",
          "practice",
          "school-based-research",
          "application-assessment",
          "smart-classroom-lesson");

  private static Weineng api;
  private static String store;
  private static IssuedLrsCredential credential;

  /** One statement: what kind of activity, which of a few activities, how long, when. */
  record Act(String kind, int activity, int hours, int day, boolean completed) {}

  private static synchronized Weineng api() throws Exception {
    if (api == null) {
      Weineng w = new Weineng(WeinengServer.get());
      store = "link-" + UUID.randomUUID().toString().substring(0, 8);
      w.lrs.createStore(new Store().id(store).name("链接属性"));
      credential = w.credential(store, "属性测试");
      api = w;
    }
    return api;
  }

  @Provide
  Arbitrary<Act> act() {
    return Combinators.combine(
            Arbitraries.of(KINDS),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 30),
            Arbitraries.integers().between(0, 900),
            Arbitraries.of(true, true, true, false))
        .as(Act::new);
  }

  @Property(tries = 12)
  void linkingThenUnlinkingRestoresBothRecords(
      @ForAll @Size(max = 4) List<@From("act") Act> teacherActs,
      @ForAll @Size(max = 4) List<@From("act") Act> vendorActs)
      throws Exception {
    Weineng w = api();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Learner teacher =
        w.learners.createLearner(new LearnerRequest().storeId(store).name("教师" + tag));
    String mbox = "mailto:t-" + tag + "@school.example.cn";
    w.learners.linkIdentity(teacher.getId(), new Identifier().mbox(mbox));
    for (Act a : teacherActs) {
      post("{\"mbox\":\"" + mbox + "\"}", a, tag);
    }
    String vendorName = "v-" + tag;
    String vendorActor =
        "{\"account\":{\"homePage\":\"" + VENDOR + "\",\"name\":\"" + vendorName + "\"}}";
    // the account's first completion creates its person
    post(vendorActor, new Act("online-course", 9, 5, 100, true), tag);
    for (Act a : vendorActs) {
      post(vendorActor, a, tag);
    }
    String vendorPerson = w.learners.findLearners(store, VENDOR, vendorName, null).get(0).getId();

    List<JsonNode> before = records(teacher.getId(), vendorPerson);

    Identifier account = new Identifier().homePage(VENDOR).name(vendorName);
    w.learners.linkIdentity(teacher.getId(), account);
    for (String policy : POLICIES) {
      List<String> union = new ArrayList<>(statementIds(lines(teacher.getId(), policy, before)));
      union.addAll(statementIds(linesOf(before, vendorPerson, policy)));
      assertThat(statementIds(ledger(teacher.getId(), policy)))
          .containsExactlyInAnyOrderElementsOf(union);
      assertThat(ledger(vendorPerson, policy).path("lines")).isEmpty();
    }

    Learner back = w.learners.unlinkIdentity(teacher.getId(), account);
    assertThat(back.getId()).isEqualTo(vendorPerson);
    assertThat(records(teacher.getId(), vendorPerson)).isEqualTo(before);
  }

  /** Both people's standings and ledger lines under every policy judged, as the API answers. */
  private List<JsonNode> records(String teacher, String vendorPerson) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String person : List.of(teacher, vendorPerson)) {
      for (String policy : POLICIES) {
        out.add(standing(person, policy));
        out.add(ledger(person, policy));
      }
    }
    return out;
  }

  private static List<String> statementIds(JsonNode ledger) {
    List<String> ids = new ArrayList<>();
    ledger.path("lines").forEach(l -> ids.add(l.get("statementId").asText() + "/" + l.get("key")));
    return ids;
  }

  private static JsonNode lines(String person, String policy, List<JsonNode> records) {
    return linesOf(records, person, policy);
  }

  private static JsonNode linesOf(List<JsonNode> records, String person, String policy) {
    for (JsonNode r : records) {
      if (r.has("lines")
          && r.get("learnerId").asText().equals(person)
          && r.get("policyId").asText().equals(policy)) {
        return r;
      }
    }
    throw new AssertionError("no ledger of " + person + " under " + policy);
  }

  private JsonNode standing(String person, String policy) throws Exception {
    JsonNode s = get("/api/learners/" + person + "/standing?policy=" + policy + "&asOf=" + AS_OF);
    return s;
  }

  private JsonNode ledger(String person, String policy) throws Exception {
    return get("/api/learners/" + person + "/ledger?policy=" + policy);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = api().admin("GET", path, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private void post(String actor, Act a, String tag) throws Exception {
    String body =
        "{\"actor\":"
            + actor
            + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
            + (a.completed() ? "completed" : "attempted")
            + "\"},\"object\":{\"id\":\"https://act.example.cn/"
            + tag
            + "/"
            + a.kind()
            + "/"
            + a.activity()
            + "\",\"definition\":{\"type\":\"https://w3id.org/weineng/xapi/activity-types/"
            + a.kind()
            + "\"}},\"result\":{\"completion\":true,\"duration\":\"PT"
            + a.hours()
            + "H\"},\"timestamp\":\""
            + java.time.Instant.parse("2023-01-01T02:00:00Z").plusSeconds(86_400L * a.day())
            + "\"}";
    HttpResponse<String> r = api().xapi("POST", "statements", credential, "1.0.3", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
