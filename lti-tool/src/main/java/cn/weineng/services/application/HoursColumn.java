package cn.weineng.services.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.launch.domain.Course;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.platform.domain.Platform;
import cn.weineng.policy.api.Requirement;
import cn.weineng.reports.application.Progress;
import cn.weineng.reports.application.ProgressService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A 学时 column in the course's LMS gradebook: one line item ({@code resourceId} {@code
 * weineng-hours}) created when missing, its maximum kept at the policy's required total, and each
 * learner's hours queued as a score (with 合格 or what is still missing as the comment), delivered
 * like every score. Removed again on request.
 */
@ApplicationScoped
public class HoursColumn {

  static final String RESOURCE_ID = "weineng-hours";
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject AgsClient ags;
  @Inject ProgressService progress;
  @Inject PolicyRegistry policies;
  @Inject GradeOutbox outbox;

  /** What a sync did. */
  public record Result(String lineitem, double scoreMaximum, boolean created, int queued) {}

  public Result sync(String courseId) {
    Course course = course(courseId);
    Platform platform = em.find(Platform.class, course.platformId());
    double max = requiredHours(platform.policyId());
    Optional<JsonNode> existing = find(platform, course);
    String url;
    boolean created = false;
    ObjectNode item = JSON.createObjectNode();
    item.put("scoreMaximum", max);
    item.put("label", "学时 (Weineng)");
    item.put("resourceId", RESOURCE_ID);
    item.put("tag", RESOURCE_ID);
    if (existing.isEmpty()) {
      url = ags.create(platform, course.lineitemsUrl(), item).path("id").asText(null);
      created = true;
    } else {
      url = existing.get().path("id").asText(null);
      if (existing.get().path("scoreMaximum").asDouble() != max) {
        ags.update(platform, url, item);
      }
    }
    if (url == null) {
      throw new Problem(502, "no-lineitem-id", "No line item id", "the LMS gave the column no id");
    }
    int queued = 0;
    long stamp = System.currentTimeMillis();
    java.util.Map<String, String> roles = new java.util.HashMap<>();
    for (cn.weineng.launch.domain.Enrolment e :
        em.createNamedQuery("Enrolment.byCourse", cn.weineng.launch.domain.Enrolment.class)
            .setParameter("course", courseId)
            .getResultList()) {
      roles.put(e.personId(), e.roles());
    }
    for (Progress p :
        progress.forCourse(courseId, platform.policyId(), Locale.SIMPLIFIED_CHINESE)) {
      String r = roles.getOrDefault(p.personId(), "");
      if (cn.weineng.launch.domain.LtiRoles.of(List.of(r.split(" ")))
          != cn.weineng.launch.domain.LtiRoles.TEACHER_IN_TRAINING) {
        continue; // the LMS grades its learners only; the course's teachers have no row
      }
      String sub = subOf(p.personId(), platform);
      if (sub == null) {
        continue; // never seen on this LMS
      }
      outbox.enqueue(
          platform.id(), url, sub, "hours:" + stamp + ":" + p.personId(), score(sub, p, max));
      queued++;
    }
    return new Result(url, max, created, queued);
  }

  public void remove(String courseId) {
    Course course = course(courseId);
    Platform platform = em.find(Platform.class, course.platformId());
    find(platform, course).ifPresent(i -> ags.delete(platform, i.path("id").asText()));
  }

  /** The column's results, as the LMS has them. */
  public List<JsonNode> results(String courseId) {
    Course course = course(courseId);
    Platform platform = em.find(Platform.class, course.platformId());
    return find(platform, course)
        .map(i -> ags.results(platform, i.path("id").asText()))
        .orElseThrow(() -> Problem.notFound("hours column of course", courseId));
  }

  private Optional<JsonNode> find(Platform platform, Course course) {
    return ags.lineItems(platform, course.lineitemsUrl(), RESOURCE_ID).stream()
        .filter(i -> RESOURCE_ID.equals(i.path("resourceId").asText()))
        .findFirst();
  }

  private Course course(String courseId) {
    Course c = courseId == null ? null : em.find(Course.class, courseId);
    if (c == null) {
      throw Problem.notFound("course", courseId);
    }
    if (c.lineitemsUrl() == null) {
      throw new Problem(
          409,
          "no-grade-service",
          "No grade service",
          "the LMS has not offered its gradebook for this course: turn on Assignment and Grade"
              + " Services (grade sync and column management) for the tool, and launch once from the"
              + " course");
    }
    return c;
  }

  private double requiredHours(String policyId) {
    String v = policies.require(policyId).policy().settings().get("hours.total.min");
    try {
      return v == null ? 50 : new BigDecimal(v).doubleValue();
    } catch (NumberFormatException e) {
      return 50;
    }
  }

  private String subOf(String personId, Platform platform) {
    List<?> ifis =
        em.createNativeQuery(
                "select ifi from person_identity where store_id = ? and person_id = ? and ifi like ?")
            .setParameter(1, platform.storeId())
            .setParameter(2, personId)
            .setParameter(3, "account:" + platform.issuer() + "|%")
            .getResultList();
    if (ifis.isEmpty()) {
      return null;
    }
    String ifi = (String) ifis.get(0);
    return ifi.substring(("account:" + platform.issuer() + "|").length());
  }

  private static ObjectNode score(String sub, Progress p, double max) {
    ObjectNode s = JSON.createObjectNode();
    s.put("userId", sub);
    s.put("scoreGiven", Progress.hours(p.standing().totalSeconds()));
    s.put("scoreMaximum", max);
    boolean ok = p.standing().qualified();
    s.put("activityProgress", ok ? "Completed" : "InProgress");
    s.put("gradingProgress", "FullyGraded");
    s.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
    String comment =
        ok
            ? "合格"
            : p.standing().requirements().stream()
                .filter(r -> !r.met())
                .map(Requirement::reason)
                .map(t -> t.in(Locale.SIMPLIFIED_CHINESE))
                .findFirst()
                .map(r -> "未合格：" + r)
                .orElse("未合格");
    s.put("comment", comment.length() > 1000 ? comment.substring(0, 1000) : comment);
    return s;
  }
}
