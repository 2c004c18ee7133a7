package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.application.StatementPage;
import cn.weineng.xapi.application.StatementQuery;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.application.StatementsStored;
import cn.weineng.xapi.domain.StatementMentions;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.StatementView;
import cn.weineng.xapi.domain.Violation;
import cn.weineng.xapi.domain.XapiException;
import cn.weineng.xapi.domain.XapiVersion;
import cn.weineng.xapi.infrastructure.persistence.StatementEntity;
import cn.weineng.xapi.infrastructure.persistence.StatementScan;
import cn.weineng.xapi.infrastructure.persistence.StatementTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Validates, de-duplicates and stores statements in one transaction per request. */
@ApplicationScoped
public class DefaultStatementService implements StatementService {

  private static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Properties the LRS sets or may change, ignored when comparing a re-sent statement with the
   * stored one. The timestamp is ignored too when the client sent none (the LRS then set it).
   */
  private static final Set<String> LRS_PROPERTIES = Set.of("stored", "authority", "version");

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject Event<StatementsStored> stored;

  @Inject jakarta.enterprise.inject.Instance<cn.weineng.xapi.application.StatementRule> rules;

  @Inject cn.weineng.xapi.application.AttachmentService attachmentStore;

  @jakarta.annotation.Resource(lookup = "java:app/jdbc/weineng")
  javax.sql.DataSource dataSource;

  @Override
  @Transactional
  public List<String> store(
      LrsClient client,
      List<JsonNode> statements,
      XapiVersion version,
      Map<String, AttachmentContent> content) {
    if (statements.isEmpty()) {
      throw XapiException.badRequest("the request holds no statement");
    }
    StatementValidator validator = new StatementValidator(version);
    List<Violation> violations = new ArrayList<>();
    boolean batch = statements.size() > 1;
    Map<String, Integer> idsInBatch = new HashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      String path = batch ? "statements[" + i + "]" : "statement";
      JsonNode s = statements.get(i);
      List<Violation> own = validator.validate(s, path);
      violations.addAll(own);
      if (own.isEmpty()) {
        for (cn.weineng.xapi.application.StatementRule rule : rules) {
          violations.addAll(rule.check(s, path));
        }
      }
      if (s.isObject() && s.hasNonNull("id")) {
        Integer first = idsInBatch.putIfAbsent(s.get("id").asText().toLowerCase(Locale.ROOT), i);
        if (first != null) {
          violations.add(
              new Violation(
                  path + ".id", "repeats the id of statements[" + first + "] in the same batch"));
        }
      }
    }
    if (violations.isEmpty()) {
      violations.addAll(attachmentContent(statements, content, batch));
    }
    if (!violations.isEmpty()) {
      throw new XapiException(
          400, violations.size() + " problem(s) in the request; nothing was stored", violations);
    }

    // the stored time and the storage positions are taken together: see StatementTable
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    StatementTable table = table();
    long[] positions = sql(() -> table.allocate(statements.size()));
    List<ObjectNode> prepared = new ArrayList<>();
    List<Boolean> clientTimestamp = new ArrayList<>();
    for (JsonNode s : statements) {
      clientTimestamp.add(s.hasNonNull("timestamp"));
      prepared.add(prepare((ObjectNode) s.deepCopy(), client, version, now));
    }

