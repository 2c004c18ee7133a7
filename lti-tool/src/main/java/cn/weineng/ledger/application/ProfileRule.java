package cn.weineng.ledger.application;

import cn.weineng.xapi.application.StatementRule;
import cn.weineng.xapi.domain.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Weineng's xAPI profile, enforced: a statement that says it follows the profile (its {@code
 * context.contextActivities.category} holds the profile version {@value #VERSION}) must match its
 * completion template; one that breaks it is refused with the reason. Statements that do not claim
 * the profile are only read by it (see docs/xapi-vocabulary.md).
 */
@ApplicationScoped
public class ProfileRule implements StatementRule {

  public static final String PROFILE = ActivityFacts.PROFILE + "/profile";
  public static final String VERSION = PROFILE + "/v1";

  static final Set<String> VERBS =
      Set.of("http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed");

  /**
   * The verbs of the profile's evidence and review templates (submit, graded, promoted), which the
   * evidence capability's own rule checks; this rule checks completions and assessments.
   */
  public static final Set<String> EVIDENCE_VERBS =
      Set.of(
          "http://activitystrea.ms/schema/1.0/submit",
          ActivityFacts.PROFILE + "/verbs/graded",
          ActivityFacts.PROFILE + "/verbs/promoted");

  @Override
  public List<Violation> check(JsonNode s, String path) {
    if (!claimsProfile(s) || EVIDENCE_VERBS.contains(s.path("verb").path("id").asText())) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    String typeOf = s.path("object").path("definition").path("type").asText(null);
    if (ActivityFacts.ASSESSMENT.equals(ActivityFacts.kindOf(typeOf))) {
      return assessment(s, path);
    }
    if (!VERBS.contains(s.path("verb").path("id").asText())) {
      out.add(
          new Violation(
              path + ".verb.id",
              "a statement following "
                  + VERSION
                  + " reports a completion: the verb must be completed or passed"));
    }
    JsonNode object = s.path("object");
    if (!"Activity".equals(object.path("objectType").asText("Activity"))) {
      out.add(new Violation(path + ".object", "must be an Activity under " + VERSION));
      return out;
    }
    String type = object.path("definition").path("type").asText(null);
    if (type == null) {
      out.add(
          new Violation(
              path + ".object.definition.type",
              "is required under "
                  + VERSION
                  + ": one of the profile's activity types, e.g. "
                  + ActivityFacts.ACTIVITY_TYPES
                  + "online-course"));
    } else if (!type.startsWith(ActivityFacts.ACTIVITY_TYPES)
        || ActivityFacts.kindOf(type) == null) {
      out.add(
          new Violation(
              path + ".object.definition.type",
              "is not an activity type of the profile; kinds: " + ActivityFacts.KINDS));
    }
    for (String where :
        List.of("object.definition.extensions", "result.extensions", "context.extensions")) {
      JsonNode ext = at(s, where);
      if (ext == null) {
        continue;
      }
      JsonNode nominal = ext.get(ActivityFacts.EXT_NOMINAL_HOURS);
      if (nominal != null) {
        BigDecimal h = nominal.isNumber() ? nominal.decimalValue() : null;
        if (h == null || h.signum() <= 0 || h.compareTo(BigDecimal.valueOf(1000)) > 0) {
          out.add(
              new Violation(
                  path + "." + where + "." + ActivityFacts.EXT_NOMINAL_HOURS,
                  "must be a number of hours above 0 and at most 1000"));
        }
      }
      JsonNode topics = ext.get(ActivityFacts.EXT_TOPICS);
      if (topics != null) {
        boolean ok = topics.isArray() && !topics.isEmpty();
        if (ok) {
          for (JsonNode t : topics) {
            ok &= t.isTextual() && !t.asText().isBlank() && t.asText().length() <= 100;
          }
        }
        if (!ok) {
          out.add(
              new Violation(
                  path + "." + where + "." + ActivityFacts.EXT_TOPICS,
                  "must be a non-empty array of topic names (at most 100 characters each)"));
        }
      }
    }
    boolean lesson = "smart-classroom-lesson".equals(ActivityFacts.kindOf(type));
    if (!lesson && s.path("result").path("duration").isMissingNode() && !hasNominal(s)) {
      out.add(
          new Violation(
              path + ".result.duration",
              "a completion under "
                  + VERSION
                  + " says what it is worth: result.duration or the nominal-hours extension"));
    }
    for (JsonNode c : categories(s)) {
      String id = c.path("id").asText();
      if (id.startsWith(PROFILE) && !id.equals(VERSION)) {
        out.add(
            new Violation(
                path + ".context.contextActivities.category",
                "names " + id + ", which is not a version of the profile; use " + VERSION));
      }
    }
    return out;
  }

  static final Set<String> SCORE_VERBS =
      Set.of(
          "http://adlnet.gov/expapi/verbs/scored",
          "http://adlnet.gov/expapi/verbs/completed",
          "http://adlnet.gov/expapi/verbs/passed",
          "http://adlnet.gov/expapi/verbs/failed");

  /** The assessment template: who scored what, with a score. */
  private static List<Violation> assessment(JsonNode s, String path) {
    List<Violation> out = new ArrayList<>();
    if (!SCORE_VERBS.contains(s.path("verb").path("id").asText())) {
      out.add(
          new Violation(
              path + ".verb.id",
              "an assessment under " + VERSION + " is scored, completed, passed or failed"));
    }
    String key = null;
    String source = null;
    for (String where :
        List.of("object.definition.extensions", "result.extensions", "context.extensions")) {
      JsonNode ext = at(s, where);
      if (ext != null && ext.hasNonNull(ActivityFacts.EXT_ASSESSMENT)) {
        key = ext.get(ActivityFacts.EXT_ASSESSMENT).asText();
      }
      if (ext != null && ext.hasNonNull(ActivityFacts.EXT_SCORE_SOURCE)) {
        source = ext.get(ActivityFacts.EXT_SCORE_SOURCE).asText();
      }
    }
    if (key == null || !key.matches("[a-z][a-z0-9-]{0,63}")) {
      out.add(
          new Violation(
              path + ".context.extensions." + ActivityFacts.EXT_ASSESSMENT,
              "names what was assessed: diagnostic, training-online, training-offline, development or annual"));
    }
    if (source != null && !source.matches("[a-z][a-z0-9-]{0,63}")) {
      out.add(
          new Violation(
              path + ".context.extensions." + ActivityFacts.EXT_SCORE_SOURCE,
              "names who scored: provider, county, school or platform"));
    }
    JsonNode score = s.path("result").path("score");
    boolean rawOfMax =
        score.hasNonNull("raw") && score.hasNonNull("max") && score.get("max").asDouble() > 0;
    if (!rawOfMax && !score.hasNonNull("scaled")) {
      out.add(
          new Violation(path + ".result.score", "an assessment carries raw and max, or scaled"));
    } else if (score.hasNonNull("scaled") && !rawOfMax && score.get("scaled").asDouble() < 0) {
      out.add(
          new Violation(path + ".result.score.scaled", "must not be negative for an assessment"));
    }
    return out;
  }

  private static boolean hasNominal(JsonNode s) {
    for (String where :
        List.of("object.definition.extensions", "result.extensions", "context.extensions")) {
      JsonNode ext = at(s, where);
      if (ext != null && ext.has(ActivityFacts.EXT_NOMINAL_HOURS)) {
        return true;
      }
    }
    return false;
  }

  static boolean claimsProfile(JsonNode s) {
    for (JsonNode c : categories(s)) {
      if (c.path("id").asText().startsWith(PROFILE)) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> categories(JsonNode s) {
    JsonNode c = s.path("context").path("contextActivities").path("category");
    List<JsonNode> out = new ArrayList<>();
    if (c.isArray()) {
      c.forEach(out::add);
    } else if (c.isObject()) {
      out.add(c);
    }
    return out;
  }

  private static JsonNode at(JsonNode s, String dotted) {
    JsonNode n = s;
    for (String part : dotted.split("\\.")) {
      n = n.path(part);
    }
    return n.isObject() ? n : null;
  }
}
