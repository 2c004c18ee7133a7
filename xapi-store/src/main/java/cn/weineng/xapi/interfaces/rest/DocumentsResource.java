package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.application.ConflictRetry;
import cn.weineng.xapi.application.DocumentService;
import cn.weineng.xapi.application.DocumentService.Document;
import cn.weineng.xapi.application.DocumentService.Key;
import cn.weineng.xapi.application.DocumentService.Kind;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.domain.AgentIdentifier;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.Violation;
import cn.weineng.xapi.domain.XapiException;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The xAPI document resources: State ({@code /activities/state}), Activity Profile ({@code
 * /activities/profile}) and Agent Profile ({@code /agents/profile}). Bytes are stored as sent with
 * their media type; a POST of a JSON object onto a JSON object merges their top-level keys. The
 * concurrency rules follow the version of the request: If-Match and If-None-Match are honoured on
 * every write; a PUT onto an existing document without either is a 409 (in 1.0.3 for the profiles
 * only, State being exempt there), and in 1.0.3 a profile PUT without either is a 400 even when the
 * document is new.
 */
@Path("xapi")
@XapiEndpoint
public class DocumentsResource {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).withLocale(Locale.ROOT);

  @Inject DocumentService documents;

  @Inject cn.weineng.xapi.application.IngestGate gate;

  @Context ContainerRequestContext request;

  // ------------------------------------------------------------------------------------ State

  @GET
  @Path("activities/state")
  public Response getState(@Context UriInfo uri) {
    return get(state(uri, "stateId", false));
  }

  @PUT
  @Path("activities/state")
  @Consumes(MediaType.WILDCARD)
  public Response putState(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return put(state(uri, "stateId", true), h, body);
  }

  @POST
  @Path("activities/state")
  @Consumes(MediaType.WILDCARD)
  public Response postState(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return post(state(uri, "stateId", true), h, body);
  }

  @DELETE
  @Path("activities/state")
  public Response deleteState(@Context UriInfo uri, @Context HttpHeaders h) {
    Target t = state(uri, "stateId", false);
    if (t.key.id() == null) {
      // every state of the activity and agent (and registration)
      gate.write(() -> documents.deleteAll(client().storeId(), t.key));
      return Response.noContent().build();
    }
    return delete(t, h);
  }

  // --------------------------------------------------------------------- Activity Profile

  @GET
  @Path("activities/profile")
  public Response getActivityProfile(@Context UriInfo uri) {
    return get(activityProfile(uri, false));
  }

  @PUT
  @Path("activities/profile")
  @Consumes(MediaType.WILDCARD)
  public Response putActivityProfile(
      @Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return put(activityProfile(uri, true), h, body);
  }

  @POST
  @Path("activities/profile")
  @Consumes(MediaType.WILDCARD)
  public Response postActivityProfile(
      @Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return post(activityProfile(uri, true), h, body);
  }

  @DELETE
  @Path("activities/profile")
  public Response deleteActivityProfile(@Context UriInfo uri, @Context HttpHeaders h) {
    return delete(activityProfile(uri, true), h);
  }

  // ------------------------------------------------------------------------ Agent Profile

  @GET
  @Path("agents/profile")
  public Response getAgentProfile(@Context UriInfo uri) {
    return get(agentProfile(uri, false));
  }

  @PUT
  @Path("agents/profile")
  @Consumes(MediaType.WILDCARD)
  public Response putAgentProfile(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return put(agentProfile(uri, true), h, body);
  }

  @POST
  @Path("agents/profile")
  @Consumes(MediaType.WILDCARD)
  public Response postAgentProfile(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) {
    return post(agentProfile(uri, true), h, body);
  }

  @DELETE
  @Path("agents/profile")
  public Response deleteAgentProfile(@Context UriInfo uri, @Context HttpHeaders h) {
    return delete(agentProfile(uri, true), h);
  }

  // ------------------------------------------------------------------- the parameters

  /** A document (an id) or a scope (no id), and whether `since` was asked for. */
  private record Target(Key key, Instant since, String idName) {}

  private Target state(UriInfo uri, String idName, boolean idRequired) {
    MultivaluedMap<String, String> q =
        params(uri, "activityId", "agent", "registration", idName, "since");
    String activity = activityId(q);
    String agent = agentKey(q.getFirst("agent"));
    String registration = q.getFirst("registration");
    if (registration != null) {
      try {
        registration = UUID.fromString(registration).toString();
      } catch (IllegalArgumentException e) {
        throw XapiException.badRequest("the registration parameter must be a UUID");
      }
    }
    Key key =
        new Key(
            Kind.STATE,
            activity,
            agent,
            registration == null ? "" : registration,
            q.getFirst(idName));
    return target(key, q, idName, idRequired);
  }

  private Target activityProfile(UriInfo uri, boolean idRequired) {
    String idName = "profileId";
    MultivaluedMap<String, String> q = params(uri, "activityId", idName, "since");
    Key key = new Key(Kind.ACTIVITY_PROFILE, activityId(q), "", "", q.getFirst(idName));
    return target(key, q, idName, idRequired);
  }

  private Target agentProfile(UriInfo uri, boolean idRequired) {
    String idName = "profileId";
    MultivaluedMap<String, String> q = params(uri, "agent", idName, "since");
    Key key =
        new Key(Kind.AGENT_PROFILE, "", agentKey(q.getFirst("agent")), "", q.getFirst(idName));
    return target(key, q, idName, idRequired);
  }

  private Target target(
      Key key, MultivaluedMap<String, String> q, String idName, boolean idRequired) {
    if (key.id() == null && idRequired) {
      throw XapiException.badRequest("the " + idName + " parameter is required");
    }
    if (key.id() != null && key.id().length() > 1000) {
      throw XapiException.badRequest("the " + idName + " parameter is longer than 1000 characters");
    }
    String since = q.getFirst("since");
    boolean getting = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (since != null && (key.id() != null || !getting)) {
      throw XapiException.badRequest(
          "since is taken only when listing ids (a GET without " + idName + ")");
    }
    Instant after = null;
    if (since != null) {
      try {
        after = StatementValidator.Timestamps.parse(since).toInstant();
      } catch (RuntimeException e) {
        throw XapiException.badRequest("the since parameter must be a timestamp (ISO 8601)");
      }
    }
    return new Target(key, after, idName);
  }

  /** The query parameters, refused when one is not among the resource's. */
  private static MultivaluedMap<String, String> params(UriInfo uri, String... allowed) {
    MultivaluedMap<String, String> q = uri.getQueryParameters();
    Set<String> names = Set.of(allowed);
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      if (!names.contains(e.getKey())) {
        throw XapiException.badRequest(
            "unknown parameter '"
                + e.getKey()
                + "'; this resource takes "
                + Arrays.toString(allowed));
      }
      if (e.getValue().size() > 1) {
        throw XapiException.badRequest("the " + e.getKey() + " parameter is given twice");
      }
    }
    return q;
  }

  private static String activityId(MultivaluedMap<String, String> q) {
    String activity = q.getFirst("activityId");
    if (activity == null) {
      throw XapiException.badRequest("the activityId parameter is required");
    }
    if (!StatementValidator.isIri(activity)) {
      throw XapiException.badRequest("the activityId parameter must be an IRI");
    }
    return activity;
  }

  /** The agent parameter, which must be one valid Agent. */
  static JsonNode agent(String raw) {
    if (raw == null) {
      throw XapiException.badRequest("the agent parameter is required");
    }
    JsonNode agent = Json.readStrict(raw, "the agent parameter");
    List<Violation> problems =
        new StatementValidator(XapiVersion.V2_0_0).validateAgent(agent, "agent");
    if (!problems.isEmpty()) {
      throw new XapiException(400, "the agent parameter is not a valid Agent", problems);
    }
    return agent;
  }

  /** The identifier of the agent parameter. */
  static String agentKey(String raw) {
    return AgentIdentifier.of(agent(raw)).orElseThrow();
  }

  // ------------------------------------------------------------------- the methods

  private Response get(Target t) {
    String store = client().storeId();
    if (t.key.id() != null) {
      Document d =
          documents
              .find(store, t.key)
              .orElseThrow(() -> new XapiException(404, "no document with this " + t.idName));
      return Response.ok(d.content())
          .header(HttpHeaders.CONTENT_TYPE, d.contentType())
          .header(HttpHeaders.ETAG, "\"" + d.etag() + "\"")
          .header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(d.updated()))
          .build();
    }
    List<DocumentService.Listed> listed = documents.list(store, t.key, t.since);
    byte[] ids =
        Json.write(listed.stream().map(DocumentService.Listed::id).toList())
            .getBytes(StandardCharsets.UTF_8);
    Response.ResponseBuilder r =
        Response.ok(ids, MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.ETAG, "\"" + DocumentService.etag(ids) + "\"");
    listed.stream()
        .map(DocumentService.Listed::updated)
        .max(Instant::compareTo)
        .ifPresent(last -> r.header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(last)));
    return r.build();
  }

  private Response put(Target t, HttpHeaders h, InputStream body) {
    byte[] bytes = read(body);
    String type = contentType(h);
    Preconditions pre = Preconditions.of(h);
    boolean v2 = version() == XapiVersion.V2_0_0;
    if (isJson(type)) {
      Json.readStrict(bytes, "the document");
    }
    change(
        t,
        current -> {
          pre.check(current);
          if (!pre.any()) {
            if (current.isPresent() && (v2 || t.key.kind() != Kind.STATE)) {
              throw new XapiException(
                  409,
                  "the document exists: send If-Match with its ETag to replace it (or"
                      + " If-None-Match: * to create it only when it does not exist)");
            }
            if (current.isEmpty() && !v2 && t.key.kind() != Kind.STATE) {
              throw XapiException.badRequest(
                  "a PUT of a profile needs If-Match or If-None-Match (xAPI 1.0.3, Communication 3.1)");
            }
          }
          return new DocumentService.Replace(type, bytes);
        });
    return Response.noContent().build();
  }

  private Response post(Target t, HttpHeaders h, InputStream body) {
    byte[] bytes = read(body);
    String type = contentType(h);
    Preconditions pre = Preconditions.of(h);
    JsonNode posted = null;
    if (isJson(type)) {
      posted = Json.readStrict(bytes, "the document");
      if (!posted.isObject()) {
        throw XapiException.badRequest("a JSON document sent with POST must be a JSON object");
      }
    }
    JsonNode postedJson = posted;
    change(
        t,
        current -> {
          pre.check(current);
          if (current.isEmpty()) {
            return new DocumentService.Replace(type, bytes);
          }
          if (postedJson == null || !isJson(current.get().contentType())) {
            throw XapiException.badRequest(
                "POST merges JSON objects only: the stored document and the one sent must both be"
                    + " application/json; send PUT to replace it");
          }
          JsonNode stored = Json.readStrict(current.get().content(), "the stored document");
          if (!stored.isObject()) {
            throw XapiException.badRequest(
                "the stored document is no JSON object and cannot be merged; send PUT to replace it");
          }
          ObjectNode merged = ((ObjectNode) stored).deepCopy();
          for (Iterator<Map.Entry<String, JsonNode>> it = postedJson.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            merged.set(e.getKey(), e.getValue());
          }
          return new DocumentService.Replace(
              "application/json", Json.write(merged).getBytes(StandardCharsets.UTF_8));
        });
    return Response.noContent().build();
  }

  private Response delete(Target t, HttpHeaders h) {
    Preconditions pre = Preconditions.of(h);
    change(
        t,
        current -> {
          pre.check(current);
          return current.isPresent() ? new DocumentService.Delete() : new DocumentService.Keep();
        });
    return Response.noContent().build();
  }

  private void change(
      Target t, java.util.function.Function<Optional<Document>, DocumentService.Change> decide) {
    gate.write(
        () ->
            ConflictRetry.run(
                "changing a document",
                () -> {
                  documents.change(client().storeId(), t.key, decide);
                  return null;
                }));
  }

  /** If-Match and If-None-Match as RFC 9110 defines them, with the document's quoted ETag. */
  private record Preconditions(String ifMatch, String ifNoneMatch) {
    static Preconditions of(HttpHeaders h) {
      return new Preconditions(
          h.getHeaderString(HttpHeaders.IF_MATCH), h.getHeaderString(HttpHeaders.IF_NONE_MATCH));
    }

    boolean any() {
      return ifMatch != null || ifNoneMatch != null;
    }

    void check(Optional<Document> current) {
      if (ifMatch != null && (current.isEmpty() || !matches(ifMatch, current.get().etag()))) {
        throw new XapiException(
            412,
            current.isEmpty()
                ? "If-Match: there is no document to match"
                : "If-Match: the document has changed (its ETag is no longer the one sent)");
      }
      if (ifNoneMatch != null
          && current.isPresent()
          && matches(ifNoneMatch, current.get().etag())) {
        throw new XapiException(412, "If-None-Match: the document exists");
      }
    }

    private static boolean matches(String header, String etag) {
      for (String tag : header.split(",")) {
        String t = tag.trim();
        if (t.equals("*")) {
          return true;
        }
        if (t.startsWith("W/")) {
          t = t.substring(2);
        }
        if (t.equals("\"" + etag + "\"") || t.equals(etag)) {
          return true;
        }
      }
      return false;
    }
  }

  private static byte[] read(InputStream body) {
    return Json.readBody(body, "the document");
  }

  private static String contentType(HttpHeaders h) {
    String type = h.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (type == null || type.isBlank()) {
      return "application/octet-stream";
    }
    if (type.strip().length() > 255) {
      throw XapiException.badRequest("the Content-Type is longer than 255 characters");
    }
    return type.strip();
  }

  static boolean isJson(String contentType) {
    return contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/json");
  }

  private LrsClient client() {
    return (LrsClient) request.getProperty(XapiRequestFilter.CLIENT);
  }

  private XapiVersion version() {
    return (XapiVersion) request.getProperty(XapiRequestFilter.VERSION);
  }
}