    // statements already stored under the same ids: identical ones are accepted again, different
    // ones conflict
    Map<String, StatementTable.Stored> existing =
        sql(() -> table.byIds(client.storeId(), idsInBatch.keySet()));
    List<String> ids = new ArrayList<>();
    List<ObjectNode> fresh = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      ObjectNode s = prepared.get(i);
      String id = s.get("id").asText();
      ids.add(id);
      StatementTable.Stored old = existing.get(id);
      if (old == null) {
        fresh.add(s);
      } else if (!sameStatement(old.payload(), s, clientTimestamp.get(i))) {
        throw new XapiException(
            409,
            "statement "
                + id
                + " is already stored with different content; statements are immutable",
            List.of(
                new Violation(
                    (batch ? "statements[" + i + "]" : "statement") + ".id",
                    "conflicts with a stored statement")));
      }
    }

    Set<String> voidedInBatch = voidTargets(client.storeId(), fresh, batch, table);
    // a voiding statement may have arrived before its target: the target is stored voided
    Set<String> voidedOnArrival =
        sql(
            () ->
                table.voidedBy(
                    client.storeId(), fresh.stream().map(s -> s.get("id").asText()).toList()));
    voidedInBatch.addAll(voidedOnArrival);

    List<StatementTable.Row> rows = new ArrayList<>(fresh.size());
    for (ObjectNode s : fresh) {
      rows.add(toRow(client.storeId(), s, version, voidedInBatch));
    }
    sql(
        () -> {
          table.insert(rows, positions);
          return null;
        });
    for (Map.Entry<String, AttachmentContent> part : content.entrySet()) {
      try {
        attachmentStore.put(
            client.storeId(),
            new java.io.ByteArrayInputStream(part.getValue().bytes()),
            part.getValue().contentType(),
            Long.MAX_VALUE);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!fresh.isEmpty()) {
      List<cn.weineng.xapi.application.StoredStatement> views = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        views.add(StatementView.of(fresh.get(i), positions[i]));
      }
      stored.fire(
          new StatementsStored(client.storeId(), List.copyOf(views), Set.copyOf(voidedOnArrival)));
    }
    return ids;
  }

  /**
   * Every attachment without a fileUrl has its content among the parts, every part is named by an
   * attachment, and every signature verifies against its statement.
   */
  private static List<Violation> attachmentContent(
      List<JsonNode> statements, Map<String, AttachmentContent> content, boolean batch) {
    List<Violation> out = new ArrayList<>();
    Set<String> named = new java.util.HashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      JsonNode list = s.path("attachments");
      for (int j = 0; j < list.size(); j++) {
        JsonNode a = list.get(j);
        String path = (batch ? "statements[" + i + "]" : "statement") + ".attachments[" + j + "]";
        String sha2 = a.path("sha2").asText().toLowerCase(Locale.ROOT);
        AttachmentContent part = content.get(sha2);
        if (part != null) {
          named.add(sha2);
        }
        boolean signature =
            cn.weineng.xapi.domain.StatementSignature.USAGE_TYPE.equals(
                a.path("usageType").asText());
        if (part == null && (signature || !a.has("fileUrl"))) {
          out.add(
              new Violation(
                  path + ".sha2",
                  signature
                      ? "a signature's JWS must come as a part of a multipart/mixed request"
                      : "has no fileUrl, and no part of the request carries content with this hash"
                          + " (X-Experience-API-Hash)"));
        } else if (signature) {
          if (!"application/octet-stream".equals(a.path("contentType").asText())) {
            out.add(
                new Violation(
                    path + ".contentType",
                    "a signature's contentType is application/octet-stream"));
          }
          out.addAll(cn.weineng.xapi.domain.StatementSignature.check(s, part.bytes(), path));
        }
      }
    }
    for (String sha2 : content.keySet()) {
      if (!named.contains(sha2)) {
        out.add(
            new Violation(
                "X-Experience-API-Hash " + sha2,
                "a part of the request is named by no attachment of its statements"));
      }
    }
    return out;
  }

  private ObjectNode prepare(
      ObjectNode s, LrsClient client, XapiVersion version, OffsetDateTime now) {
    if (!s.hasNonNull("id")) {
      s.put("id", UUID.randomUUID().toString());
    } else {
      s.put("id", s.get("id").asText().toLowerCase(Locale.ROOT));
    }
    String storedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now);
    if (!s.hasNonNull("timestamp")) {
      s.put("timestamp", storedAt);
    }
    s.put("stored", storedAt);
    ObjectNode authority = s.putObject("authority");
    authority.put("objectType", "Agent");
    ObjectNode account = authority.putObject("account");
    account.put("homePage", client.authorityHomePage());
    account.put("name", client.authorityName());
    if (!s.hasNonNull("version")) {
      s.put("version", version == XapiVersion.V2_0_0 ? "2.0.0" : "1.0.0");
    }
    contextActivitiesAsArrays(s.get("context"));
    if ("SubStatement".equals(s.path("object").path("objectType").asText())) {
      contextActivitiesAsArrays(s.get("object").get("context"));
    }
    return s;
  }

  /** xAPI 1.0.3 §4.1.6.2: a single context activity is stored (and returned) as an array of one. */
  private static void contextActivitiesAsArrays(JsonNode context) {
    if (context instanceof ObjectNode c && c.get("contextActivities") instanceof ObjectNode ca) {
      for (String kind : List.of("parent", "grouping", "category", "other")) {
        JsonNode v = ca.get(kind);
        if (v != null && v.isObject()) {
          ca.putArray(kind).add(v);
        }
      }
    }
  }

  /**
   * Marks the targets of voiding statements voided: stored ones now, ones in this batch through the
   * returned set. A voiding statement cannot void another voiding statement, stored or in the
   * batch.
   */
  private Set<String> voidTargets(
      String storeId, List<ObjectNode> fresh, boolean batch, StatementTable table) {
    Map<String, ObjectNode> inBatch = new HashMap<>();
    Map<String, Integer> voidingAt = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      ObjectNode s = fresh.get(i);
      inBatch.put(s.get("id").asText(), s);
      if (VOIDED.equals(s.path("verb").path("id").asText())) {
        voidingAt.put(s.get("object").get("id").asText().toLowerCase(Locale.ROOT), i);
      }
    }
    Set<String> voidedInBatch = new HashSet<>();
    if (voidingAt.isEmpty()) {
      return voidedInBatch;
    }
    List<Long> voidStored = new ArrayList<>();
    Map<String, StatementTable.Stored> stored = sql(() -> table.byIds(storeId, voidingAt.keySet()));
    for (Map.Entry<String, Integer> e : voidingAt.entrySet()) {
      String target = e.getKey();
      StatementTable.Stored storedTarget = stored.get(target);
      ObjectNode batchTarget = inBatch.get(target);
      String targetVerb =
          storedTarget != null
              ? storedTarget.verbId()
              : batchTarget != null ? batchTarget.path("verb").path("id").asText() : null;
      if (VOIDED.equals(targetVerb)) {
        String path = (batch ? "statements[" + e.getValue() + "]" : "statement") + ".object.id";
        throw new XapiException(
            400,
            "statement " + target + " is itself a voiding statement and cannot be voided",
            List.of(new Violation(path, "refers to a voiding statement")));
      }
      if (storedTarget != null) {
        voidStored.add(storedTarget.seq());
      } else if (batchTarget != null) {
        voidedInBatch.add(target);
      }
    }
    sql(
        () -> {
          table.markVoided(voidStored);
          return null;
        });
    return voidedInBatch;
  }

  private static StatementTable.Row toRow(
      String storeId, ObjectNode s, XapiVersion version, Set<String> voidedInBatch) {
    JsonNode object = s.get("object");
    String id = s.get("id").asText();
    String verb = s.get("verb").get("id").asText();
    String registration = s.path("context").path("registration").asText(null);
    try {
      return new StatementTable.Row(
          storeId,
          id,
          verb,
          registration == null ? null : registration.toLowerCase(Locale.ROOT),
          StatementValidator.Timestamps.parse(s.get("timestamp").asText()),
          StatementValidator.Timestamps.parse(s.get("stored").asText()),
          voidedInBatch.contains(id),
          VOIDED.equals(verb) ? object.get("id").asText().toLowerCase(Locale.ROOT) : null,
          version.header(),
          JSON.writeValueAsString(s),
          StatementMentions.of(s));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated statement could not be serialised", e);
    }
  }

  /** The statement table on the connection of the current transaction. */
  private StatementTable table() {
    return sql(() -> new StatementTable(em.unwrap(java.sql.Connection.class)));
  }

  /** JDBC work, its failure turned into the exception the conflict retry and mappers know. */
  @FunctionalInterface
  private interface Sql<T> {
    T run() throws java.sql.SQLException;
  }

  private static <T> T sql(Sql<T> work) {
    try {
      return work.run();
    } catch (java.sql.SQLException e) {
      throw new jakarta.persistence.PersistenceException(e);
    }
  }

  /** JDBC work on a connection it is given. */
  @FunctionalInterface
  private interface OnConnection<T> {
    T run(java.sql.Connection c) throws java.sql.SQLException;
  }

  /**
   * Runs on the current transaction's connection when there is one (it sees what the transaction
   * wrote), else on one from the pool.
   */
  private <T> T onConnection(OnConnection<T> work) {
    return sql(
        () -> {
          if (em.isJoinedToTransaction()) {
            return work.run(em.unwrap(java.sql.Connection.class));
          }
          try (java.sql.Connection c = dataSource.getConnection()) {
            return work.run(c);
          }
        });
  }

  private static boolean sameStatement(
      String storedPayload, ObjectNode incoming, boolean clientSentTimestamp) {
    try {
      ObjectNode a = (ObjectNode) JSON.readTree(storedPayload);
      ObjectNode b = incoming.deepCopy();
      a.remove(LRS_PROPERTIES);
      b.remove(LRS_PROPERTIES);
      if (!clientSentTimestamp) {
        a.remove("timestamp");
        b.remove("timestamp");
      }
      return a.equals(b);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored statement could not be read", e);
    }
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<JsonNode> find(String storeId, String statementId, boolean voided) {
    List<StatementEntity> found =
        em.createNamedQuery("Statement.byId", StatementEntity.class)
            .setParameter("store", storeId)
            .setParameter("id", statementId.toLowerCase(Locale.ROOT))
            .getResultList();
    return found.stream().filter(e -> e.voided() == voided).findFirst().map(e -> read(e.payload()));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public StatementPage query(String storeId, StatementQuery q) {
    StatementScan.Filter filter =
        new StatementScan.Filter(
            storeId,
            q.agentIfi(),
            q.relatedAgents(),
            q.activityId(),
            q.relatedActivities(),
            q.verbId(),
            q.registration() == null ? null : q.registration().toLowerCase(Locale.ROOT),
            q.since(),
            q.until(),
            q.afterSeq(),
            q.ascending(),
            q.limit());
    List<StatementScan.Hit> rows =
        onConnection(
            c -> {
              try (StatementScan scan = new StatementScan(c)) {
                return scan.page(filter);
              }
            });
    boolean more = rows.size() > q.limit();
    List<StatementScan.Hit> page = more ? rows.subList(0, q.limit()) : rows;
    List<JsonNode> statements = page.stream().map(h -> read(h.payload())).toList();
    return new StatementPage(statements, more ? page.get(page.size() - 1).seq() : null);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<cn.weineng.xapi.application.StoredStatement> readInStoredOrder(
      String storeId, long afterSeq, int limit) {
    // the storage position and the statement only: no entity to manage, one JSON parse each
    List<StatementScan.Hit> rows =
        onConnection(
            c -> {
              try (StatementScan scan = new StatementScan(c)) {
                return scan.inStoredOrder(storeId, afterSeq, limit);
              }
            });
    List<cn.weineng.xapi.application.StoredStatement> out = new ArrayList<>(rows.size());
    for (StatementScan.Hit h : rows) {
      out.add(StatementView.of(read(h.payload()), h.seq()));
    }
    return out;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<String, Long> positionsOf(
      String storeId, java.util.Collection<String> statementIds) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    if (statementIds.isEmpty()) {
      return out;
    }
    return onConnection(c -> new StatementTable(c).positions(storeId, statementIds));
  }

  private static JsonNode read(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored statement could not be read", e);
    }
  }
}
