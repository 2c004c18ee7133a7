package cn.weineng.xapi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks statements against the xAPI 1.0.3 / 2.0 data rules and reports every violation with its
 * path. Pure and thread-safe.
 *
 * <p>What it checks: the allowed properties of every object (unknown ones are errors), types,
 * UUIDs, IRIs, language maps, exactly one inverse functional identifier per agent, group members,
 * object types, substatement limits, score ranges, ISO 8601 durations, timestamps (a zone is
 * required in 2.0; {@code -00:00} is refused), voiding, the {@code revision}/{@code platform} rule
 * and, in 2.0 only, {@code contextAgents} and {@code contextGroups}.
 */
public final class StatementValidator {

  static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s]+");
  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern LANG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

  /**
   * ISO 8601 durations: PnW alone, or PnYnMnDTnHnMnS with at least one part (ISO 8601:2004
   * 4.4.3.2).
   */
  private static final Pattern DURATION =
      Pattern.compile(
          "P\\d+(?:\\.\\d+)?W|P(?!$)(\\d+(?:\\.\\d+)?Y)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?D)?"
              + "(T(?=\\d)(\\d+(?:\\.\\d+)?H)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?S)?)?");

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|z|[+-]\\d{2}:?\\d{2})?");

  private static final Set<String> STATEMENT_PROPS =
      Set.of(
          "id",
          "actor",
          "verb",
          "object",
          "result",
          "context",
          "timestamp",
          "stored",
          "authority",
          "version",
          "attachments");
  private static final Set<String> SUB_STATEMENT_PROPS =
      Set.of(
          "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments");
  private static final Set<String> AGENT_PROPS =
      Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
  private static final Set<String> GROUP_PROPS =
      Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member");
  private static final Set<String> ACTIVITY_DEFINITION_PROPS =
      Set.of(
          "name",
          "description",
          "type",
          "moreInfo",
          "extensions",
          "interactionType",
          "correctResponsesPattern",
          "choices",
          "scale",
          "source",
          "target",
          "steps");
  private static final Set<String> INTERACTION_TYPES =
      Set.of(
          "true-false",
          "choice",
          "fill-in",
          "long-fill-in",
          "matching",
          "performance",
          "sequencing",
          "likert",
          "numeric",
          "other");
  private static final Set<String> CONTEXT_PROPS_1 =
      Set.of(
          "registration",
          "instructor",
          "team",
          "contextActivities",
          "revision",
          "platform",
          "language",
          "statement",
          "extensions");
  private static final Set<String> CONTEXT_PROPS_2 =
      Set.of(
          "registration",
          "instructor",
          "team",
          "contextActivities",
          "revision",
          "platform",
          "language",
          "statement",
          "extensions",
          "contextAgents",
          "contextGroups");
  private static final Set<String> CONTEXT_ACTIVITY_KEYS =
      Set.of("parent", "grouping", "category", "other");
  private static final Set<String> RESULT_PROPS =
      Set.of("score", "success", "completion", "response", "duration", "extensions");
  private static final Set<String> SCORE_PROPS = Set.of("scaled", "raw", "min", "max");
  private static final Set<String> ATTACHMENT_PROPS =
      Set.of("usageType", "display", "description", "contentType", "length", "sha2", "fileUrl");

  private final XapiVersion version;

  public StatementValidator(XapiVersion version) {
    this.version = version;
  }

  /** Every violation in one statement; empty when it is valid. */
  public List<Violation> validate(JsonNode statement, String path) {
    List<Violation> out = new ArrayList<>();
    if (statement == null || !statement.isObject()) {
      out.add(new Violation(path, "a statement must be a JSON object"));
      return out;
    }
    allowOnly(statement, STATEMENT_PROPS, path, out);
    if (statement.has("id")) {
      uuid(statement.get("id"), path + ".id", out);
    }
    statementCore(statement, path, out, false);
    if (statement.has("stored")) {
      timestamp(statement.get("stored"), path + ".stored", out);
    }
    if (statement.has("authority")) {
      authority(statement.get("authority"), path + ".authority", out);
    }
    if (statement.has("version")) {
      JsonNode v = statement.get("version");
      // a 2.0 LRS still takes 1.0.x statements; under a 1.0.x header only 1.0.x is valid
      String family = version == XapiVersion.V2_0_0 ? "(1|2)\\.0(\\.\\d+)?" : "1\\.0(\\.\\d+)?";
      if (!v.isTextual() || !v.asText().matches(family)) {
        out.add(
            new Violation(
                path + ".version",
                "must be "
                    + (version == XapiVersion.V2_0_0 ? "1.0.x or 2.0.x" : "1.0.x")
                    + " under this version header"));
      }
    }
    return out;
  }

  private void statementCore(JsonNode s, String path, List<Violation> out, boolean sub) {
    if (!s.has("actor")) {
      out.add(new Violation(path + ".actor", "is required"));
    } else {
      actor(s.get("actor"), path + ".actor", out);
    }
    String verbId = null;
    if (!s.has("verb")) {
      out.add(new Violation(path + ".verb", "is required"));
    } else {
      verbId = verb(s.get("verb"), path + ".verb", out);
    }
    String objectType = null;
    if (!s.has("object")) {
      out.add(new Violation(path + ".object", "is required"));
    } else {
      objectType = object(s.get("object"), path + ".object", out, sub);
    }
    if (VOIDED.equals(verbId) && objectType != null && !"StatementRef".equals(objectType)) {
      out.add(
          new Violation(
              path + ".object.objectType", "a voiding statement's object must be a StatementRef"));
    }
    if (s.has("result")) {
      result(s.get("result"), path + ".result", out);
    }
    if (s.has("context")) {
      context(s.get("context"), path + ".context", out, objectType);
    }
    if (s.has("timestamp")) {
      timestamp(s.get("timestamp"), path + ".timestamp", out);
    }
    if (s.has("attachments")) {
      attachments(s.get("attachments"), path + ".attachments", out);
    }
  }

  // ---- actors -------------------------------------------------------------------------------

  /**
   * An Agent given on its own (the agent parameter of the document resources and of /agents): a
   * JSON object that is an Agent, not a Group, with exactly one identifier.
   */
  public List<Violation> validateAgent(JsonNode a, String path) {
    List<Violation> out = new ArrayList<>();
    if (!a.isObject()) {
      out.add(new Violation(path, "must be an Agent object"));
    } else if (a.has("objectType") && !"Agent".equals(a.get("objectType").asText())) {
      out.add(new Violation(path + ".objectType", "must be \"Agent\" (a Group is not taken here)"));
    } else {
      agent(a, path, out);
    }
    return out;
  }

  private void actor(JsonNode a, String path, List<Violation> out) {
    if (!a.isObject()) {
      out.add(new Violation(path, "must be an Agent or Group object"));
      return;
    }
    String type = a.has("objectType") ? a.get("objectType").asText() : "Agent";
    if ("Group".equals(type)) {
      group(a, path, out);
    } else if ("Agent".equals(type)) {
      agent(a, path, out);
    } else {
      out.add(
          new Violation(
              path + ".objectType", "must be \"Agent\" or \"Group\", not \"" + type + "\""));
    }
  }

  /**
   * Data 2.4.9: an Agent, or an anonymous Group of exactly two Agents (an OAuth consumer and a
   * user).
   */
  private void authority(JsonNode a, String path, List<Violation> out) {
    actor(a, path, out);
    if (a.isObject() && "Group".equals(a.path("objectType").asText())) {
      if (ifisPresent(a)) {
        out.add(
            new Violation(
                path,
                "an authority Group must be anonymous (no mbox, mbox_sha1sum, openid or account)"));
      }
      if (!a.path("member").isArray() || a.path("member").size() != 2) {
        out.add(new Violation(path + ".member", "an authority Group has exactly two Agents"));
      }
    }
  }

  private static boolean ifisPresent(JsonNode a) {
    return a.has("mbox") || a.has("mbox_sha1sum") || a.has("openid") || a.has("account");
  }

  private void agent(JsonNode a, String path, List<Violation> out) {
    allowOnly(a, AGENT_PROPS, path, out);
    optionalString(a, "name", path, out);
    int ifis = ifis(a, path, out);
    if (ifis != 1) {
      out.add(
          new Violation(
              path,
              "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account; found " + ifis));
    }
    identifierLength(a, path, out);
  }

  private void group(JsonNode g, String path, List<Violation> out) {
    allowOnly(g, GROUP_PROPS, path, out);
    optionalString(g, "name", path, out);
    int ifis = ifis(g, path, out);
    identifierLength(g, path, out);
    if (ifis > 1) {
      out.add(
          new Violation(
              path,
              "a Group has at most one of mbox, mbox_sha1sum, openid, account; found " + ifis));
    }
    JsonNode member = g.get("member");
    if (member != null) {
      if (!member.isArray()) {
        out.add(new Violation(path + ".member", "must be an array of Agents"));
      } else {
        for (int i = 0; i < member.size(); i++) {
          JsonNode m = member.get(i);
          String p = path + ".member[" + i + "]";
          if (m.isObject() && "Group".equals(m.path("objectType").asText())) {
            out.add(new Violation(p + ".objectType", "a Group's members must be Agents"));
          } else if (!m.isObject()) {
            out.add(new Violation(p, "must be an Agent object"));
          } else {
            agent(m, p, out);
          }
        }
      }
    }
    if (ifis == 0 && (member == null || !member.isArray() || member.isEmpty())) {
      out.add(
          new Violation(
              path + ".member", "an anonymous Group (no identifier) needs at least one member"));
    }
  }

  private int ifis(JsonNode a, String path, List<Violation> out) {
    int n = 0;
    if (a.has("mbox")) {
      n++;
      JsonNode m = a.get("mbox");
      if (!m.isTextual()
          || !m.asText().startsWith("mailto:")
          || m.asText().length() < 10
          || !m.asText().contains("@")) {
        out.add(
            new Violation(path + ".mbox", "must be a mailto: IRI, e.g. mailto:teacher@example.cn"));
      }
    }
    if (a.has("mbox_sha1sum")) {
      n++;
      if (!a.get("mbox_sha1sum").isTextual()
          || !SHA1.matcher(a.get("mbox_sha1sum").asText()).matches()) {
        out.add(new Violation(path + ".mbox_sha1sum", "must be 40 hexadecimal characters"));
      }
    }
    if (a.has("openid")) {
      n++;
      iri(a.get("openid"), path + ".openid", out);
    }
    if (a.has("account")) {
      n++;
      JsonNode acc = a.get("account");
      String p = path + ".account";
      if (!acc.isObject()) {
        out.add(new Violation(p, "must be an object with homePage and name"));
      } else {
        allowOnly(acc, Set.of("homePage", "name"), p, out);
        if (!acc.has("homePage")) {
          out.add(new Violation(p + ".homePage", "is required"));
        } else {
          iri(acc.get("homePage"), p + ".homePage", out);
        }
        if (!acc.has("name")) {
          out.add(new Violation(p + ".name", "is required"));
        } else if (!acc.get("name").isTextual() || acc.get("name").asText().isEmpty()) {
          out.add(new Violation(p + ".name", "must be a non-empty string"));
        }
      }
    }
    return n;
  }

  // ---- verb and object ----------------------------------------------------------------------

  private String verb(JsonNode v, String path, List<Violation> out) {
    if (!v.isObject()) {
      out.add(new Violation(path, "must be an object with an id"));
      return null;
    }
    allowOnly(v, Set.of("id", "display"), path, out);
    if (!v.has("id")) {
      out.add(new Violation(path + ".id", "is required"));
      return null;
    }
    iri(v.get("id"), path + ".id", out);
    if (v.get("id").asText().length() > MAX_AGENT_IDENTIFIER) {
      out.add(
          new Violation(path + ".id", "is longer than " + MAX_AGENT_IDENTIFIER + " characters"));
    }
    if (v.has("display")) {
      languageMap(v.get("display"), path + ".display", out);
    }
    return v.get("id").asText();
  }

  private String object(JsonNode o, String path, List<Violation> out, boolean insideSub) {
    if (!o.isObject()) {
      out.add(new Violation(path, "must be an object"));
      return null;
    }
    String type = o.has("objectType") ? o.get("objectType").asText() : "Activity";
    switch (type) {
      case "Activity" -> activity(o, path, out);
      case "Agent", "Group" -> actor(o, path, out);
      case "StatementRef" -> statementRef(o, path, out);
      case "SubStatement" -> {
        if (insideSub) {
          out.add(
              new Violation(
                  path + ".objectType", "a SubStatement cannot contain another SubStatement"));
        } else {
          allowOnly(o, SUB_STATEMENT_PROPS, path, out);
          statementCore(o, path, out, true);
        }
      }
      default ->
          out.add(
              new Violation(
                  path + ".objectType",
                  "must be Activity, Agent, Group, StatementRef or SubStatement, not \""
                      + type
                      + "\""));
    }
    return type;
  }

  private void statementRef(JsonNode o, String path, List<Violation> out) {
    allowOnly(o, Set.of("objectType", "id"), path, out);
    if (!o.has("id")) {
      out.add(new Violation(path + ".id", "is required"));
    } else {
      uuid(o.get("id"), path + ".id", out);
    }
  }

  private void activity(JsonNode o, String path, List<Violation> out) {
    allowOnly(o, Set.of("objectType", "id", "definition"), path, out);
    if (!o.has("id")) {
      out.add(new Violation(path + ".id", "is required"));
    } else {
      iri(o.get("id"), path + ".id", out);
    }
    if (o.has("definition")) {
      JsonNode d = o.get("definition");
      String p = path + ".definition";
      if (!d.isObject()) {
        out.add(new Violation(p, "must be an object"));
        return;
      }
      allowOnly(d, ACTIVITY_DEFINITION_PROPS, p, out);
      if (d.has("name")) {
        languageMap(d.get("name"), p + ".name", out);
      }
      if (d.has("description")) {
        languageMap(d.get("description"), p + ".description", out);
      }
      if (d.has("type")) {
        iri(d.get("type"), p + ".type", out);
      }
      if (d.has("moreInfo")) {
        iri(d.get("moreInfo"), p + ".moreInfo", out);
      }
      if (d.has("extensions")) {
        extensions(d.get("extensions"), p + ".extensions", out);
      }
      if (d.has("interactionType")) {
        String it = d.get("interactionType").asText();
        if (!d.get("interactionType").isTextual() || !INTERACTION_TYPES.contains(it)) {
          out.add(
              new Violation(
                  p + ".interactionType",
                  "must be one of " + new java.util.TreeSet<>(INTERACTION_TYPES)));
        }
      }
      if (d.has("correctResponsesPattern")) {
        JsonNode c = d.get("correctResponsesPattern");
        if (!c.isArray()) {
          out.add(new Violation(p + ".correctResponsesPattern", "must be an array of strings"));
        } else {
          for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isTextual()) {
              out.add(new Violation(p + ".correctResponsesPattern[" + i + "]", "must be a string"));
            }
          }
        }
      }
      if (!d.has("interactionType")) {
        for (String needs :
            List.of("correctResponsesPattern", "choices", "scale", "source", "target", "steps")) {
          if (d.has(needs)) {
            out.add(
                new Violation(p + ".interactionType", "is required when " + needs + " is present"));
            break;
          }
        }
      }
      for (String comp : List.of("choices", "scale", "source", "target", "steps")) {
        if (d.has(comp)) {
          interactionComponents(d.get(comp), p + "." + comp, out);
        }
      }
    }
  }

  private void interactionComponents(JsonNode c, String path, List<Violation> out) {
    if (!c.isArray()) {
      out.add(new Violation(path, "must be an array of interaction components"));
      return;
    }
    for (int i = 0; i < c.size(); i++) {
      JsonNode item = c.get(i);
      String p = path + "[" + i + "]";
      if (!item.isObject()) {
        out.add(new Violation(p, "must be an object with id and description"));
        continue;
      }
      allowOnly(item, Set.of("id", "description"), p, out);
      if (!item.has("id") || !item.get("id").isTextual()) {
        out.add(new Violation(p + ".id", "is required and must be a string"));
      }
      if (item.has("description")) {
        languageMap(item.get("description"), p + ".description", out);
      }
    }
  }

  // ---- result and context -------------------------------------------------------------------

  private void result(JsonNode r, String path, List<Violation> out) {
    if (!r.isObject()) {
      out.add(new Violation(path, "must be an object"));
      return;
    }
    allowOnly(r, RESULT_PROPS, path, out);
    for (String b : List.of("success", "completion")) {
      if (r.has(b) && !r.get(b).isBoolean()) {
        out.add(new Violation(path + "." + b, "must be true or false"));
      }
    }
    optionalString(r, "response", path, out);
    if (r.has("duration")) {
      JsonNode d = r.get("duration");
      if (!d.isTextual() || !DURATION.matcher(d.asText()).matches()) {
        out.add(new Violation(path + ".duration", "must be an ISO 8601 duration such as PT1H30M"));
      }
    }
    if (r.has("extensions")) {
      extensions(r.get("extensions"), path + ".extensions", out);
    }
    if (r.has("score")) {
      score(r.get("score"), path + ".score", out);
    }
  }

  private void score(JsonNode s, String path, List<Violation> out) {
    if (!s.isObject()) {
      out.add(new Violation(path, "must be an object"));
      return;
    }
    allowOnly(s, SCORE_PROPS, path, out);
    for (String k : SCORE_PROPS) {
      if (s.has(k) && !s.get(k).isNumber()) {
        out.add(new Violation(path + "." + k, "must be a number"));
      }
    }
    JsonNode scaled = s.get("scaled");
    if (scaled != null && scaled.isNumber() && (scaled.asDouble() < -1 || scaled.asDouble() > 1)) {
      out.add(new Violation(path + ".scaled", "must be between -1 and 1"));
    }
    JsonNode min = s.get("min");
    JsonNode max = s.get("max");
    JsonNode raw = s.get("raw");
    if (min != null
        && max != null
        && min.isNumber()
        && max.isNumber()
        && min.asDouble() >= max.asDouble()) {
      out.add(new Violation(path + ".min", "must be less than max"));
    }
    if (raw != null && raw.isNumber()) {
      if (min != null && min.isNumber() && raw.asDouble() < min.asDouble()) {
        out.add(new Violation(path + ".raw", "must not be below min"));
      }
      if (max != null && max.isNumber() && raw.asDouble() > max.asDouble()) {
        out.add(new Violation(path + ".raw", "must not be above max"));
      }
    }
  }

  private void context(JsonNode c, String path, List<Violation> out, String objectType) {
    if (!c.isObject()) {
      out.add(new Violation(path, "must be an object"));
      return;
    }
    allowOnly(c, version == XapiVersion.V2_0_0 ? CONTEXT_PROPS_2 : CONTEXT_PROPS_1, path, out);
    if (c.has("registration")) {
      uuid(c.get("registration"), path + ".registration", out);
    }
    if (c.has("instructor")) {
      actor(c.get("instructor"), path + ".instructor", out);
    }
    if (c.has("team")) {
      JsonNode t = c.get("team");
      if (!t.isObject() || !"Group".equals(t.path("objectType").asText())) {
        out.add(new Violation(path + ".team", "must be a Group (objectType \"Group\")"));
      } else {
        group(t, path + ".team", out);
      }
    }
    optionalString(c, "revision", path, out);
    optionalString(c, "platform", path, out);
    if (objectType != null
        && !"Activity".equals(objectType)
        && (c.has("revision") || c.has("platform"))) {
      out.add(
          new Violation(
              path, "revision and platform are only allowed when the object is an Activity"));
    }
    if (c.has("language")) {
      JsonNode l = c.get("language");
      if (!l.isTextual() || !LANG.matcher(l.asText()).matches()) {
        out.add(
            new Violation(path + ".language", "must be an RFC 5646 language tag such as zh-CN"));
      }
    }
    if (c.has("statement")) {
      JsonNode st = c.get("statement");
      if (!st.isObject() || !"StatementRef".equals(st.path("objectType").asText())) {
        out.add(
            new Violation(
                path + ".statement", "must be a StatementRef (objectType \"StatementRef\")"));
      } else {
        statementRef(st, path + ".statement", out);
      }
    }
    if (c.has("extensions")) {
      extensions(c.get("extensions"), path + ".extensions", out);
    }
    if (c.has("contextActivities")) {
      JsonNode ca = c.get("contextActivities");
      String p = path + ".contextActivities";
      if (!ca.isObject()) {
        out.add(new Violation(p, "must be an object"));
      } else {
        allowOnly(ca, CONTEXT_ACTIVITY_KEYS, p, out);
        for (String k : CONTEXT_ACTIVITY_KEYS) {
          JsonNode v = ca.get(k);
          if (v == null) {
            continue;
          }
          if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
              contextActivity(v.get(i), p + "." + k + "[" + i + "]", out);
            }
          } else {
            contextActivity(v, p + "." + k, out);
          }
        }
      }
    }
    if (c.has("contextAgents")) {
      relevantList(c.get("contextAgents"), path + ".contextAgents", "contextAgent", "agent", out);
    }
    if (c.has("contextGroups")) {
      relevantList(c.get("contextGroups"), path + ".contextGroups", "contextGroup", "group", out);
    }
  }

  private void contextActivity(JsonNode a, String path, List<Violation> out) {
    if (!a.isObject()) {
      out.add(new Violation(path, "must be an Activity object"));
    } else if (a.has("objectType") && !"Activity".equals(a.get("objectType").asText())) {
      out.add(new Violation(path + ".objectType", "context activities must be Activities"));
    } else {
      activity(a, path, out);
    }
  }

  private void relevantList(
      JsonNode list, String path, String objectType, String member, List<Violation> out) {
    if (!list.isArray()) {
      out.add(new Violation(path, "must be an array"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String p = path + "[" + i + "]";
      if (!e.isObject()) {
        out.add(new Violation(p, "must be an object"));
        continue;
      }
      allowOnly(e, Set.of("objectType", member, "relevantTypes"), p, out);
      if (!objectType.equals(e.path("objectType").asText())) {
        out.add(new Violation(p + ".objectType", "must be \"" + objectType + "\""));
      }
      if (!e.has(member)) {
        out.add(new Violation(p + "." + member, "is required"));
      } else if ("group".equals(member)) {
        JsonNode g = e.get(member);
        if (!g.isObject() || !"Group".equals(g.path("objectType").asText())) {
          out.add(new Violation(p + ".group", "must be a Group"));
        } else {
          group(g, p + ".group", out);
        }
      } else {
        actor(e.get(member), p + "." + member, out);
      }
      if (e.has("relevantTypes")) {
        JsonNode rt = e.get("relevantTypes");
        if (!rt.isArray() || rt.isEmpty()) {
          out.add(new Violation(p + ".relevantTypes", "must be a non-empty array of IRIs"));
        } else {
          for (int j = 0; j < rt.size(); j++) {
            iri(rt.get(j), p + ".relevantTypes[" + j + "]", out);
          }
        }
      }
    }
  }

  private void attachments(JsonNode a, String path, List<Violation> out) {
    if (!a.isArray()) {
      out.add(new Violation(path, "must be an array"));
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode at = a.get(i);
      String p = path + "[" + i + "]";
      if (!at.isObject()) {
        out.add(new Violation(p, "must be an object"));
        continue;
      }
      allowOnly(at, ATTACHMENT_PROPS, p, out);
      if (!at.has("usageType")) {
        out.add(new Violation(p + ".usageType", "is required"));
      } else {
        iri(at.get("usageType"), p + ".usageType", out);
      }
      if (!at.has("display")) {
        out.add(new Violation(p + ".display", "is required"));
      } else {
        languageMap(at.get("display"), p + ".display", out);
      }
      if (at.has("description")) {
        languageMap(at.get("description"), p + ".description", out);
      }
      if (!at.has("contentType") || !at.get("contentType").isTextual()) {
        out.add(new Violation(p + ".contentType", "is required and must be a string"));
      } else if (!isMediaType(at.get("contentType").asText())) {
        out.add(
            new Violation(
                p + ".contentType",
                "must be a media type (type/subtype) of at most 255 characters"));
      }
      if (!at.has("length")
          || !at.get("length").isIntegralNumber()
          || at.get("length").asLong() < 0) {
        out.add(new Violation(p + ".length", "is required and must be a non-negative integer"));
      }
      if (!at.has("sha2") || !at.get("sha2").isTextual()) {
        out.add(new Violation(p + ".sha2", "is required and must be a string"));
      }
      if (at.has("fileUrl")) {
        iri(at.get("fileUrl"), p + ".fileUrl", out);
      }
      // without a fileUrl the content must come as a part of the request (checked by the store)
    }
  }

  // ---- primitives ---------------------------------------------------------------------------

  private static void allowOnly(JsonNode o, Set<String> allowed, String path, List<Violation> out) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        out.add(new Violation(path + "." + n, "is not a property allowed here"));
      } else if (o.get(n).isNull()) {
        out.add(new Violation(path + "." + n, "must not be null; leave the property out instead"));
      }
    }
  }

  private static void optionalString(JsonNode o, String key, String path, List<Violation> out) {
    if (o.has(key) && !o.get(key).isTextual() && !o.get(key).isNull()) {
      out.add(new Violation(path + "." + key, "must be a string"));
    }
  }

  private static void uuid(JsonNode n, String path, List<Violation> out) {
    if (!n.isTextual() || !UUID.matcher(n.asText()).matches()) {
      out.add(new Violation(path, "must be a UUID such as 3f2b8e4c-1d2a-4b5c-9e8f-0a1b2c3d4e5f"));
    }
  }

  /** Longest IRI the LRS stores (the width of its indexed columns). */
  public static final int MAX_IRI = 2048;

  /** A media type with optional parameters, printable ASCII only. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+( *;[ -~]*)?");

  /** Whether a text is an IRI as this validator takes one: a scheme, a colon, no whitespace. */
  public static boolean isIri(String s) {
    return s != null && s.length() <= MAX_IRI && IRI.matcher(s).matches();
  }

  /**
   * Whether a text is a media type (type/subtype, optional parameters) of at most 255 characters.
   */
  public static boolean isMediaType(String s) {
    return s != null && s.length() <= 255 && MEDIA_TYPE.matcher(s).matches();
  }

  /** Longest agent identifier, in its canonical form (see {@link AgentIdentifier}). */
  public static final int MAX_AGENT_IDENTIFIER = 1024;

  private static void iri(JsonNode n, String path, List<Violation> out) {
    if (!n.isTextual() || !IRI.matcher(n.asText()).matches()) {
      out.add(
          new Violation(
              path, "must be an absolute IRI such as http://adlnet.gov/expapi/verbs/completed"));
    } else if (n.asText().length() > MAX_IRI) {
      out.add(new Violation(path, "is longer than " + MAX_IRI + " characters"));
    }
  }

  private static void identifierLength(JsonNode actor, String path, List<Violation> out) {
    AgentIdentifier.of(actor)
        .filter(ifi -> ifi.length() > MAX_AGENT_IDENTIFIER)
        .ifPresent(
            ifi ->
                out.add(
                    new Violation(
                        path,
                        "its identifier is longer than " + MAX_AGENT_IDENTIFIER + " characters")));
  }

  private static void languageMap(JsonNode n, String path, List<Violation> out) {
    if (!n.isObject()) {
      out.add(new Violation(path, "must be a language map such as {\"zh-CN\": \"完成\"}"));
      return;
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (!LANG.matcher(e.getKey()).matches()) {
        out.add(new Violation(path + "." + e.getKey(), "is not an RFC 5646 language tag"));
      } else if (!e.getValue().isTextual()) {
        out.add(new Violation(path + "." + e.getKey(), "must be a string"));
      }
    }
  }

  private static void extensions(JsonNode n, String path, List<Violation> out) {
    if (!n.isObject()) {
      out.add(new Violation(path, "must be an object keyed by IRIs"));
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!IRI.matcher(k).matches()) {
        out.add(new Violation(path + "[\"" + k + "\"]", "extension keys must be absolute IRIs"));
      }
    }
  }

  private void timestamp(JsonNode n, String path, List<Violation> out) {
    if (!n.isTextual() || !TIMESTAMP.matcher(n.asText()).matches()) {
      out.add(
          new Violation(path, "must be an ISO 8601 timestamp such as 2026-11-30T08:00:00+08:00"));
      return;
    }
    String t = n.asText();
    if (t.endsWith("-00:00") || t.endsWith("-0000") || t.endsWith("-00")) {
      out.add(new Violation(path, "must not use the offset -00:00"));
      return;
    }
    boolean zoned = t.matches(".*(Z|z|[+-]\\d{2}:?\\d{2})$");
    if (!zoned && version == XapiVersion.V2_0_0) {
      out.add(new Violation(path, "must include a time zone in xAPI 2.0"));
      return;
    }
    try {
      Timestamps.parse(t);
    } catch (DateTimeParseException e) {
      out.add(new Violation(path, "is not a valid date and time"));
    }
  }

  /** Parsing of the timestamps this validator accepts. */
  public static final class Timestamps {
    private Timestamps() {}

    private static final java.util.regex.Pattern ZONED =
        java.util.regex.Pattern.compile(".*(Z|[+-]\\d{2}:?\\d{2})$");
    private static final java.util.regex.Pattern COMPACT_OFFSET =
        java.util.regex.Pattern.compile("([+-]\\d{2})(\\d{2})$");

    /** Parses an accepted timestamp; one without a zone is read as UTC. */
    public static OffsetDateTime parse(String t) {
      String s = t.replace('z', 'Z');
      if (!ZONED.matcher(s).matches()) {
        s = s + "Z";
      }
      // offsets without a colon (+0800) are normalised to +08:00
      s = COMPACT_OFFSET.matcher(s).replaceFirst("$1:$2");
      return OffsetDateTime.parse(s);
    }
  }
}
