package cn.weineng.evidence.application;

import cn.weineng.ledger.application.ProfileRule;
import cn.weineng.xapi.application.StatementRule;
import cn.weineng.xapi.domain.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The evidence and review templates of Weineng's xAPI profile, checked on ingest for statements
 * that claim the profile: a submission submits an evidence item with the file attached; a grade
 * grades a submission (a StatementRef) or, as an admin's override, a teacher (an Agent) with a
 * level; a promotion moves a submission to a named stage. Each names its point as the parent
 * activity.
 */
@ApplicationScoped
public class EvidenceProfileRule implements StatementRule {

  static final Set<String> LEVELS = Set.of("excellent", "pass", "fail");

  @Override
  public List<Violation> check(JsonNode s, String path) {
    String verb = s.path("verb").path("id").asText();
    if (!ProfileRule.EVIDENCE_VERBS.contains(verb) || !claims(s)) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    JsonNode object = s.path("object");
    String objectType = object.path("objectType").asText("Activity");
    switch (verb) {
      case EvidenceStatements.VERB_SUBMIT -> {
        if (!EvidenceStatements.TYPE_EVIDENCE_ITEM.equals(
            object.path("definition").path("type").asText(null))) {
          out.add(
              new Violation(
                  path + ".object.definition.type",
                  "a submission under the profile submits an evidence item: "
                      + EvidenceStatements.TYPE_EVIDENCE_ITEM));
        }
        boolean attached = false;
        for (JsonNode a : s.path("attachments")) {
          attached |= EvidenceStatements.USAGE_EVIDENCE.equals(a.path("usageType").asText());
        }
        if (!attached) {
          out.add(
              new Violation(
                  path + ".attachments",
                  "a submission carries its file as an attachment with usageType "
                      + EvidenceStatements.USAGE_EVIDENCE));
        }
      }
      case EvidenceStatements.VERB_GRADED -> {
        if (!objectType.equals("StatementRef") && !objectType.equals("Agent")) {
          out.add(
              new Violation(
                  path + ".object",
                  "a grade under the profile grades a submission (StatementRef) or, overriding, a"
                      + " teacher (Agent)"));
        }
        JsonNode level = s.path("result").path("extensions").path(EvidenceStatements.EXT_LEVEL);
        boolean cleared =
            "cleared"
                .equals(
                    s.path("result")
                        .path("extensions")
                        .path(EvidenceStatements.EXT_OVERRIDE)
                        .asText());
        if (!cleared && !LEVELS.contains(level.asText())) {
          out.add(
              new Violation(
                  path + ".result.extensions." + EvidenceStatements.EXT_LEVEL,
                  "is required: excellent, pass or fail"));
        }
      }
      default -> {
        if (!objectType.equals("StatementRef")) {
          out.add(
              new Violation(path + ".object", "a promotion promotes a submission (StatementRef)"));
        }
        if (!s.path("result").path("extensions").path(EvidenceStatements.EXT_STAGE).isTextual()) {
          out.add(
              new Violation(
                  path + ".result.extensions." + EvidenceStatements.EXT_STAGE,
                  "is required: the stage the work moves to"));
        }
      }
    }
    boolean point = false;
    for (JsonNode p : s.path("context").path("contextActivities").path("parent")) {
      point |= EvidenceStatements.TYPE_POINT.equals(p.path("definition").path("type").asText());
      point |= p.path("id").asText().startsWith("https://w3id.org/weineng/micro-abilities/");
    }
    if (!point) {
      out.add(
          new Violation(
              path + ".context.contextActivities.parent",
              "names the micro-ability point (https://w3id.org/weineng/micro-abilities/…)"));
    }
    return out;
  }

  private static boolean claims(JsonNode s) {
    JsonNode c = s.path("context").path("contextActivities").path("category");
    for (JsonNode n : c.isArray() ? c : List.of(c)) {
      if (n.path("id").asText().startsWith(ProfileRule.PROFILE)) {
        return true;
      }
    }
    return false;
  }
}
