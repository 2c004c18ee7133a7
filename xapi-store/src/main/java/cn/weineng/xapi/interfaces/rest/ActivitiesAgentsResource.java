package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.application.StatementPage;
import cn.weineng.xapi.application.StatementQuery;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.XapiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /activities}: the store's canonical definition of an activity, merged from the
 * statements that carry one (language maps merged, the newest statement winning each language and
 * every other property); an activity no statement defines is answered with its id alone. {@code GET
 * /agents}: the Person the agent stands for, built from the agent given (this LRS keeps no
 * identities linked across identifiers).
 */
@Path("xapi")
@XapiEndpoint
public class ActivitiesAgentsResource {

  /** How many of the newest statements naming an activity its definition is merged from. */
  static final int DEFINITION_STATEMENTS = 200;

  private static final Set<String> LANGUAGE_MAPS = Set.of("name", "description");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Inject StatementService statements;

  @Context ContainerRequestContext request;

  @GET
  @Path("activities")
  public Response activity(@Context UriInfo uri) {
    MultivaluedMap<String, String> q = only(uri, "activityId");
    String id = q.getFirst("activityId");
    if (id == null) {
      throw XapiException.badRequest("the activityId parameter is required");
    }
    if (!StatementValidator.isIri(id)) {
      throw XapiException.badRequest("the activityId parameter must be an IRI");
    }
    StatementPage page =
        statements.query(
            client().storeId(),
            new StatementQuery(
                null, null, id, null, null, null, DEFINITION_STATEMENTS, false, null, false, true));
    ObjectNode definition = F.objectNode();
    // newest first on the page: merged from the oldest of them, so that newer ones win
    List<JsonNode> oldestFirst = new ArrayList<>(page.statements());
    java.util.Collections.reverse(oldestFirst);
    for (JsonNode statement : oldestFirst) {
      List<JsonNode> found = new ArrayList<>();
      collect(statement, id, found);
      found.forEach(d -> merge(definition, d));
    }
    ObjectNode activity = F.objectNode().put("objectType", "Activity").put("id", id);
    if (!definition.isEmpty()) {
      activity.set("definition", definition);
    }
    return Response.ok(Json.write(activity), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("agents")
  public Response person(@Context UriInfo uri) {
    MultivaluedMap<String, String> q = only(uri, "agent");
    JsonNode agent = DocumentsResource.agent(q.getFirst("agent"));
    ObjectNode person = F.objectNode().put("objectType", "Person");
    for (String name : List.of("name", "mbox", "mbox_sha1sum", "openid", "account")) {
      if (agent.has(name)) {
        ArrayNode values = person.putArray(name);
        values.add(agent.get(name));
      }
    }
    return Response.ok(Json.write(person), MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Definitions of the activity anywhere in a statement: object, context activities, sub-statement.
   */
  private static void collect(JsonNode node, String id, List<JsonNode> out) {
    if (node == null) {
      return;
    }
    JsonNode object = node.get("object");
    if (object != null && id.equals(object.path("id").asText(null)) && object.has("definition")) {
      out.add(object.get("definition"));
    }
    JsonNode contextActivities = node.path("context").path("contextActivities");
    for (Iterator<JsonNode> kinds = contextActivities.elements(); kinds.hasNext(); ) {
      JsonNode kind = kinds.next();
      for (JsonNode a : kind.isArray() ? kind : F.arrayNode().add(kind)) {
        if (id.equals(a.path("id").asText(null)) && a.has("definition")) {
          out.add(a.get("definition"));
        }
      }
    }
    if (object != null && "SubStatement".equals(object.path("objectType").asText())) {
      collect(object, id, out);
    }
  }

  /** Lays a newer definition over the merged one: language maps by language, the rest whole. */
  private static void merge(ObjectNode into, JsonNode newer) {
    if (!newer.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = newer.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (LANGUAGE_MAPS.contains(e.getKey())
          && e.getValue().isObject()
          && into.get(e.getKey()) instanceof ObjectNode existing) {
        existing.setAll((ObjectNode) e.getValue().deepCopy());
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static MultivaluedMap<String, String> only(UriInfo uri, String name) {
    MultivaluedMap<String, String> q = uri.getQueryParameters();
    for (String key : q.keySet()) {
      if (!key.equals(name)) {
        throw XapiException.badRequest(
            "unknown parameter '" + key + "'; this resource takes " + name);
      }
    }
    return q;
  }

  private LrsClient client() {
    return (LrsClient) request.getProperty(XapiRequestFilter.CLIENT);
  }
}
