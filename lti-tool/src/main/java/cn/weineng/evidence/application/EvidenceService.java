package cn.weineng.evidence.application;

import cn.weineng.catalogue.application.CatalogueService;
import cn.weineng.catalogue.domain.Framework;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.evidence.domain.MediaTypes;
import cn.weineng.evidence.domain.ReviewEntity;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.ledger.application.StandingService;
import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.people.domain.Person;
import cn.weineng.policy.api.PointFacts;
import cn.weineng.policy.api.PointResult;
import cn.weineng.policy.api.PromotionStage;
import cn.weineng.policy.api.Requirement;
import cn.weineng.xapi.application.AttachmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 校本应用考核, step by step: the school circles its range, the teacher selects points in it and submits
 * evidence per item, reviewers grade, the admin may override, works move through the region's
 * promotion stages. Each step checks what the region's policy and the catalogue say, and refuses
 * with the reason, changing nothing, when it does not hold.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EvidenceService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject CatalogueService catalogue;
  @Inject StandingService standings;
  @Inject AttachmentService attachments;
  @Inject EvidenceStatements statementsOf;
  @Inject Reviewers reviewers;
  @Inject PointStandings pointStandings;
  @Inject PublicUrl publicUrl;
  @Inject jakarta.enterprise.event.Event<EvidenceDecided> decided;

  @Inject
  @ConfigProperty(name = "weineng.admin.username", defaultValue = "admin")
  String adminName;

  /** A school's circled range. */
  public record Range(
      String schoolId, String frameworkId, List<String> codes, OffsetDateTime circledAt) {}

  // ---- range ------------------------------------------------------------------------------------

  public Optional<Range> range(String schoolId) {
    if (schoolId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(pointStandings.ranges(List.of(schoolId)).get(schoolId));
  }

  @Transactional
  public Range circle(String unitId, String frameworkId, List<String> codes) {
    OrgUnit unit = em.find(OrgUnit.class, unitId);
    if (unit == null) {
      throw Problem.notFound("organisation unit", unitId);
    }
    if (!unit.kind().equals(OrgUnit.SCHOOL)) {
      throw new Problem(
          422,
          "not-a-school",
          "Not a school",
          "a range of points is circled by a school; " + unit.name() + " is a " + unit.kind());
    }
    String fw = frameworkId == null || frameworkId.isBlank() ? Framework.NATIONAL : frameworkId;
    catalogue.framework(fw);
    Set<String> known = new java.util.HashSet<>();
    catalogue.points(fw).forEach(p -> known.add(p.code()));
    List<String> unknown = codes.stream().filter(c -> !known.contains(c)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new Problem(
          422,
          "unknown-point",
          "Unknown point",
          "not points of the catalogue " + fw + ": " + String.join(", ", unknown));
    }
    em.createNativeQuery("delete from ma_range_point where school_id = ?")
        .setParameter(1, unitId)
        .executeUpdate();
    em.createNativeQuery("delete from ma_range where school_id = ?")
        .setParameter(1, unitId)
        .executeUpdate();
    OffsetDateTime now = now();
    em.createNativeQuery(
            "insert into ma_range (school_id, framework_id, circled_at) values (?, ?, ?)")
        .setParameter(1, unitId)
        .setParameter(2, fw)
        .setParameter(3, now)
        .executeUpdate();
    for (String code : new LinkedHashSet<>(codes)) {
      em.createNativeQuery("insert into ma_range_point (school_id, code) values (?, ?)")
          .setParameter(1, unitId)
          .setParameter(2, code)
          .executeUpdate();
    }
    em.flush();
    return range(unitId).orElseThrow();
  }

  // ---- selection --------------------------------------------------------------------------------

  /**
   * Replaces a teacher's selection. Refused when the school circled no range, when a code is not in
   * the range (or not a point), and when the region caps the number of points and the selection
   * exceeds it; kept, and reported invalid, when it breaks the region's other rules.
   */
  @Transactional
  public PointStandings.View select(String personId, List<String> codes, String policyId) {
    Person person = standings.person(personId);
    PolicyRegistry.Installed policy = standings.policyFor(person, policyId);
    Range range =
        range(person.schoolId())
            .orElseThrow(
                () ->
                    new Problem(
                        422,
                        "no-range",
                        "No range circled",
                        person.schoolId() == null
                            ? "the teacher belongs to no school, so no range of points applies;"
                                + " place them at a school first (roster or attributes)"
                            : "the teacher's school has not circled its range of points yet"));
    List<String> distinct = List.copyOf(new LinkedHashSet<>(codes));
    List<String> outside = distinct.stream().filter(c -> !range.codes().contains(c)).toList();
    if (!outside.isEmpty()) {
      throw new Problem(
          422,
          "outside-range",
          "Outside the school's range",
          "not in the range the school circled ("
              + String.join(", ", range.codes())
              + "): "
              + String.join(", ", outside));
    }
    List<PointFacts> facts = new ArrayList<>();
    for (String code : distinct) {
      Point p = catalogue.point(range.frameworkId(), code);
      facts.add(PointFacts.selected(p.code(), p.environment(), p.dimension(), true));
    }
    List<Requirement> verdict = policy.policy().checkSelection(facts);
    for (Requirement r : verdict) {
      if (!r.met() && r.key().equals("points.selection.maxPoints")) {
        throw new Problem(
            422, "too-many-points", "Too many points", r.reason().in(java.util.Locale.ENGLISH));
      }
    }
    em.createNativeQuery("delete from ma_selection where person_id = ? and framework_id = ?")
        .setParameter(1, person.id())
        .setParameter(2, range.frameworkId())
        .executeUpdate();
    OffsetDateTime now = now();
    for (String code : distinct) {
      em.createNativeQuery(
              "insert into ma_selection (person_id, framework_id, code, selected_at)"
                  + " values (?, ?, ?, ?)")
          .setParameter(1, person.id())
          .setParameter(2, range.frameworkId())
          .setParameter(3, code)
          .setParameter(4, now)
          .executeUpdate();
    }
    em.flush();
    return pointStandings.of(person, policy);
  }

  // ---- evidence ---------------------------------------------------------------------------------

  /** A new submission of one evidence item; the file is read as it streams in. */
  @Transactional
  public Submission submit(
      String personId,
      String code,
      String itemKey,
      InputStream body,
      String contentType,
      String filename,
      Integer durationSeconds) {
    Person person = standings.person(personId);
    Range range =
        range(person.schoolId())
            .orElseThrow(
                () ->
                    new Problem(
                        409,
                        "point-not-selected",
                        "Point not selected",
                        "the teacher's school has not circled a range, so no point is selected"));
    String fw = range.frameworkId();
    if (!selected(person.id(), fw).contains(code)) {
      throw new Problem(
          409,
          "point-not-selected",
          "Point not selected",
          "point " + code + " is not in the teacher's selection; select it first");
    }
    Point point = catalogue.point(fw, code);
    Guide.EvidenceItem item =
        catalogue
            .guide(point)
            .item(itemKey)
            .orElseThrow(
                () ->
                    new Problem(
                        404,
                        "not-found",
                        "Not found",
                        "point " + code + " has no evidence item " + itemKey));
    List<Submission> earlier =
        em.createNamedQuery("Submission.ofItem", Submission.class)
            .setParameter("person", person.id())
            .setParameter("framework", fw)
            .setParameter("code", code)
            .setParameter("item", itemKey)
            .getResultList();
    if (!earlier.isEmpty() && !earlier.get(0).status().equals("fail")) {
      Submission last = earlier.get(0);
      throw new Problem(
          409,
          last.pending() ? "awaiting-review" : "already-graded",
          last.pending() ? "Awaiting review" : "Already graded",
          last.pending()
              ? "item " + itemKey + " of point " + code + " is waiting for review"
              : "item "
                  + itemKey
                  + " of point "
                  + code
                  + " is graded "
                  + last.status()
                  + "; only an item graded fail is submitted again");
    }
    if (!item.takes(contentType)) {
      throw new Problem(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "item "
              + itemKey
              + " takes "
              + String.join(", ", item.mediaTypes())
              + "; the file was sent as "
              + (contentType == null ? "no media type" : contentType.split(";", 2)[0]));
    }
    if (durationSeconds != null
        && item.maxDurationSeconds() != null
        && durationSeconds > item.maxDurationSeconds()) {
      throw new Problem(
          422,
          "too-long",
          "Too long",
          "item "
              + itemKey
              + " is a video of at most "
              + item.maxDurationSeconds()
              + " seconds; this one is "
              + durationSeconds);
    }
    if (body == null) {
      throw Problem.invalid("the request has no file", List.of());
    }
    String bare = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    AttachmentService.StoredAttachment stored;
    try {
      BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
      in.mark(MediaTypes.SNIFF);
      byte[] head = new byte[MediaTypes.SNIFF];
      int n = in.readNBytes(head, 0, head.length);
      in.reset();
      if (n == 0) {
        throw new Problem(422, "empty-file", "Empty file", "the file is empty");
      }
      if (!MediaTypes.fits(bare, head, n)) {
        throw new Problem(
            415,
            "content-mismatch",
            "Content does not match its media type",
            "the file's first bytes are not those of " + bare);
      }
      stored = attachments.put(person.storeId(), in, bare, item.maxBytes());
    } catch (AttachmentService.AttachmentTooLargeException e) {
      throw new Problem(
          413,
          "too-large",
          "File too large",
          "item " + itemKey + " takes files of at most " + item.maxBytes() + " bytes");
    } catch (IOException e) {
      throw new Problem(400, "upload-broken", "Upload broken", "the upload ended early");
    }
    String id = UUID.randomUUID().toString();
    String fileUrl = publicUrl.base() + "/api/evidence/" + id + "/content";
    int attempt = earlier.isEmpty() ? 1 : earlier.get(0).attempt() + 1;
    List<PromotionStage> stages = standings.policyFor(person, null).policy().promotionStages();
    Submission s =
        new Submission(
            id,
            person.storeId(),
            person.id(),
            fw,
            code,
            itemKey,
            attempt,
            filename == null || filename.isBlank() ? null : clip(filename.strip(), 200),
            bare,
            stored.length(),
            stored.sha2(),
            durationSeconds,
            now(),
            stages.isEmpty() ? null : stages.get(0).key());
    s.recordedAs(statementsOf.submitted(s, point, item, fileUrl, person.storeId()));
    em.persist(s);
    decided.fire(
        new EvidenceDecided(
            "submission:" + s.id(), person.id(), fw, code, itemKey, null, null, s.submittedAt()));
    return s;
  }

  public Submission submission(String id) {
    Submission s = id == null ? null : em.find(Submission.class, id);
    if (s == null) {
      throw Problem.notFound("submission", id);
    }
    return s;
  }

  public List<ReviewEntity> reviews(List<String> submissionIds) {
    if (submissionIds.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery("Review.ofSubmissions", ReviewEntity.class)
        .setParameter("ids", submissionIds)
        .getResultList();
  }

  /**
   * Whether a person may read a submission's file: its teacher, or someone holding one of the
   * policy's reviewer (or promotion) roles over the teacher.
   */
  public boolean mayRead(String personId, Submission s) {
    if (s.personId().equals(personId)) {
      return true;
    }
    Person who = em.find(Person.class, personId);
    Person teacher = em.find(Person.class, s.personId());
    if (who == null || teacher == null || !who.storeId().equals(teacher.storeId())) {
      return false;
    }
    cn.weineng.policy.api.RegionPolicy policy = standings.policyFor(teacher, null).policy();
    Set<String> allowed = new java.util.HashSet<>(policy.reviewerRoles());
    policy.promotionStages().forEach(st -> allowed.addAll(st.roles()));
    return reviewers.over(who, teacher).stream().anyMatch(h -> allowed.contains(h.role()));
  }

  /** Whether the submission's file is still held (an erasure of its author removes it). */
  public boolean hasContent(Submission s) {
    return attachments.find(s.storeId(), s.sha256()).isPresent();
  }

  /** Writes a submission's file to {@code out}. */
  public void copyContent(Submission s, java.io.OutputStream out) {
    try {
      attachments.copyTo(s.storeId(), s.sha256(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- review -----------------------------------------------------------------------------------

  @Transactional
  public ReviewEntity review(String submissionId, String reviewerId, String level, String comment) {
    Submission s = submission(submissionId);
    if (!Set.of("excellent", "pass", "fail").contains(level)) {
      throw Problem.invalid(
          "level must be excellent, pass or fail",
          List.of(new Problem.FieldError("level", "excellent, pass or fail")));
    }
    if (level.equals("fail") && (comment == null || comment.isBlank())) {
      throw Problem.invalid(
          "a fail needs a comment saying what is missing, so that the teacher can submit again",
          List.of(new Problem.FieldError("comment", "is required with a fail")));
    }
    Person teacher = standings.person(s.personId());
    Person reviewer = reviewerNamed(reviewerId, teacher);
    PolicyRegistry.Installed policy = standings.policyFor(teacher, null);
    String role = roleFor(reviewer, teacher, policy.policy().reviewerRoles(), "grade evidence");
    if (!s.pending()) {
      throw new Problem(
          409,
          "already-graded",
          "Already graded",
          "this submission is graded " + s.status() + "; a fail is answered by a new submission");
    }
    if (!selected(teacher.id(), s.frameworkId()).contains(s.code())) {
      throw new Problem(
          409,
          "point-not-selected",
          "Point not selected",
          "point " + s.code() + " is no longer in the teacher's selection");
    }
    Point point = catalogue.point(s.frameworkId(), s.code());
    String text = comment == null || comment.isBlank() ? null : clip(comment.strip(), 2000);
    String statementId =
        statementsOf.graded(s.storeId(), reviewer.id(), s, point, role, level, text);
    ReviewEntity r =
        new ReviewEntity(
            UUID.randomUUID().toString(),
            s.id(),
            reviewer.id(),
            role,
            level,
            text,
            now(),
            statementId);
    em.persist(r);
    s.graded(level);
    em.flush();
    decided.fire(
        new EvidenceDecided(
            "review:" + r.id(),
            teacher.id(),
            s.frameworkId(),
            s.code(),
            s.item(),
            level,
            text,
            r.decidedAt()));
    return r;
  }

  // ---- promotion --------------------------------------------------------------------------------

  @Transactional
  public Submission promote(String submissionId, String promoterId, String stage, String comment) {
    Submission s = submission(submissionId);
    Person teacher = standings.person(s.personId());
    List<PromotionStage> stages = standings.policyFor(teacher, null).policy().promotionStages();
    if (stages.isEmpty()) {
      throw new Problem(
          409,
          "no-promotion",
          "No promotion stages",
          "the teacher's region policy has no resource-promotion stages");
    }
    int at = indexOf(stages, s.stage() == null ? stages.get(0).key() : s.stage());
    int to = indexOf(stages, stage);
    if (to < 0) {
      throw new Problem(
          422,
          "unknown-stage",
          "Unknown stage",
          "stages: " + String.join(", ", stages.stream().map(PromotionStage::key).toList()));
    }
    if (to != at + 1) {
      throw new Problem(
          409,
          "not-next-stage",
          "Not the next stage",
          "the work is at "
              + stages.get(at).key()
              + "; it can move only to "
              + (at + 1 < stages.size() ? stages.get(at + 1).key() : "no further stage"));
    }
    if (s.status().equals("fail")) {
      throw new Problem(409, "graded-fail", "Graded fail", "a work graded fail is not promoted");
    }
    Person promoter = reviewerNamed(promoterId, teacher);
    String role = roleFor(promoter, teacher, stages.get(to).roles(), "promote a work to " + stage);
    Point point = catalogue.point(s.frameworkId(), s.code());
    String statementId = statementsOf.promoted(s.storeId(), promoter.id(), s, point, role, stage);
    em.createNativeQuery(
            "insert into ma_promotion (submission_id, stage, promoter_id, role, comment,"
                + " promoted_at, statement_id) values (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, s.id())
        .setParameter(2, stage)
        .setParameter(3, promoter.id())
        .setParameter(4, role)
        .setParameter(5, comment == null ? null : clip(comment, 2000))
        .setParameter(6, now())
        .setParameter(7, statementId)
        .executeUpdate();
    s.promotedTo(stage);
    em.flush();
    return s;
  }

  private static int indexOf(List<PromotionStage> stages, String key) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  // ---- override ---------------------------------------------------------------------------------

  @Transactional
  public PointStandings.View override(
      String personId, String code, String level, String note, String policyId) {
    Person person = standings.person(personId);
    if (note == null || note.isBlank()) {
      throw Problem.invalid(
          "an override needs a note saying why",
          List.of(new Problem.FieldError("note", "is required")));
    }
    if (level != null && !Set.of("excellent", "pass", "fail").contains(level)) {
      throw Problem.invalid(
          "result must be excellent, pass, fail or null",
          List.of(new Problem.FieldError("result", "excellent, pass, fail or null")));
    }
    Range range =
        range(person.schoolId())
            .orElseThrow(
                () ->
                    new Problem(
                        409,
                        "point-not-selected",
                        "Point not selected",
                        "the teacher's school has not circled a range"));
    if (!selected(person.id(), range.frameworkId()).contains(code)) {
      throw new Problem(
          409,
          "point-not-selected",
          "Point not selected",
          "point " + code + " is not in the teacher's selection");
    }
    Point point = catalogue.point(range.frameworkId(), code);
    String statementId =
        statementsOf.overridden(
            person.storeId(), adminName, person.id(), point, level, clip(note.strip(), 2000));
    em.createNativeQuery(
            "delete from ma_override where person_id = ? and framework_id = ? and code = ?")
        .setParameter(1, person.id())
        .setParameter(2, range.frameworkId())
        .setParameter(3, code)
        .executeUpdate();
    if (level != null) {
      em.createNativeQuery(
              "insert into ma_override (person_id, framework_id, code, result, note, decided_by,"
                  + " decided_at, statement_id) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, person.id())
          .setParameter(2, range.frameworkId())
          .setParameter(3, code)
          .setParameter(4, level)
          .setParameter(5, clip(note.strip(), 2000))
          .setParameter(6, adminName)
          .setParameter(7, now())
          .setParameter(8, statementId)
          .executeUpdate();
    }
    em.flush();
    return pointStandings.of(person, standings.policyFor(person, policyId));
  }

  // ---- queue ------------------------------------------------------------------------------------

  /** One place a reviewer works (a workshop, a class, a school…) and what waits there for them. */
  public record QueueGroup(Reviewers.Held where, List<Submission> waiting) {}

  public List<QueueGroup> queue(String reviewerId) {
    Person reviewer = standings.person(reviewerId);
    List<QueueGroup> out = new ArrayList<>();
    for (Reviewers.Held where : reviewers.heldBy(reviewer)) {
      List<String> teachers = reviewers.teachersIn(where);
      teachers = teachers.stream().filter(t -> !t.equals(reviewer.id())).toList();
      if (teachers.isEmpty()) {
        out.add(new QueueGroup(where, List.of()));
        continue;
      }
      List<Submission> waiting = new ArrayList<>();
      Map<String, Boolean> grades = new java.util.HashMap<>();
      for (int i = 0; i < teachers.size(); i += 500) {
        for (Submission s :
            em.createNamedQuery("Submission.pendingOf", Submission.class)
                .setParameter("people", teachers.subList(i, Math.min(teachers.size(), i + 500)))
                .getResultList()) {
          boolean may =
              grades.computeIfAbsent(
                  s.personId(),
                  t ->
                      standings
                          .policyFor(standings.person(t), null)
                          .policy()
                          .reviewerRoles()
                          .contains(where.role()));
          if (may) {
            waiting.add(s);
          }
        }
      }
      out.add(new QueueGroup(where, waiting));
    }
    return out;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The codes a person selected in a catalogue. */
  public List<String> selected(String personId, String frameworkId) {
    return stringList(
        em.createNativeQuery(
                "select code from ma_selection where person_id = ? and framework_id = ?"
                    + " order by code")
            .setParameter(1, personId)
            .setParameter(2, frameworkId)
            .getResultList());
  }

  private Person reviewerNamed(String personId, Person teacher) {
    Person p = personId == null ? null : em.find(Person.class, personId);
    if (p == null || !p.storeId().equals(teacher.storeId())) {
      throw new Problem(
          422, "unknown-reviewer", "Unknown reviewer", "no person " + personId + " in this store");
    }
    return p;
  }

  /** The first of the allowed roles the person holds over the teacher, or 403 saying why not. */
  private String roleFor(Person who, Person teacher, Set<String> allowed, String what) {
    if (who.id().equals(teacher.id())) {
      throw new Problem(
          403, "own-evidence", "Own evidence", "a teacher does not " + what + " of their own");
    }
    List<Reviewers.Held> held = reviewers.over(who, teacher);
    for (Reviewers.Held h : held) {
      if (allowed.contains(h.role())) {
        return h.role();
      }
    }
    throw new Problem(
        403,
        "not-a-reviewer-here",
        "Not allowed here",
        "to "
            + what
            + " the person must hold one of "
            + new java.util.TreeSet<>(allowed)
            + " over this teacher (at the teacher's school or in a class or workshop the teacher"
            + " belongs to); they hold "
            + (held.isEmpty()
                ? "no role over this teacher"
                : held.stream().map(h -> h.role() + " in " + h.name()).distinct().toList()));
  }

  static List<String> stringList(List<?> rows) {
    List<String> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add((String) r));
    return out;
  }

  static OffsetDateTime timestamp(Object o) {
    if (o instanceof OffsetDateTime t) {
      return t;
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (o instanceof java.time.Instant i) {
      return i.atOffset(ZoneOffset.UTC);
    }
    return null;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static PointResult resultOf(String status) {
    return PointResult.of(status);
  }
}
