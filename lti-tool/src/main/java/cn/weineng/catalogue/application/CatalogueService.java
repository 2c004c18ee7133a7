package cn.weineng.catalogue.application;

import cn.weineng.catalogue.domain.Framework;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import cn.weineng.common.domain.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The catalogues: the shipped ones loaded once (a catalogue already in the database is never
 * overwritten, so an admin's corrections stay), read, and corrected point by point.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogueService {

  private static final Logger LOG = Logger.getLogger(CatalogueService.class.getName());
  static final ObjectMapper JSON = new ObjectMapper();

  /** The catalogues shipped in {@code cn/weineng/catalogue/}, loaded in this order. */
  static final List<String> SHIPPED = List.of("national-30", "hunan-std");

  public static final Set<String> ENVIRONMENTS = Set.of("multimedia", "blended", "smart");
  public static final Set<String> DIMENSIONS =
      Set.of("learner-analysis", "instructional-design", "learning-guidance", "assessment");
  public static final Set<String> FORMS = Set.of("document", "video", "image");

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** Loads every shipped catalogue the database does not hold yet. */
  @Transactional
  public void loadShipped() {
    for (String id : SHIPPED) {
      if (em.find(Framework.class, id) != null) {
        continue;
      }
      JsonNode doc;
      try (InputStream in =
          getClass().getResourceAsStream("/cn/weineng/catalogue/" + id + ".json")) {
        doc = JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the shipped catalogue " + id, e);
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      em.persist(
          new Framework(
              id,
              doc.get("name").asText(),
              doc.get("nameEn").asText(),
              doc.get("version").asText(),
              doc.path("source").asText(null),
              doc.path("basedOn").asText(null),
              now));
      int position = 0;
      for (JsonNode p : doc.get("points")) {
        em.persist(pointOf(id, position++, PointData.of(p)));
      }
      em.flush();
      LOG.info(() -> "loaded the micro-ability catalogue " + id);
    }
  }

  public List<Framework> frameworks() {
    return em.createNamedQuery("Framework.all", Framework.class).getResultList();
  }

  public Framework framework(String id) {
    Framework f = id == null ? null : em.find(Framework.class, id);
    if (f == null) {
      throw Problem.notFound("micro-ability catalogue", id);
    }
    return f;
  }

  public List<Point> points(String frameworkId) {
    return em.createNamedQuery("Point.ofFramework", Point.class)
        .setParameter("framework", frameworkId)
        .getResultList();
  }

  public Optional<Point> findPoint(String frameworkId, String code) {
    return Optional.ofNullable(
        code == null ? null : em.find(Point.class, new Point.Key(frameworkId, code)));
  }

  public Point point(String frameworkId, String code) {
    framework(frameworkId);
    return findPoint(frameworkId, code)
        .orElseThrow(() -> Problem.notFound("point of " + frameworkId, code));
  }

  /** Replaces a point's description with the one given (the code stays). */
  @Transactional
  public Point correct(String frameworkId, String code, PointData data) {
    Point p = point(frameworkId, code);
    if (!data.code().equals(code)) {
      throw new Problem(
          422,
          "code-mismatch",
          "Code mismatch",
          "the body names point " + data.code() + " but the path names " + code + "; a code stays");
    }
    describe(p, data);
    p.corrected(OffsetDateTime.now(ZoneOffset.UTC));
    return p;
  }

  /** When the catalogue last changed: its loading or its latest correction. */
  public java.time.Instant lastChange(String frameworkId) {
    Framework f = framework(frameworkId);
    OffsetDateTime corrected =
        em.createQuery(
                "select max(p.correctedAt) from Point p where p.frameworkId = :f",
                OffsetDateTime.class)
            .setParameter("f", frameworkId)
            .getSingleResult();
    return corrected != null && corrected.isAfter(f.loadedAt())
        ? corrected.toInstant()
        : f.loadedAt().toInstant();
  }

  /** A point's submission guide. */
  public Guide guide(Point p) {
    try {
      return PointData.guide(JSON.readTree(p.guide()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new point of a catalogue, described by {@code d}. */
  static Point pointOf(String frameworkId, int position, PointData d) {
    Point p = new Point(frameworkId, d.code(), position);
    describe(p, d);
    return p;
  }

  private static void describe(Point p, PointData d) {
    d.validate();
    ObjectNode guide = JSON.createObjectNode();
    ArrayNode items = guide.putArray("evidence");
    for (Guide.EvidenceItem i : d.guide().items()) {
      ObjectNode n = items.addObject();
      n.put("key", i.key());
      n.put("name", i.name());
      if (i.nameEn() != null) {
        n.put("nameEn", i.nameEn());
      }
      n.put("form", i.form());
      ArrayNode types = n.putArray("mediaTypes");
      i.mediaTypes().forEach(types::add);
      n.put("maxBytes", i.maxBytes());
      if (i.maxDurationSeconds() != null) {
        n.put("maxDurationSeconds", i.maxDurationSeconds());
      }
      if (i.rubric() != null) {
        ObjectNode r = n.putObject("rubric");
        r.put("excellent", i.rubric().excellent());
        r.put("pass", i.rubric().pass());
        r.put("fail", i.rubric().fail());
      }
    }
    d.guide()
        .rule()
        .ifPresent(
            rule -> {
              ObjectNode r = guide.putObject("dataRule");
              r.put("verb", rule.verb());
              if (rule.activityType() != null) {
                r.put("activityType", rule.activityType());
              }
              r.put("minCount", rule.minCount());
              if (rule.minScaled() != null) {
                r.put("minScaled", rule.minScaled());
              }
            });
    p.describe(
        d.name(),
        d.nameEn(),
        d.environment(),
        d.dimension(),
        d.verified(),
        d.source(),
        d.relatedCode(),
        guide.toString());
  }

  /** A point as given in a shipped catalogue or a correction. */
  public record PointData(
      String code,
      String name,
      String nameEn,
      String environment,
      String dimension,
      boolean verified,
      String source,
      String relatedCode,
      Guide guide) {

    static PointData of(JsonNode p) {
      return new PointData(
          p.get("code").asText(),
          p.get("name").asText(),
          p.path("nameEn").asText(null),
          p.get("environment").asText(),
          p.get("dimension").asText(),
          p.path("verified").asBoolean(false),
          p.path("source").asText(null),
          p.path("relatedCode").asText(null),
          guide(p));
    }

    static Guide guide(JsonNode p) {
      List<Guide.EvidenceItem> items = new ArrayList<>();
      for (JsonNode i : p.path("evidence")) {
        List<String> types = new ArrayList<>();
        i.path("mediaTypes").forEach(t -> types.add(t.asText()));
        JsonNode r = i.get("rubric");
        items.add(
            new Guide.EvidenceItem(
                i.get("key").asText(),
                i.get("name").asText(),
                i.path("nameEn").asText(null),
                i.get("form").asText(),
                types,
                i.get("maxBytes").asLong(),
                i.hasNonNull("maxDurationSeconds") ? i.get("maxDurationSeconds").asInt() : null,
                r == null
                    ? null
                    : new Guide.Rubric(
                        r.path("excellent").asText(null),
                        r.path("pass").asText(null),
                        r.path("fail").asText(null))));
      }
      JsonNode rule = p.get("dataRule");
      return new Guide(
          items,
          rule == null || rule.isNull()
              ? null
              : new Guide.DataRule(
                  rule.get("verb").asText(),
                  rule.path("activityType").asText(null),
                  rule.path("minCount").asInt(1),
                  rule.hasNonNull("minScaled") ? rule.get("minScaled").asDouble() : null));
    }

    /** Refuses (422) what the engine cannot use: unknown environments, duplicate item keys… */
    void validate() {
      List<String> wrong = new ArrayList<>();
      if (!ENVIRONMENTS.contains(environment)) {
        wrong.add("environment must be one of " + ENVIRONMENTS);
      }
      if (!DIMENSIONS.contains(dimension)) {
        wrong.add("dimension must be one of " + DIMENSIONS);
      }
      if (guide.items().isEmpty()) {
        wrong.add("a point needs at least one evidence item");
      }
      Set<String> keys = new java.util.HashSet<>();
      for (Guide.EvidenceItem i : guide.items()) {
        if (!keys.add(i.key())) {
          wrong.add("evidence item " + i.key() + " is listed twice");
        }
        if (!FORMS.contains(i.form())) {
          wrong.add("evidence item " + i.key() + ": form must be one of " + FORMS);
        }
        if (i.mediaTypes().isEmpty() || i.maxBytes() < 1) {
          wrong.add("evidence item " + i.key() + " needs media types and a size limit");
        }
      }
      if (guide.dataRule() != null && guide.dataRule().minCount() < 1) {
        wrong.add("dataRule.minCount must be at least 1");
      }
      if (!wrong.isEmpty()) {
        throw new Problem(
            422, "invalid-point", "Invalid point", code + ": " + String.join("; ", wrong));
      }
    }
  }
}
