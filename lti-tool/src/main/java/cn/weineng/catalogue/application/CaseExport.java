package cn.weineng.catalogue.application;

import cn.weineng.catalogue.domain.Framework;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A catalogue as a 1EdTech CASE 1.0 CFPackage: a CFDocument; CFItems for the environments, the
 * dimensions under each environment, and the points; {@code isChildOf} associations along that
 * tree; {@code exactMatchOf} from a variant's points to the national points they renumber; one
 * CFRubric per point, a criterion per evidence item with the levels 优秀, 合格, 不合格. Identifiers are
 * name-based UUIDs of the catalogue and the code, so the same catalogue exports the same
 * identifiers everywhere; item URIs are the points' IRIs.
 */
public final class CaseExport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "https://w3id.org/weineng/micro-abilities/";

  static final Map<String, String> ENVIRONMENT_NAMES =
      Map.of("multimedia", "多媒体教学环境", "blended", "混合学习环境", "smart", "智慧学习环境");
  static final Map<String, String> DIMENSION_NAMES =
      Map.of(
          "learner-analysis", "学情分析",
          "instructional-design", "教学设计",
          "learning-guidance", "学法指导",
          "assessment", "学业评价");
  static final List<String> ENVIRONMENT_ORDER = List.of("multimedia", "blended", "smart");
  static final List<String> DIMENSION_ORDER =
      List.of("learner-analysis", "instructional-design", "learning-guidance", "assessment");

  private CaseExport() {}

  /** The CFPackage of {@code framework}. */
  public static ObjectNode cfPackage(
      Framework framework,
      List<Point> points,
      Function<Point, Guide> guides,
      Instant lastChange,
      String publicUrl) {
    String changed =
        DateTimeFormatter.ISO_INSTANT.format(lastChange.truncatedTo(ChronoUnit.SECONDS));
    String fw = framework.id();
    ObjectNode root = JSON.createObjectNode();

    ObjectNode doc = root.putObject("CFDocument");
    String docId = uuid(fw);
    doc.put("identifier", docId);
    doc.put("uri", BASE + fw);
    doc.put("creator", "Weineng");
    doc.put("title", framework.name());
    doc.put("lastChangeDateTime", changed);
    doc.put("officialSourceURL", publicUrl + "/api/micro-abilities/frameworks/" + fw + "/case");
    doc.put("description", framework.nameEn());
    doc.put("language", "zh");
    doc.put("version", framework.version());
    doc.put("adoptionStatus", "Draft");
    if (framework.source() != null) {
      doc.put("notes", framework.source());
    }
    ObjectNode pkgUri = doc.putObject("CFPackageURI");
    pkgUri.put("title", framework.name());
    pkgUri.put("identifier", docId);
    pkgUri.put("uri", BASE + fw + "/package");
    ObjectNode docLink = link(framework.name(), docId, BASE + fw);

    ArrayNode items = root.putArray("CFItems");
    ArrayNode assocs = root.putArray("CFAssociations");
    ObjectNode defs = root.putObject("CFDefinitions");
    ArrayNode types = defs.putArray("CFItemTypes");
    Map<String, ObjectNode> typeLinks = new LinkedHashMap<>();
    int h = 1;
    for (String[] t :
        new String[][] {
          {"environment", "教学环境", "Teaching environment"},
          {"dimension", "教学维度", "Teaching dimension"},
          {"point", "微能力点", "Micro-ability point"}
        }) {
      String id = uuid(fw + "/type/" + t[0]);
      ObjectNode type = types.addObject();
      type.put("identifier", id);
      type.put("uri", BASE + fw + "/type/" + t[0]);
      type.put("title", t[1]);
      type.put("description", t[2]);
      type.put("hierarchyCode", String.valueOf(h++));
      type.put("lastChangeDateTime", changed);
      typeLinks.put(t[0], link(t[1], id, BASE + fw + "/type/" + t[0]));
    }

    Map<String, ObjectNode> envLinks = new LinkedHashMap<>();
    Map<String, ObjectNode> dimLinks = new LinkedHashMap<>();
    int seq = 0;
    for (String env : ENVIRONMENT_ORDER) {
      if (points.stream().noneMatch(p -> p.environment().equals(env))) {
        continue;
      }
      String uri = BASE + fw + "/" + env;
      ObjectNode it =
          item(
              items, uuid(fw + "/" + env), uri, ENVIRONMENT_NAMES.get(env), null, changed, docLink);
      it.put("CFItemType", "教学环境");
      it.set("CFItemTypeURI", typeLinks.get("environment"));
      envLinks.put(env, link(ENVIRONMENT_NAMES.get(env), it.get("identifier").asText(), uri));
      association(assocs, fw, "isChildOf", envLinks.get(env), docLink, ++seq, changed, docLink);
      for (String dim : DIMENSION_ORDER) {
        if (points.stream()
            .noneMatch(p -> p.environment().equals(env) && p.dimension().equals(dim))) {
          continue;
        }
        String duri = BASE + fw + "/" + env + "/" + dim;
        String title = ENVIRONMENT_NAMES.get(env) + " · " + DIMENSION_NAMES.get(dim);
        ObjectNode d =
            item(items, uuid(fw + "/" + env + "/" + dim), duri, title, null, changed, docLink);
        d.put("CFItemType", "教学维度");
        d.set("CFItemTypeURI", typeLinks.get("dimension"));
        ObjectNode dl = link(title, d.get("identifier").asText(), duri);
        dimLinks.put(env + "/" + dim, dl);
        association(assocs, fw, "isChildOf", dl, envLinks.get(env), ++seq, changed, docLink);
      }
    }

    ArrayNode rubrics = root.putArray("CFRubrics");
    for (Point p : points) {
      String id = uuid(fw + "/" + p.code());
      ObjectNode it = item(items, id, p.iri(), p.name(), p.code(), changed, docLink);
      it.put("CFItemType", "微能力点");
      it.set("CFItemTypeURI", typeLinks.get("point"));
      if (p.nameEn() != null) {
        it.put("alternativeLabel", p.nameEn());
      }
      it.put(
          "notes",
          (p.verified() ? "verified" : "not verified")
              + (p.source() == null ? "" : ": " + p.source()));
      ObjectNode pl = link(p.name(), id, p.iri());
      association(
          assocs,
          fw,
          "isChildOf",
          pl,
          dimLinks.get(p.environment() + "/" + p.dimension()),
          ++seq,
          changed,
          docLink);
      if (framework.basedOn() != null && p.relatedCode() != null) {
        String target = framework.basedOn();
        association(
            assocs,
            fw,
            "exactMatchOf",
            pl,
            link(
                p.relatedCode(),
                uuid(target + "/" + p.relatedCode()),
                Point.iri(target, p.relatedCode())),
            ++seq,
            changed,
            docLink);
      }
      rubrics.add(rubric(fw, p, guides.apply(p), changed, pl));
    }
    // CASE lists the definitions' other arrays too; these catalogues use none of them
    defs.putArray("CFConcepts");
    defs.putArray("CFSubjects");
    defs.putArray("CFLicenses");
    defs.putArray("CFAssociationGroupings");
    return root;
  }

  private static ObjectNode rubric(
      String fw, Point p, Guide guide, String changed, ObjectNode pointLink) {
    ObjectNode r = JSON.createObjectNode();
    String rid = uuid(fw + "/" + p.code() + "/rubric");
    r.put("identifier", rid);
    r.put("uri", p.iri() + "/rubric");
    r.put("title", p.code() + " " + p.name() + " 评价标准");
    r.put("description", "每个证据项评为优秀、合格或不合格；能力点结果取各证据项的最低等级。");
    r.put("lastChangeDateTime", changed);
    ArrayNode criteria = r.putArray("CFRubricCriteria");
    int pos = 1;
    for (Guide.EvidenceItem i : guide.items()) {
      ObjectNode c = criteria.addObject();
      String cid = uuid(fw + "/" + p.code() + "/rubric/" + i.key());
      c.put("identifier", cid);
      c.put("uri", p.iri() + "/rubric/" + i.key());
      c.put("category", i.key());
      c.put("description", i.name());
      c.set("CFItemURI", pointLink.deepCopy());
      c.put("weight", 1.0);
      c.put("position", pos++);
      c.put("rubricId", rid);
      c.put("lastChangeDateTime", changed);
      ArrayNode levels = c.putArray("CFRubricCriterionLevels");
      Guide.Rubric rubric = i.rubric();
      String[][] lv = {
        {"excellent", "优秀", rubric == null ? null : rubric.excellent(), "2"},
        {"pass", "合格", rubric == null ? null : rubric.pass(), "1"},
        {"fail", "不合格", rubric == null ? null : rubric.fail(), "0"}
      };
      int lp = 1;
      for (String[] l : lv) {
        ObjectNode level = levels.addObject();
        level.put("identifier", uuid(fw + "/" + p.code() + "/rubric/" + i.key() + "/" + l[0]));
        level.put("uri", p.iri() + "/rubric/" + i.key() + "/" + l[0]);
        level.put("quality", l[1]);
        if (l[2] != null) {
          level.put("description", l[2]);
        }
        level.put("score", Double.parseDouble(l[3]));
        level.put("position", lp++);
        level.put("rubricCriterionId", cid);
        level.put("lastChangeDateTime", changed);
      }
    }
    return r;
  }

  private static ObjectNode item(
      ArrayNode items,
      String id,
      String uri,
      String statement,
      String code,
      String changed,
      ObjectNode docLink) {
    ObjectNode it = items.addObject();
    it.put("identifier", id);
    it.put("uri", uri);
    it.put("fullStatement", statement);
    if (code != null) {
      it.put("humanCodingScheme", code);
    }
    it.put("language", "zh");
    it.put("lastChangeDateTime", changed);
    it.set("CFDocumentURI", docLink.deepCopy());
    return it;
  }

  private static void association(
      ArrayNode assocs,
      String fw,
      String type,
      ObjectNode origin,
      ObjectNode destination,
      int seq,
      String changed,
      ObjectNode docLink) {
    ObjectNode a = assocs.addObject();
    String key =
        fw + "/assoc/" + type + "/" + origin.get("uri").asText() + "/" + destination.get("uri");
    a.put("identifier", uuid(key));
    a.put("associationType", type);
    a.put("sequenceNumber", seq);
    a.put("uri", BASE + fw + "/association/" + uuid(key));
    a.set("originNodeURI", origin.deepCopy());
    a.set("destinationNodeURI", destination.deepCopy());
    a.put("lastChangeDateTime", changed);
    a.set("CFDocumentURI", docLink.deepCopy());
  }

  private static ObjectNode link(String title, String identifier, String uri) {
    ObjectNode l = JSON.createObjectNode();
    l.put("title", title);
    l.put("identifier", identifier);
    l.put("uri", uri);
    return l;
  }

  /** A name-based (version 3) UUID: the same name gives the same identifier on every export. */
  static String uuid(String name) {
    return UUID.nameUUIDFromBytes((BASE + name).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
