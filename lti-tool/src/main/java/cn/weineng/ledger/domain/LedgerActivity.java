package cn.weineng.ledger.domain;

import cn.weineng.policy.api.LearningActivity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one stored statement says a teacher did, as a policy sees it: the verb, the activity and its
 * kind, times, result and what the institute's catalogue says of the activity. One row per
 * statement that an installed policy credits, whichever policies credit it; what it earns under a
 * policy (its lines, with the policy id and rule-set version) is derived from it when a standing is
 * read. Derived from the LRS and the catalogue, rebuilt by replay.
 */
@Entity
@Table(name = "ledger_activity")
@NamedQuery(
    name = "LedgerActivity.forPeople",
    query = "select a from LedgerActivity a where a.personId in :people order by a.statementSeq")
@NamedQuery(
    name = "LedgerActivity.forPerson",
    query = "select a from LedgerActivity a where a.personId = :person order by a.statementSeq")
@NamedQuery(
    name = "LedgerActivity.deleteAt",
    query = "delete from LedgerActivity a where a.statementSeq in :seqs and a.storeId = :store")
@NamedQuery(
    name = "LedgerActivity.inRange",
    query =
        "select a from LedgerActivity a where a.storeId = :store and a.statementSeq > :after"
            + " and a.statementSeq <= :last")
public class LedgerActivity {

  @Id
  @Column(name = "statement_seq")
  private long statementSeq;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "person_id", nullable = false)
  private String personId;

  @Column(name = "actor_ifi", nullable = false)
  private String actorIfi;

  @Column(name = "statement_id", nullable = false)
  private String statementId;

  @Column(name = "verb_id", nullable = false)
  private String verbId;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "activity_id", nullable = false)
  private String activityId;

  @Column(name = "activity_type")
  private String activityType;

  @Column(name = "kind")
  private String kind;

  @Column(name = "duration_ms")
  private Long durationMillis;

  @Column(name = "nominal_seconds")
  private Long nominalSeconds;

  @Column(name = "completion")
  private Boolean completion;

  @Column(name = "success")
  private Boolean success;

  @Column(name = "score_scaled")
  private Double scoreScaled;

  @Column(name = "topics")
  private String topics;

  @Column(name = "catalogue_course_id")
  private String catalogueCourseId;

  @Column(name = "completes_per_catalogue", nullable = false)
  private boolean completesPerCatalogue;

  @Column(name = "recorded_at", nullable = false)
  private OffsetDateTime recordedAt;

  protected LedgerActivity() {}

  /** The row for a statement at {@code seq} in the store, by the person it counts for. */
  public LedgerActivity(
      long seq,
      String storeId,
      String personId,
      String actorIfi,
      LearningActivity a,
      OffsetDateTime recordedAt) {
    this.statementSeq = seq;
    this.storeId = storeId;
    this.personId = personId;
    this.actorIfi = actorIfi;
    this.statementId = a.statementId();
    this.verbId = a.verbId();
    this.occurredAt = a.timestamp().atOffset(ZoneOffset.UTC);
    this.activityId = a.activityId().orElseThrow();
    this.activityType = a.activityType().orElse(null);
    this.kind = a.kind().orElse(null);
    this.durationMillis = a.duration().map(Duration::toMillis).orElse(null);
    this.nominalSeconds = a.nominalDuration().map(Duration::getSeconds).orElse(null);
    this.completion = a.completion().orElse(null);
    this.success = a.success().orElse(null);
    this.scoreScaled = a.scoreScaled().isPresent() ? a.scoreScaled().getAsDouble() : null;
    this.topics = a.topics().isEmpty() ? null : String.join("|", new TreeSet<>(a.topics()));
    this.catalogueCourseId = a.catalogueCourseId().orElse(null);
    this.completesPerCatalogue = a.completesPerCatalogue();
    this.recordedAt = recordedAt;
  }

  /** Whether the other row records the same: everything but when it was written. */
  public boolean sameAs(LedgerActivity o) {
    return o != null
        && statementSeq == o.statementSeq
        && completesPerCatalogue == o.completesPerCatalogue
        && java.util.Objects.equals(storeId, o.storeId)
        && java.util.Objects.equals(personId, o.personId)
        && java.util.Objects.equals(actorIfi, o.actorIfi)
        && java.util.Objects.equals(statementId, o.statementId)
        && java.util.Objects.equals(verbId, o.verbId)
        && occurredAt.toInstant().equals(o.occurredAt.toInstant())
        && java.util.Objects.equals(activityId, o.activityId)
        && java.util.Objects.equals(activityType, o.activityType)
        && java.util.Objects.equals(kind, o.kind)
        && java.util.Objects.equals(durationMillis, o.durationMillis)
        && java.util.Objects.equals(nominalSeconds, o.nominalSeconds)
        && java.util.Objects.equals(completion, o.completion)
        && java.util.Objects.equals(success, o.success)
        && java.util.Objects.equals(scoreScaled, o.scoreScaled)
        && java.util.Objects.equals(topics, o.topics)
        && java.util.Objects.equals(catalogueCourseId, o.catalogueCourseId);
  }

  /** The activity as the policies saw it when it was recorded. */
  public LearningActivity toActivity() {
    return LearningActivity.builder(statementId, verbId, occurredAt.toInstant())
        .activityId(activityId)
        .activityType(activityType)
        .kind(kind)
        .duration(durationMillis == null ? null : Duration.ofMillis(durationMillis))
        .nominalDuration(nominalSeconds == null ? null : Duration.ofSeconds(nominalSeconds))
        .completion(completion)
        .success(success)
        .scoreScaled(scoreScaled)
        .topics(topics())
        .catalogueCourseId(catalogueCourseId)
        .completesPerCatalogue(completesPerCatalogue)
        .build();
  }

  public long statementSeq() {
    return statementSeq;
  }

  public String storeId() {
    return storeId;
  }

  public String personId() {
    return personId;
  }

  public String actorIfi() {
    return actorIfi;
  }

  public String statementId() {
    return statementId;
  }

  public String verbId() {
    return verbId;
  }

  public OffsetDateTime occurredAt() {
    return occurredAt;
  }

  public String activityId() {
    return activityId;
  }

  public String activityType() {
    return activityType;
  }

  public String kind() {
    return kind;
  }

  public Long durationMillis() {
    return durationMillis;
  }

  public Long nominalSeconds() {
    return nominalSeconds;
  }

  public Boolean completion() {
    return completion;
  }

  public Boolean success() {
    return success;
  }

  public Double scoreScaled() {
    return scoreScaled;
  }

  /** The topics as stored: sorted, |-separated, or null. */
  public String topicsColumn() {
    return topics;
  }

  public Set<String> topics() {
    return topics == null ? Set.of() : Set.copyOf(Arrays.asList(topics.split("\\|")));
  }

  public String catalogueCourseId() {
    return catalogueCourseId;
  }

  public boolean completesPerCatalogue() {
    return completesPerCatalogue;
  }

  public OffsetDateTime recordedAt() {
    return recordedAt;
  }
}
