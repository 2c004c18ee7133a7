package cn.weineng.xapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StatementValidator v1 = new StatementValidator(XapiVersion.V1_0_3);
  private final StatementValidator v2 = new StatementValidator(XapiVersion.V2_0_0);

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String ACTOR =
      "{'account':{'homePage':'https://moodle.example.cn','name':'42'}}";
  private static final String VERB =
      "{'id':'http://adlnet.gov/expapi/verbs/completed','display':{'zh-CN':'完成'}}";
  private static final String OBJECT =
      "{'id':'https://courses.example.cn/c/1','definition':{'type':'http://adlnet.gov/expapi/activities/course','name':{'en':'Course'}}}";

  private static String statement(String extra) {
    return "{'actor':" + ACTOR + ",'verb':" + VERB + ",'object':" + OBJECT + extra + "}";
  }

  @Test
  void acceptsAMinimalStatement() {
    assertThat(v1.validate(json(statement("")), "statement")).isEmpty();
  }

  @Test
  void acceptsAFullStatement() {
    String full =
        statement(
            ",'id':'6e2f0a52-1c5b-4d9e-9c1a-2b3c4d5e6f70','timestamp':'2026-11-30T08:00:00+08:00',"
                + "'result':{'score':{'scaled':0.8,'raw':8,'min':0,'max':10},'success':true,'completion':true,'duration':'PT1H30M',"
                + "'extensions':{'https://w3id.org/weineng/x':1}},"
                + "'context':{'registration':'6e2f0a52-1c5b-4d9e-9c1a-2b3c4d5e6f71','platform':'Moodle','language':'zh-CN',"
                + "'contextActivities':{'parent':{'id':'https://moodle.example.cn/course/7'},'grouping':[{'id':'https://x.cn/g'}]},"
                + "'instructor':{'mbox':'mailto:t@example.cn'}}");
    assertThat(v1.validate(json(full), "statement")).isEmpty();
  }

  @Test
  void reportsEveryViolationWithItsPath() {
    String bad =
        "{'actor':{'mbox':'teacher@example.cn'},'verb':{'id':'completed'},'object':{'id':'https://x.cn/a'},"
            + "'result':{'score':{'scaled':1.5},'duration':'90 minutes'},'colour':'red'}";
    List<Violation> v = v1.validate(json(bad), "statements[2]");
    assertThat(v)
        .extracting(Violation::path)
        .contains(
            "statements[2].actor.mbox",
            "statements[2].verb.id",
            "statements[2].result.score.scaled",
            "statements[2].result.duration",
            "statements[2].colour");
  }

  @Test
  void requiresExactlyOneIdentifierOnAnAgent() {
    String two =
        "{'actor':{'mbox':'mailto:a@b.cn','openid':'https://id.example.cn/a'},'verb':"
            + VERB
            + ",'object':"
            + OBJECT
            + "}";
    assertThat(v1.validate(json(two), "s")).extracting(Violation::path).contains("s.actor");
    String none = "{'actor':{'name':'Zhang San'},'verb':" + VERB + ",'object':" + OBJECT + "}";
    assertThat(v1.validate(json(none), "s"))
        .extracting(Violation::message)
        .anyMatch(m -> m.contains("exactly one"));
  }

  @Test
  void requiresMembersOnAnAnonymousGroup() {
    String group =
        "{'actor':{'objectType':'Group','name':'坊'},'verb':" + VERB + ",'object':" + OBJECT + "}";
    assertThat(v1.validate(json(group), "s"))
        .extracting(Violation::path)
        .contains("s.actor.member");
  }

  @Test
  void refusesNestedSubStatementsAndVoidingNonRefs() {
    String nested =
        "{'actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':{'objectType':'SubStatement','actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':{'objectType':'SubStatement','actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':"
            + OBJECT
            + "}}}";
    assertThat(v1.validate(json(nested), "s"))
        .extracting(Violation::path)
        .contains("s.object.object.objectType");
    String voiding =
        "{'actor':"
            + ACTOR
            + ",'verb':{'id':'http://adlnet.gov/expapi/verbs/voided'},'object':"
            + OBJECT
            + "}";
    assertThat(v1.validate(json(voiding), "s"))
        .extracting(Violation::path)
        .contains("s.object.objectType");
  }

  @Test
  void checksTimestampsByVersion() {
    assertThat(v1.validate(json(statement(",'timestamp':'2026-11-30T08:00:00'")), "s")).isEmpty();
    assertThat(v2.validate(json(statement(",'timestamp':'2026-11-30T08:00:00'")), "s"))
        .extracting(Violation::path)
        .contains("s.timestamp");
    assertThat(v1.validate(json(statement(",'timestamp':'2026-11-30T08:00:00-00:00'")), "s"))
        .isNotEmpty();
    assertThat(v1.validate(json(statement(",'timestamp':'2026-13-40T08:00:00Z'")), "s"))
        .isNotEmpty();
  }

  @Test
  void acceptsContextAgentsOnlyInVersion2() {
    String ctx =
        statement(
            ",'context':{'contextAgents':[{'objectType':'contextAgent','agent':{'mbox':'mailto:expert@example.cn'},"
                + "'relevantTypes':['https://w3id.org/weineng/xapi/roles/reviewer']}]}");
    assertThat(v2.validate(json(ctx), "s")).isEmpty();
    assertThat(v1.validate(json(ctx), "s"))
        .extracting(Violation::path)
        .contains("s.context.contextAgents");
  }

  @Test
  void refusesRevisionWhenTheObjectIsAnAgent() {
    String s =
        "{'actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':{'objectType':'Agent','mbox':'mailto:a@b.cn'},'context':{'revision':'1'}}";
    assertThat(v1.validate(json(s), "s")).extracting(Violation::path).contains("s.context");
  }

  @Test
  void refusesRevisionAndPlatformUnlessTheObjectIsAnActivity() {
    String ref =
        "{'actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':{'objectType':'StatementRef','id':'6e2f0a52-1c5b-4d9e-9c1a-2b3c4d5e6f70'},'context':{'platform':'Moodle'}}";
    assertThat(v1.validate(json(ref), "s")).extracting(Violation::path).contains("s.context");
  }

  @Test
  void holdsTheVersionPropertyToTheHeadersFamily() {
    assertThat(v1.validate(json(statement(",'version':'1.0.3'")), "s")).isEmpty();
    assertThat(v1.validate(json(statement(",'version':'2.0.0'")), "s"))
        .extracting(Violation::path)
        .containsExactly("s.version");
    assertThat(v2.validate(json(statement(",'version':'2.0.0'")), "s")).isEmpty();
    assertThat(v2.validate(json(statement(",'version':'1.0.9'")), "s"))
        .as("2.0 takes 1.0.x statements")
        .isEmpty();
    assertThat(v2.validate(json(statement(",'version':'3.0.0'")), "s")).isNotEmpty();
  }

  @Test
  void takesAttachmentsWithoutFileUrlLeavingTheirContentToTheStore() {
    // the content comes as a part of a multipart request; whether it came is the store's check
    String a =
        statement(
            ",'attachments':[{'usageType':'http://adlnet.gov/expapi/attachments/signature','display':{'en':'sig'},"
                + "'contentType':'application/octet-stream','length':10,'sha2':'abc'}]");
    assertThat(v1.validate(json(a), "s")).isEmpty();
    // what an attachment must say still holds
    String b =
        statement(
            ",'attachments':[{'usageType':'http://adlnet.gov/expapi/attachments/signature',"
                + "'contentType':'application/octet-stream','length':-1,'sha2':'abc'}]");
    assertThat(v1.validate(json(b), "s"))
        .extracting(Violation::path)
        .containsExactlyInAnyOrder("s.attachments[0].display", "s.attachments[0].length");
  }

  @Test
  void refusesAnAttachmentContentTypeThatIsNoMediaType() {
    String a =
        statement(
            ",'attachments':[{'usageType':'http://id.tincanapi.com/attachment/supporting_media','display':{'en':'x'},"
                + "'contentType':'text/plain\\r\\n\\r\\nforged','length':1,'sha2':'abc','fileUrl':'https://x.cn/f'}]");
    assertThat(v1.validate(json(a), "s"))
        .extracting(Violation::path)
        .containsExactly("s.attachments[0].contentType");
  }

  @Test
  void requiresInteractionTypeWithInteractionProperties() {
    String s =
        "{'actor':"
            + ACTOR
            + ",'verb':"
            + VERB
            + ",'object':{'id':'https://x.cn/q1','definition':{'correctResponsesPattern':['a']}}}";
    assertThat(v1.validate(json(s), "s"))
        .extracting(Violation::path)
        .containsExactly("s.object.definition.interactionType");
  }

  @Test
  void holdsAnAuthorityGroupToTwoAnonymousMembers() {
    String one =
        statement(",'authority':{'objectType':'Group','member':[{'mbox':'mailto:a@b.cn'}]}");
    assertThat(v1.validate(json(one), "s"))
        .extracting(Violation::path)
        .contains("s.authority.member");
    String named =
        statement(
            ",'authority':{'objectType':'Group','mbox':'mailto:g@b.cn','member':[{'mbox':'mailto:a@b.cn'},{'mbox':'mailto:c@b.cn'}]}");
    assertThat(v1.validate(json(named), "s")).extracting(Violation::path).contains("s.authority");
    String ok =
        statement(
            ",'authority':{'objectType':'Group','member':[{'account':{'homePage':'https://o.cn','name':'app'}},{'mbox':'mailto:a@b.cn'}]}");
    assertThat(v1.validate(json(ok), "s")).isEmpty();
  }

  @Test
  void refusesWeeksMixedWithOtherDurationParts() {
    assertThat(v1.validate(json(statement(",'result':{'duration':'P4W1D'}")), "s"))
        .extracting(Violation::path)
        .containsExactly("s.result.duration");
    assertThat(v1.validate(json(statement(",'result':{'duration':'P4W'}")), "s")).isEmpty();
    assertThat(v1.validate(json(statement(",'result':{'duration':'PT4H35M59.14S'}")), "s"))
        .isEmpty();
  }

  @Test
  void refusesNullValues() {
    assertThat(v1.validate(json(statement(",'result':null")), "s"))
        .extracting(Violation::path)
        .contains("s.result");
  }

  @Test
  void convertsExactDurationsOnly() {
    assertThat(XapiDurations.exact("PT1H30M")).contains(Duration.ofMinutes(90));
    assertThat(XapiDurations.exact("P1DT0.5S")).contains(Duration.ofSeconds(86400));
    assertThat(XapiDurations.exact("P1W")).contains(Duration.ofDays(7));
    assertThat(XapiDurations.exact("P1M")).isEmpty();
    assertThat(XapiDurations.exact("PT")).isEmpty();
    assertThat(XapiDurations.exact("PT999999999999999999999H")).as("absurdly long").isEmpty();
  }

  @Test
  void identifiesAgentsCanonically() {
    assertThat(AgentIdentifier.of(json(ACTOR))).contains("account:https://moodle.example.cn|42");
    assertThat(AgentIdentifier.of(json("{'mbox':'mailto:A@B.cn'}"))).contains("mbox:mailto:a@b.cn");
  }
}
