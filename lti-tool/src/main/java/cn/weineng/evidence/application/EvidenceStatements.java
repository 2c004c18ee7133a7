package cn.weineng.evidence.application;

import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The xAPI statements of 校本应用考核, written to the store in the caller's transaction: a submission
 * (the teacher submits an evidence item, the file attached by reference), a grade (a reviewer
 * grades the submission's statement), a promotion and an override. They are the audit trail other
 * systems read; the vocabulary is in docs/xapi-vocabulary.md.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EvidenceStatements {

  static final ObjectMapper JSON = new ObjectMapper();

  public static final String PROFILE = "https://w3id.org/weineng/xapi/profile/v1";
  public static final String VERB_SUBMIT = "http://activitystrea.ms/schema/1.0/submit";
  public static final String VERB_GRADED = "https://w3id.org/weineng/xapi/verbs/graded";
  public static final String VERB_PROMOTED = "https://w3id.org/weineng/xapi/verbs/promoted";
  public static final String TYPE_POINT =
      "https://w3id.org/weineng/xapi/activity-types/micro-ability";
  public static final String TYPE_EVIDENCE_ITEM =
      "https://w3id.org/weineng/xapi/activity-types/evidence-item";
  public static final String USAGE_EVIDENCE = "https://w3id.org/weineng/xapi/attachments/evidence";
  public static final String EXT = "https://w3id.org/weineng/xapi/extensions/";
  public static final String EXT_LEVEL = EXT + "grade-level";
  public static final String EXT_ATTEMPT = EXT + "attempt";
  public static final String EXT_ROLE = EXT + "reviewer-role";
  public static final String EXT_STAGE = EXT + "promotion-stage";
  public static final String EXT_OVERRIDE = EXT + "override";

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject StatementService statements;
  @Inject PublicUrl publicUrl;
  @Inject InsertIfAbsent inserts;

  /** The evidence item's activity IRI. */
  public static String itemIri(Point p, String item) {
    return p.iri() + "/evidence/" + item;
  }

  public String submitted(
      Submission s, Point p, Guide.EvidenceItem item, String fileUrl, String storeId) {
    ObjectNode st = base(storeId, s.personId(), VERB_SUBMIT, "submitted", "提交");
    ObjectNode object = st.putObject("object");
    object.put("objectType", "Activity");
    object.put("id", itemIri(p, item.key()));
    ObjectNode def = object.putObject("definition");
    def.put("type", TYPE_EVIDENCE_ITEM);
    def.putObject("name").put("zh-CN", p.code() + " " + item.name());
    ObjectNode context = st.putObject("context");
    parentPoint(context, p);
    context.putObject("extensions").put(EXT_ATTEMPT, s.attempt());
    ArrayNode attachments = st.putArray("attachments");
    ObjectNode a = attachments.addObject();
    a.put("usageType", USAGE_EVIDENCE);
    a.putObject("display").put("zh-CN", item.name());
    a.put("contentType", s.contentType());
    a.put("length", s.length());
    a.put("sha2", s.sha256());
    a.put("fileUrl", fileUrl);
    return store(storeId, st);
  }

  public String graded(
      String storeId,
      String reviewerId,
      Submission s,
      Point p,
      String role,
      String level,
      String comment) {
    ObjectNode st = base(storeId, reviewerId, VERB_GRADED, "graded", "评定");
    ObjectNode object = st.putObject("object");
    object.put("objectType", "StatementRef");
    object.put("id", s.statementId());
    ObjectNode result = st.putObject("result");
    result.put("success", !level.equals("fail"));
    if (comment != null && !comment.isBlank()) {
      result.put("response", comment);
    }
    result.putObject("extensions").put(EXT_LEVEL, level);
    ObjectNode context = st.putObject("context");
    parentPoint(context, p);
    ((ObjectNode) context.get("contextActivities"))
        .putArray("grouping")
        .addObject()
        .put("id", itemIri(p, s.item()));
    context.putObject("extensions").put(EXT_ROLE, role).put(EXT_ATTEMPT, s.attempt());
    return store(storeId, st);
  }

  public String promoted(
      String storeId, String promoterId, Submission s, Point p, String role, String stage) {
    ObjectNode st = base(storeId, promoterId, VERB_PROMOTED, "promoted", "推荐");
    ObjectNode object = st.putObject("object");
    object.put("objectType", "StatementRef");
    object.put("id", s.statementId());
    st.putObject("result").putObject("extensions").put(EXT_STAGE, stage);
    ObjectNode context = st.putObject("context");
    parentPoint(context, p);
    context.putObject("extensions").put(EXT_ROLE, role);
    return store(storeId, st);
  }

  /** The admin sets (or, with a null level, clears) a teacher's point result. */
  public String overridden(
      String storeId, String adminName, String teacherId, Point p, String level, String note) {
    ObjectNode st = JSON.createObjectNode();
    st.put("id", UUID.randomUUID().toString());
    ObjectNode actor = st.putObject("actor");
    actor.put("objectType", "Agent");
    actor.putObject("account").put("homePage", publicUrl.base()).put("name", "admin:" + adminName);
    verb(st, VERB_GRADED, "graded", "评定");
    st.set("object", agent(storeId, teacherId));
    ObjectNode result = st.putObject("result");
    if (level != null) {
      result.put("success", !level.equals("fail"));
    }
    result.put("response", note);
    ObjectNode ext = result.putObject("extensions");
    if (level != null) {
      ext.put(EXT_LEVEL, level);
    }
    ext.put(EXT_OVERRIDE, level == null ? "cleared" : "set");
    ObjectNode context = st.putObject("context");
    parentPoint(context, p);
    st.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
    return store(storeId, st);
  }

  private ObjectNode base(String storeId, String personId, String verb, String en, String zh) {
    ObjectNode st = JSON.createObjectNode();
    st.put("id", UUID.randomUUID().toString());
    st.set("actor", agent(storeId, personId));
    verb(st, verb, en, zh);
    st.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
    return st;
  }

  private static void verb(ObjectNode st, String id, String en, String zh) {
    ObjectNode v = st.putObject("verb");
    v.put("id", id);
    v.putObject("display").put("en-US", en).put("zh-CN", zh);
  }

  private static void parentPoint(ObjectNode context, Point p) {
    ObjectNode ca = context.putObject("contextActivities");
    ObjectNode parent = ca.putArray("parent").addObject();
    parent.put("id", p.iri());
    ObjectNode def = parent.putObject("definition");
    def.put("type", TYPE_POINT);
    def.putObject("name").put("zh-CN", p.code() + " " + p.name());
    ca.putArray("category").addObject().put("id", PROFILE);
  }

  /**
   * The agent a person is known by in the store: an LMS account first, then any other identifier; a
   * person with none (entered from a roster) gets an account in Weineng's own name space,
   * registered as theirs, so that the statement reaches them. Never a name, email of its own
   * making, or ID number.
   */
  ObjectNode agent(String storeId, String personId) {
    @SuppressWarnings("unchecked")
    List<String> ifis =
        em.createNativeQuery(
                "select ifi from person_identity where store_id = ? and person_id = ?"
                    + " order by case when ifi like 'account:%' then 0 else 1 end, created_at, ifi")
            .setParameter(1, storeId)
            .setParameter(2, personId)
            .getResultList();
    String ifi;
    if (ifis.isEmpty()) {
      ifi = "account:" + publicUrl.base() + "|person:" + personId;
      inserts.insert(
          em,
          "person_identity",
          InsertIfAbsent.row(
              "store_id",
              storeId,
              "ifi",
              ifi,
              "person_id",
              personId,
              "created_at",
              OffsetDateTime.now(ZoneOffset.UTC)),
          List.of("store_id", "ifi"));
    } else {
      ifi = ifis.get(0);
    }
    return agentOf(ifi);
  }

  /** The agent JSON of a canonical identifier ({@code account:<homePage>|<name>}, …). */
  static ObjectNode agentOf(String ifi) {
    ObjectNode a = JSON.createObjectNode();
    a.put("objectType", "Agent");
    if (ifi.startsWith("account:")) {
      String rest = ifi.substring("account:".length());
      int bar = rest.indexOf('|');
      a.putObject("account")
          .put("homePage", rest.substring(0, bar))
          .put("name", rest.substring(bar + 1));
    } else if (ifi.startsWith("mbox_sha1sum:")) {
      a.put("mbox_sha1sum", ifi.substring("mbox_sha1sum:".length()));
    } else if (ifi.startsWith("mbox:")) {
      a.put("mbox", ifi.substring("mbox:".length()));
    } else if (ifi.startsWith("openid:")) {
      a.put("openid", ifi.substring("openid:".length()));
    } else {
      throw new IllegalStateException("not an agent identifier: " + ifi.split(":", 2)[0]);
    }
    return a;
  }

  private String store(String storeId, ObjectNode statement) {
    LrsClient self = new LrsClient(storeId, publicUrl.base(), "weineng-evidence");
    return statements.store(self, List.of(statement), XapiVersion.V1_0_3).get(0);
  }
}
