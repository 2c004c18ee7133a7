package cn.weineng.xapi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents and activities a statement mentions, and how: {@code direct} (the actor, or the object
 * when it is an agent, group or activity) or {@code related} (authority, instructor, team, context
 * activities, 2.0 context agents and groups, and every part of a SubStatement) — what the {@code
 * agent}/{@code activity} filters and their {@code related_agents}/{@code related_activities} forms
 * match (xAPI 1.0.3 Communication 2.1.3); and the members of the groups it names ({@code member}).
 */
public final class StatementMentions {

  public static final String DIRECT = "direct";
  public static final String RELATED = "related";

  /**
   * A member of a group the statement names: matched by no filter (xAPI matches a group by its own
   * identifier), but found by an erasure of that member's data.
   */
  public static final String MEMBER = "member";

  /**
   * identifier → role; a mention that is both direct and related is recorded as direct and as
   * related.
   */
  public final Map<String, List<String>> agents = new LinkedHashMap<>();

  public final Map<String, List<String>> activities = new LinkedHashMap<>();

  public static StatementMentions of(JsonNode statement) {
    StatementMentions m = new StatementMentions();
    m.agent(statement.get("actor"), DIRECT);
    m.object(statement.get("object"), DIRECT);
    m.agent(statement.get("authority"), RELATED);
    m.context(statement.get("context"));
    JsonNode object = statement.path("object");
    if ("SubStatement".equals(object.path("objectType").asText())) {
      m.agent(object.get("actor"), RELATED);
      m.object(object.get("object"), RELATED);
      m.context(object.get("context"));
    }
    return m;
  }

  private void object(JsonNode o, String role) {
    if (o == null || !o.isObject()) {
      return;
    }
    String type = o.path("objectType").asText("Activity");
    if ("Activity".equals(type)) {
      add(activities, o.path("id").asText(null), role);
    } else if ("Agent".equals(type) || "Group".equals(type)) {
      agent(o, role);
    }
  }

  private void context(JsonNode c) {
    if (c == null || !c.isObject()) {
      return;
    }
    agent(c.get("instructor"), RELATED);
    agent(c.get("team"), RELATED);
    JsonNode ca = c.path("contextActivities");
    for (String kind : List.of("parent", "grouping", "category", "other")) {
      JsonNode v = ca.get(kind);
      if (v != null && v.isArray()) {
        v.forEach(a -> add(activities, a.path("id").asText(null), RELATED));
      } else if (v != null) {
        add(activities, v.path("id").asText(null), RELATED);
      }
    }
    c.path("contextAgents").forEach(a -> agent(a.get("agent"), RELATED));
    c.path("contextGroups").forEach(g -> agent(g.get("group"), RELATED));
  }

  private void agent(JsonNode a, String role) {
    if (a == null || !a.isObject()) {
      return;
    }
    // an identified agent or group; a group's members are not the group (xAPI matches by
    // identifier), so they are recorded under a role of their own
    AgentIdentifier.of(a).ifPresent(ifi -> add(agents, ifi, role));
    a.path("member").forEach(m -> AgentIdentifier.of(m).ifPresent(ifi -> add(agents, ifi, MEMBER)));
  }

  private static void add(Map<String, List<String>> into, String key, String role) {
    if (key == null || key.isEmpty()) {
      return;
    }
    List<String> roles = into.computeIfAbsent(key, k -> new java.util.ArrayList<>(2));
    if (!roles.contains(role)) {
      roles.add(role);
    }
  }
}
