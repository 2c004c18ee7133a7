package cn.weineng.evidence.application;

import cn.weineng.catalogue.application.CatalogueService;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import cn.weineng.evidence.domain.Grades;
import cn.weineng.evidence.domain.ReviewEntity;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.ledger.application.LearnerPoints;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.people.domain.Person;
import cn.weineng.policy.api.PointFacts;
import cn.weineng.policy.api.PointResult;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.Requirement;
import cn.weineng.xapi.application.StatementPage;
import cn.weineng.xapi.application.StatementQuery;
import cn.weineng.xapi.application.StatementService;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where teachers stand on their points, read in a few queries per few hundred teachers: each
 * selected point's items (the latest attempt of each), its result (the minimum over the items, the
 * data rule where the region accepts it, or the admin's override), and what it still needs.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PointStandings implements LearnerPoints {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject CatalogueService catalogue;
  @Inject StatementService statements;

  /** An admin's override of a point's result. */
  public record Overridden(String result, String note, String by, OffsetDateTime at) {}

  /** One evidence item of a selected point: its latest attempt and state. */
  public record ItemView(
      Guide.EvidenceItem spec, PointResult status, Submission latest, String comment) {}

  /** One selected point. */
  public record PointView(
      Point point,
      PointResult result,
      boolean byDataRule,
      Overridden override,
      List<ItemView> items,
      List<String> needsZh,
      List<String> needsEn) {}

  /** A teacher's point standing under a policy. */
  public record View(
      Person person,
      PolicyRegistry.Installed policy,
      EvidenceService.Range range,
      List<Requirement> selection,
      boolean valid,
      boolean certified,
      List<PointView> points) {}

  /** What one teacher has: the school's range and the selected points. */
  record Computed(EvidenceService.Range range, List<PointView> points) {}

  public View of(Person person, PolicyRegistry.Installed policy) {
    Computed c = compute(List.of(person), policy.policy()).get(person.id());
    List<PointFacts> facts = facts(c);
    List<Requirement> verdict =
        c.range() == null ? List.of() : policy.policy().checkSelection(facts);
    boolean valid = c.range() != null && verdict.stream().allMatch(Requirement::met);
    PointResult min =
        PointResult.of(policy.policy().settings().getOrDefault("points.result.min", "pass"));
    boolean certified =
        valid
            && !c.points().isEmpty()
            && c.points().stream().allMatch(p -> p.result().atLeast(min));
    return new View(person, policy, c.range(), verdict, valid, certified, c.points());
  }

  @Override
  public Map<String, Points> of(List<Person> people, RegionPolicy policy) {
    Map<String, Points> out = new HashMap<>();
    compute(people, policy)
        .forEach(
            (id, c) ->
                out.put(
                    id,
                    new Points(
                        c.range() == null ? null : Set.copyOf(c.range().codes()), facts(c))));
    return out;
  }

  private static List<PointFacts> facts(Computed c) {
    List<PointFacts> out = new ArrayList<>();
    for (PointView p : c.points()) {
      out.add(
          PointFacts.of(
              p.point().code(),
              p.point().environment(),
              p.point().dimension(),
              c.range() != null && c.range().codes().contains(p.point().code()),
              p.result()));
    }
    return out;
  }

  /** Ranges of schools by id. */
  Map<String, EvidenceService.Range> ranges(List<String> schoolIds) {
    Map<String, EvidenceService.Range> out = new HashMap<>();
    if (schoolIds.isEmpty()) {
      return out;
    }
    Map<String, Object[]> heads = new HashMap<>();
    for (Object r :
        query(
            "select school_id, framework_id, circled_at from ma_range where school_id in",
            schoolIds)) {
      Object[] row = (Object[]) r;
      heads.put((String) row[0], row);
    }
    Map<String, Set<String>> codes = new HashMap<>();
    for (Object r :
        query("select school_id, code from ma_range_point where school_id in", schoolIds)) {
      Object[] row = (Object[]) r;
      codes.computeIfAbsent((String) row[0], k -> new java.util.HashSet<>()).add((String) row[1]);
    }
    Map<String, List<Point>> pointsOf = new HashMap<>();
    heads.forEach(
        (school, row) -> {
          String fw = (String) row[1];
          Set<String> circled = codes.getOrDefault(school, Set.of());
          List<String> ordered =
              pointsOf.computeIfAbsent(fw, catalogue::points).stream()
                  .map(Point::code)
                  .filter(circled::contains)
                  .toList();
          out.put(
              school,
              new EvidenceService.Range(school, fw, ordered, EvidenceService.timestamp(row[2])));
        });
    return out;
  }

  Map<String, Computed> compute(List<Person> people, RegionPolicy policy) {
    Map<String, Computed> out = new LinkedHashMap<>();
    if (people.stream().allMatch(p -> p.schoolId() == null)) {
      // no school, no range: nothing to read (most launches of teachers a roster never placed)
      people.forEach(p -> out.put(p.id(), new Computed(null, List.of())));
      return out;
    }
    List<String> ids = people.stream().map(Person::id).toList();
    Map<String, EvidenceService.Range> ranges =
        ranges(people.stream().map(Person::schoolId).filter(s -> s != null).distinct().toList());
    Map<String, List<String[]>> selections = new HashMap<>();
    for (Object r :
        query("select person_id, framework_id, code from ma_selection where person_id in", ids)) {
      Object[] row = (Object[]) r;
      selections
          .computeIfAbsent((String) row[0], k -> new ArrayList<>())
          .add(new String[] {(String) row[1], (String) row[2]});
    }
    Map<String, Overridden> overrides = new HashMap<>();
    for (Object r :
        query(
            "select person_id, framework_id, code, result, note, decided_by, decided_at"
                + " from ma_override where person_id in",
            ids)) {
      Object[] row = (Object[]) r;
      overrides.put(
          row[0] + "|" + row[1] + "|" + row[2],
          new Overridden(
              (String) row[3],
              (String) row[4],
              (String) row[5],
              EvidenceService.timestamp(row[6])));
    }
    Map<String, Submission> latest = new HashMap<>();
    List<Submission> all =
        ids.isEmpty()
            ? List.of()
            : em.createNamedQuery("Submission.ofPeople", Submission.class)
                .setParameter("people", ids)
                .getResultList();
    for (Submission s : all) {
      latest.merge(
          s.personId() + "|" + s.frameworkId() + "|" + s.code() + "|" + s.item(),
          s,
          (a, b) -> a.attempt() >= b.attempt() ? a : b);
    }
    Map<String, String> comments = new HashMap<>();
    List<String> latestIds = latest.values().stream().map(Submission::id).toList();
    for (int i = 0; i < latestIds.size(); i += 500) {
      for (ReviewEntity r :
          em.createNamedQuery("Review.ofSubmissions", ReviewEntity.class)
              .setParameter("ids", latestIds.subList(i, Math.min(latestIds.size(), i + 500)))
              .getResultList()) {
        if (r.comment() != null) {
          comments.put(r.submissionId(), r.comment());
        }
      }
    }
    boolean dataRules = policy.evidenceModes().contains("data-rule");
    Map<String, Point> points = new HashMap<>();
    for (Person person : people) {
      EvidenceService.Range range =
          person.schoolId() == null ? null : ranges.get(person.schoolId());
      List<PointView> views = new ArrayList<>();
      String fw = range == null ? null : range.frameworkId();
      for (String[] sel : selections.getOrDefault(person.id(), List.of())) {
        if (fw == null || !sel[0].equals(fw)) {
          continue; // a selection in a catalogue the school no longer uses
        }
        Point point =
            points.computeIfAbsent(
                sel[0] + "|" + sel[1], k -> catalogue.findPoint(sel[0], sel[1]).orElse(null));
        if (point == null) {
          continue;
        }
        Guide guide = catalogue.guide(point);
        List<ItemView> items = new ArrayList<>();
        for (Guide.EvidenceItem item : guide.items()) {
          Submission s = latest.get(person.id() + "|" + fw + "|" + point.code() + "|" + item.key());
          PointResult status = s == null ? PointResult.MISSING : PointResult.of(s.status());
          items.add(new ItemView(item, status, s, s == null ? null : comments.get(s.id())));
        }
        PointResult result = Grades.point(items.stream().map(ItemView::status).toList());
        boolean byData = false;
        if (dataRules
            && guide.dataRule() != null
            && !result.atLeast(PointResult.PASS)
            && dataRuleMet(person, point, guide.dataRule())) {
          result = PointResult.PASS;
          byData = true;
        }
        Overridden o = overrides.get(person.id() + "|" + fw + "|" + point.code());
        if (o != null) {
          result = PointResult.of(o.result());
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (o == null && !byData) {
          needs(items, zh, en);
        }
        views.add(new PointView(point, result, byData, o, items, zh, en));
      }
      views.sort(java.util.Comparator.comparingInt(v -> v.point().position()));
      out.put(person.id(), new Computed(range, views));
    }
    return out;
  }

  /** What each item still needs, in Chinese and English. */
  private static void needs(List<ItemView> items, List<String> zh, List<String> en) {
    for (ItemView i : items) {
      Guide.EvidenceItem spec = i.spec();
      String limits =
          (spec.maxDurationSeconds() == null ? "" : "≤" + spec.maxDurationSeconds() / 60 + "min, ")
              + "≤"
              + spec.maxBytes() / (1024 * 1024)
              + "MB";
      switch (i.status()) {
        case MISSING -> {
          zh.add("提交" + spec.name() + "（" + limits + "）");
          en.add(
              "Submit "
                  + (spec.nameEn() == null ? spec.key() : spec.nameEn())
                  + " ("
                  + limits
                  + ")");
        }
        case PENDING -> {
          zh.add("等待评审：" + spec.name());
          en.add("Awaiting review: " + (spec.nameEn() == null ? spec.key() : spec.nameEn()));
        }
        case FAIL -> {
          zh.add(
              "重新提交"
                  + spec.name()
                  + "（上次评为不合格"
                  + (i.comment() == null ? "" : "：" + i.comment())
                  + "）");
          en.add(
              "Resubmit "
                  + (spec.nameEn() == null ? spec.key() : spec.nameEn())
                  + " (graded fail"
                  + (i.comment() == null ? "" : ": " + i.comment())
                  + ")");
        }
        default -> {
          // graded 合格 or 优秀: nothing more
        }
      }
    }
  }

  /**
   * Whether the teacher's statements meet the point's data rule: statements with the rule's verb
   * naming the point (as object or context activity), of the rule's type, scoring at least its
   * minimum, at least {@code minCount} of them, over every identifier the teacher is known by.
   */
  boolean dataRuleMet(Person person, Point point, Guide.DataRule rule) {
    List<?> ifis =
        em.createNativeQuery("select ifi from person_identity where store_id = ? and person_id = ?")
            .setParameter(1, person.storeId())
            .setParameter(2, person.id())
            .getResultList();
    int count = 0;
    for (Object ifi : ifis) {
      StatementPage page =
          statements.query(
              person.storeId(),
              new StatementQuery(
                  (String) ifi,
                  rule.verb(),
                  point.iri(),
                  null,
                  null,
                  null,
                  StatementQuery.MAX_LIMIT,
                  false,
                  null,
                  false,
                  true));
      for (JsonNode s : page.statements()) {
        if (rule.activityType() != null
            && !rule.activityType()
                .equals(s.path("object").path("definition").path("type").asText(null))) {
          continue;
        }
        JsonNode scaled = s.path("result").path("score").path("scaled");
        if (rule.minScaled() != null
            && (!scaled.isNumber() || scaled.asDouble() < rule.minScaled())) {
          continue;
        }
        if (s.path("result").path("success").isBoolean()
            && !s.path("result").path("success").asBoolean()) {
          continue;
        }
        if (++count >= rule.minCount()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A native query {@code sql (?, ?, …)} over the ids, in chunks of 500. */
  private List<Object> query(String sql, List<String> ids) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      var q =
          em.createNativeQuery(
              sql + " (" + String.join(", ", chunk.stream().map(x -> "?").toList()) + ")");
      for (int j = 0; j < chunk.size(); j++) {
        q.setParameter(j + 1, chunk.get(j));
      }
      out.addAll(q.getResultList());
    }
    return out;
  }
}
