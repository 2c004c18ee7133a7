package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.application.ConflictRetry;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.application.StatementPage;
import cn.weineng.xapi.application.StatementQuery;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.domain.AgentIdentifier;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.Violation;
import cn.weineng.xapi.domain.XapiException;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The xAPI Statement resource: PUT, POST (one or a batch) and GET (by id, or a filtered list). */
@Path("xapi/statements")
@XapiEndpoint
public class StatementsResource {

  /** Largest request body accepted; larger ones get 413. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** Most statements one POST may hold; a larger batch gets 413 before any is checked. */
  static final int MAX_BATCH = 1_000;

  private static final Set<String> QUERY_PARAMS =
      Set.of(
          "statementId",
          "voidedStatementId",
          "agent",
          "verb",
          "activity",
          "registration",
          "since",
          "until",
          "limit",
          "format",
          "attachments",
          "ascending",
          "cursor",
          "related_activities",
          "related_agents");

  @Inject StatementService statements;

  @Inject cn.weineng.xapi.application.IngestGate gate;

  @Context ContainerRequestContext request;

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
    String id = uri.getQueryParameters().getFirst("statementId");
    if (id == null) {
      throw XapiException.badRequest("PUT needs the statementId parameter");
    }
    JsonNode statement = readBody(headers, body);
    java.util.Map<String, StatementService.AttachmentContent> parts = takeParts();
    if (!statement.isObject()) {
      throw new XapiException(
          400,
          "PUT takes one statement object",
          List.of(new Violation("statement", "must be a JSON object")));
    }
    if (statement.hasNonNull("id") && !statement.get("id").asText().equalsIgnoreCase(id)) {
      throw new XapiException(
          400,
          "the statement's id differs from the statementId parameter",
          List.of(new Violation("statement.id", "must equal the statementId parameter " + id)));
    }
    List<Violation> idProblems = new ArrayList<>();
    ((ObjectNode) statement).put("id", id);
    new StatementValidator(version())
        .validate(statement, "statement").stream()
            .filter(v -> v.path().equals("statement.id"))
            .forEach(idProblems::add);
    if (!idProblems.isEmpty()) {
      throw new XapiException(400, "statementId is not a UUID", idProblems);
    }
    storeRetryingOnConflict(List.of(statement), parts);
    return Response.noContent().build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(@Context HttpHeaders headers, InputStream body) {
    JsonNode json = readBody(headers, body);
    java.util.Map<String, StatementService.AttachmentContent> parts = takeParts();
    if (json.isArray() && json.isEmpty()) {
      // Moodle's logstore_xapi sends [] whenever its queue is empty (each cron minute on an idle
      // site): a store of nothing, answered as such
      return Response.ok("[]", MediaType.APPLICATION_JSON).build();
    }
    if (json.isArray() && json.size() > MAX_BATCH) {
      throw new XapiException(
          413,
          "the batch holds "
              + json.size()
              + " statements; send at most "
              + MAX_BATCH
              + " in one request");
    }
    List<JsonNode> batch = new ArrayList<>();
    if (json.isArray()) {
      json.forEach(batch::add);
    } else {
      batch.add(json);
    }
    List<String> ids = storeRetryingOnConflict(batch, parts);
    return Response.ok(Json.write(ids), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
    MultivaluedMap<String, String> q = uri.getQueryParameters();
    for (String name : q.keySet()) {
      if (!QUERY_PARAMS.contains(name)) {
        throw XapiException.badRequest("unknown parameter '" + name + "'");
      }
    }
    String format = q.getFirst("format") == null ? "exact" : q.getFirst("format");
    if (!Set.of("exact", "ids", "canonical").contains(format)) {
      throw XapiException.badRequest("format must be exact, ids or canonical");
    }
    String storeId = client().storeId();
    String statementId = q.getFirst("statementId");
    String voidedId = q.getFirst("voidedStatementId");
    if (statementId != null || voidedId != null) {
      if (statementId != null && voidedId != null) {
        throw XapiException.badRequest("statementId and voidedStatementId cannot be used together");
      }
      for (String name : q.keySet()) {
        if (!Set.of("statementId", "voidedStatementId", "format", "attachments").contains(name)) {
          throw XapiException.badRequest(
              "'" + name + "' cannot be combined with statementId or voidedStatementId");
        }
      }
      String id = statementId != null ? statementId : voidedId;
      JsonNode s =
          statements
              .find(storeId, id, voidedId != null)
              .orElseThrow(
                  () ->
                      new XapiException(
                          404,
                          "no "
                              + (voidedId != null ? "voided " : "")
                              + "statement "
                              + id
                              + " in this store"));
      if (flag(q, "attachments")) {
        return withAttachments(Json.write(format(s, format, headers)), List.of(s), storeId)
            .header(
                "Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    StatementValidator.Timestamps.parse(s.path("stored").asText())))
            .build();
      }
      return Response.ok(Json.write(format(s, format, headers)), MediaType.APPLICATION_JSON)
          .header(
              "Last-Modified",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  StatementValidator.Timestamps.parse(s.path("stored").asText())))
          .build();
    }

    StatementQuery query = parseQuery(q);
    StatementPage page = statements.query(storeId, query);
    ArrayNode list = Json.MAPPER.createArrayNode();
    page.statements().forEach(s -> list.add(format(s, format, headers)));
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.set("statements", list);
    result.put("more", page.lastSeq() == null ? "" : moreLink(uri, page.lastSeq()));
    if (flag(q, "attachments")) {
      return withAttachments(Json.write(result), page.statements(), storeId).build();
    }
    return Response.ok(Json.write(result), MediaType.APPLICATION_JSON).build();
  }

  private StatementQuery parseQuery(MultivaluedMap<String, String> q) {
    String agent = null;
    if (q.getFirst("agent") != null) {
      JsonNode a;
      try {
        a = Json.MAPPER.readTree(q.getFirst("agent"));
      } catch (JsonProcessingException e) {
        throw XapiException.badRequest("agent must be a JSON Agent or identified Group object");
      }
      List<Violation> v =
          new StatementValidator(version())
              .validate(Json.MAPPER.createObjectNode().set("actor", a), "query").stream()
                  .filter(x -> x.path().startsWith("query.actor"))
                  .toList();
      if (!v.isEmpty() || AgentIdentifier.of(a).isEmpty()) {
        throw new XapiException(400, "agent is not a valid Agent or identified Group", v);
      }
      agent = AgentIdentifier.of(a).get();
    }
    int limit = StatementQuery.DEFAULT_LIMIT;
    if (q.getFirst("limit") != null) {
      try {
        limit = Integer.parseInt(q.getFirst("limit"));
      } catch (NumberFormatException e) {
        throw XapiException.badRequest("limit must be a whole number");
      }
      if (limit < 0) {
        throw XapiException.badRequest("limit must not be negative");
      }
      limit = limit == 0 ? StatementQuery.MAX_LIMIT : Math.min(limit, StatementQuery.MAX_LIMIT);
    }
    Long after = null;
    if (q.getFirst("cursor") != null) {
      try {
        after =
            Long.parseLong(
                new String(
                    Base64.getUrlDecoder().decode(q.getFirst("cursor")),
                    StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw XapiException.badRequest("cursor is not one this LRS issued");
      }
    }
    String registration = q.getFirst("registration");
    if (registration != null && !registration.matches("[0-9a-fA-F-]{36}")) {
      throw XapiException.badRequest("registration must be a UUID");
    }
    return new StatementQuery(
        agent,
        q.getFirst("verb"),
        q.getFirst("activity"),
        registration,
        time(q, "since"),
        time(q, "until"),
        limit,
        flag(q, "ascending"),
        after,
        flag(q, "related_agents"),
        flag(q, "related_activities"));
  }

  /** A boolean query parameter: absent is false; anything but true or false is refused. */
  static boolean flag(MultivaluedMap<String, String> q, String name) {
    String v = q.getFirst(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw XapiException.badRequest(name + " must be true or false");
  }

  private static OffsetDateTime time(MultivaluedMap<String, String> q, String name) {
    String v = q.getFirst(name);
    if (v == null) {
      return null;
    }
    try {
      return StatementValidator.Timestamps.parse(v);
    } catch (RuntimeException e) {
      throw XapiException.badRequest(name + " must be an ISO 8601 timestamp");
    }
  }

  private static String moreLink(UriInfo uri, long lastSeq) {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Long.toString(lastSeq).getBytes(StandardCharsets.US_ASCII));
    java.net.URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build();
    return next.getRawPath() + "?" + next.getRawQuery();
  }

  /** format=ids keeps only identifiers; exact and canonical return the statement as stored. */
  private static JsonNode format(JsonNode s, String format, HttpHeaders headers) {
    if ("canonical".equals(format)) {
      ObjectNode copy = s.deepCopy();
      oneLanguage(copy, headers.getAcceptableLanguages());
      return copy;
    }
    if (!"ids".equals(format)) {
      return s;
    }
    ObjectNode copy = s.deepCopy();
    idsOnly(copy);
    return copy;
  }

  /**
   * format=canonical (Communication 2.1.3): every language map (display, name, description) keeps
   * only the language the request prefers most (Accept-Language, exact tag first, then the same
   * primary language), or its first entry when none matches.
   */
  static void oneLanguage(JsonNode node, List<java.util.Locale> preferred) {
    if (node instanceof ObjectNode o) {
      for (String field : List.copyOf(iterable(o.fieldNames()))) {
        JsonNode v = o.get(field);
        if ("extensions".equals(field)) {
          continue; // free JSON: no language maps there
        }
        if (Set.of("display", "name", "description").contains(field) && isLanguageMap(v)) {
          String keep = pick((ObjectNode) v, preferred);
          ObjectNode one = Json.MAPPER.createObjectNode();
          one.set(keep, v.get(keep));
          o.set(field, one);
        } else {
          oneLanguage(v, preferred);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(e -> oneLanguage(e, preferred));
    }
  }

  private static boolean isLanguageMap(JsonNode v) {
    if (!v.isObject() || v.isEmpty()) {
      return false;
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String pick(ObjectNode map, List<java.util.Locale> preferred) {
    List<String> tags = List.copyOf(iterable(map.fieldNames()));
    for (java.util.Locale l : preferred) {
      String want = l.toLanguageTag();
      if ("*".equals(l.getLanguage()) || want.equals("und")) {
        continue;
      }
      for (String t : tags) {
        if (t.equalsIgnoreCase(want)) {
          return t;
        }
      }
      for (String t : tags) {
        if (t.split("-", 2)[0].equalsIgnoreCase(l.getLanguage())) {
          return t;
        }
      }
    }
    return tags.get(0);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /**
   * format=ids (Communication 2.1.3): only what identifies each Agent, Group, Activity and Verb; an
   * anonymous Group keeps its members, identified that way too.
   */
  private static void idsOnly(ObjectNode statement) {
    replace(statement, "actor", StatementsResource::agentIds);
    replace(statement, "authority", StatementsResource::agentIds);
    JsonNode verb = statement.get("verb");
    if (verb instanceof ObjectNode v) {
      v.retain("id");
    }
    JsonNode object = statement.get("object");
    if (object instanceof ObjectNode o) {
      switch (o.path("objectType").asText("Activity")) {
        case "Activity" -> o.retain("id");
        case "Agent", "Group" -> statement.set("object", agentIds(o));
        case "SubStatement" -> idsOnly(o);
        default -> {}
      }
    }
    if (statement.get("context") instanceof ObjectNode c) {
      replace(c, "instructor", StatementsResource::agentIds);
      replace(c, "team", StatementsResource::agentIds);
      if (c.get("contextActivities") instanceof ObjectNode ca) {
        ca.forEach(
            list ->
                list.forEach(
                    a -> {
                      if (a instanceof ObjectNode activity) {
                        activity.retain("id");
                      }
                    }));
      }
      c.path("contextAgents")
          .forEach(x -> replace((ObjectNode) x, "agent", StatementsResource::agentIds));
      c.path("contextGroups")
          .forEach(x -> replace((ObjectNode) x, "group", StatementsResource::agentIds));
    }
  }

  private static JsonNode agentIds(JsonNode agent) {
    if (!(agent instanceof ObjectNode a)) {
      return agent;
    }
    ObjectNode out = a.deepCopy();
    out.retain("objectType", "mbox", "mbox_sha1sum", "openid", "account");
    boolean identified = out.size() > (out.has("objectType") ? 1 : 0);
    if (!identified
        && a.get("member") instanceof com.fasterxml.jackson.databind.node.ArrayNode members) {
      com.fasterxml.jackson.databind.node.ArrayNode m = out.putArray("member");
      members.forEach(x -> m.add(agentIds(x)));
    }
    return out;
  }

  private static void replace(
      ObjectNode parent, String field, java.util.function.UnaryOperator<JsonNode> f) {
    if (parent.has(field)) {
      parent.set(field, f.apply(parent.get(field)));
    }
  }

  private JsonNode readBody(HttpHeaders headers, InputStream body) {
    MediaType type = headers.getMediaType();
    // media types are case-insensitive (RFC 9110 §8.3.1)
    if (type == null
        || !(type.getType().equalsIgnoreCase("application")
            && type.getSubtype().equalsIgnoreCase("json"))) {
      if (type != null
          && type.getType().equalsIgnoreCase("multipart")
          && type.getSubtype().equalsIgnoreCase("mixed")) {
        return readMixed(type, body);
      }
      throw XapiException.badRequest(
          "Content-Type must be application/json, or multipart/mixed for statements with"
              + " attachments");
    }
    byte[] bytes = Json.readBody(body, "the request body");
    return Json.readStrict(bytes, "the request body");
  }

  private static final String PARTS = "weineng.xapi.parts";

  @Inject cn.weineng.xapi.application.AttachmentService attachments;

  /**
   * attachments=true (Communication 2.1.3): a multipart/mixed answer, the JSON as its first part,
   * then the content of every attachment of the statements shown that this store holds, once each.
   */
  private Response.ResponseBuilder withAttachments(
      String json, List<JsonNode> shown, String storeId) {
    String boundary = "weineng-" + java.util.UUID.randomUUID();
    java.util.Map<String, String> held = new java.util.LinkedHashMap<>();
    for (JsonNode s : shown) {
      for (JsonNode a : s.path("attachments")) {
        String sha2 = a.path("sha2").asText().toLowerCase(java.util.Locale.ROOT);
        if (!held.containsKey(sha2)) {
          // the media type the content was stored with, never one a later statement claims
          attachments.find(storeId, sha2).ifPresent(stored -> held.put(sha2, stored.contentType()));
        }
      }
    }
    jakarta.ws.rs.core.StreamingOutput out =
        os -> {
          os.write(
              ("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          for (java.util.Map.Entry<String, String> part : held.entrySet()) {
            os.write(
                ("--"
                        + boundary
                        + "\r\nContent-Type: "
                        + part.getValue()
                        + "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: "
                        + part.getKey()
                        + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            attachments.copyTo(storeId, part.getKey(), os);
            os.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          os.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    return Response.ok(out).type("multipart/mixed; boundary=" + boundary);
  }

  /** The attachment parts the request's body carried (none unless it was multipart/mixed). */
  @SuppressWarnings("unchecked")
  private java.util.Map<String, StatementService.AttachmentContent> takeParts() {
    Object parts = request.getProperty(PARTS);
    return parts == null
        ? java.util.Map.of()
        : (java.util.Map<String, StatementService.AttachmentContent>) parts;
  }

  /**
   * A multipart/mixed body (Communication 1.5.2): the statements as the first part
   * (application/json), then each attachment's content with its X-Experience-API-Hash, which must
   * be the SHA-2 of the part's bytes.
   */
  private JsonNode readMixed(MediaType type, InputStream body) {
    byte[] bytes = Json.readBody(body, "the request body");
    List<MixedParts.Part> parts = MixedParts.parse(bytes, type.getParameters().get("boundary"));
    if (parts.isEmpty()) {
      throw XapiException.badRequest("the multipart body has no part");
    }
    MixedParts.Part first = parts.get(0);
    String firstType = first.header("Content-Type");
    if (firstType == null
        || !firstType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      throw XapiException.badRequest(
          "the first part of a multipart/mixed body holds the statements: Content-Type"
              + " application/json");
    }
    java.util.Map<String, StatementService.AttachmentContent> content =
        new java.util.LinkedHashMap<>();
    for (int i = 1; i < parts.size(); i++) {
      MixedParts.Part part = parts.get(i);
      String where = "part " + (i + 1) + " of the multipart body";
      String hash = part.header("X-Experience-API-Hash");
      if (hash == null || !hash.trim().matches("(?i)[0-9a-f]{64}")) {
        throw XapiException.badRequest(
            where
                + " needs an X-Experience-API-Hash header: the SHA-256 of its content in hex (this"
                + " LRS keeps content by SHA-256)");
      }
      String encoding = part.header("Content-Transfer-Encoding");
      if (encoding != null && !encoding.trim().equalsIgnoreCase("binary")) {
        throw XapiException.badRequest(where + ": Content-Transfer-Encoding must be binary");
      }
      String declared = hash.trim().toLowerCase(java.util.Locale.ROOT);
      String algorithm =
          declared.length() == 64 ? "SHA-256" : declared.length() == 96 ? "SHA-384" : "SHA-512";
      String actual;
      try {
        actual =
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance(algorithm).digest(part.body()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      if (!actual.equals(declared)) {
        throw XapiException.badRequest(
            where
                + ": its content does not have the "
                + algorithm
                + " its X-Experience-API-Hash says");
      }
      String partType = part.header("Content-Type");
      if (partType != null && !StatementValidator.isMediaType(partType)) {
        throw XapiException.badRequest(
            where + ": its Content-Type is not a media type of at most 255 characters");
      }
      content.put(
          declared,
          new StatementService.AttachmentContent(
              partType == null ? "application/octet-stream" : partType, part.body()));
    }
    request.setProperty(PARTS, content);
    return Json.readStrict(first.body(), "the statements part");
  }

  /**
   * Stores, again when a concurrent request won a race for the same rows (see {@link
   * ConflictRetry}).
   */
  private List<String> storeRetryingOnConflict(
      List<JsonNode> batch, java.util.Map<String, StatementService.AttachmentContent> parts) {
    return gate.write(
        () ->
            ConflictRetry.run(
                "storing statements", () -> statements.store(client(), batch, version(), parts)));
  }

  private LrsClient client() {
    return (LrsClient) request.getProperty(XapiRequestFilter.CLIENT);
  }

  private XapiVersion version() {
    return (XapiVersion) request.getProperty(XapiRequestFilter.VERSION);
  }
}
