package cn.weineng.ledger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An assessment score from one source. */
@Entity
@Table(name = "assessment_score")
@NamedQuery(
    name = "AssessmentScore.byPeople",
    query =
        "select s from AssessmentScoreEntity s where s.personId in :people order by s.recordedAt, s.id")
@NamedQuery(
    name = "AssessmentScore.deleteForStatement",
    query =
        "delete from AssessmentScoreEntity s where s.storeId = :store and s.statementId = :statement")
@NamedQuery(
    name = "AssessmentScore.deleteDerived",
    query =
        "delete from AssessmentScoreEntity s where s.storeId = :store and s.statementId is not null")
@NamedQuery(
    name = "AssessmentScore.byPerson",
    query =
        "select s from AssessmentScoreEntity s where s.personId = :person order by s.recordedAt, s.id")
public class AssessmentScoreEntity {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "person_id", nullable = false)
  private String personId;

  @Column(name = "assessment", nullable = false)
  private String assessment;

  @Column(name = "source", nullable = false)
  private String source;

  @Column(name = "score_value", nullable = false)
  private BigDecimal value;

  @Column(name = "score_max", nullable = false)
  private BigDecimal max;

  @Column(name = "recorded_at", nullable = false)
  private OffsetDateTime recordedAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "store_id")
  private String storeId;

  @Column(name = "statement_id")
  private String statementId;

  @Column(name = "actor_ifi")
  private String actorIfi;

  protected AssessmentScoreEntity() {}

  public AssessmentScoreEntity(
      String id,
      String personId,
      String assessment,
      String source,
      BigDecimal value,
      BigDecimal max,
      OffsetDateTime recordedAt,
      OffsetDateTime createdAt) {
    this.id = id;
    this.personId = personId;
    this.assessment = assessment;
    this.source = source;
    this.value = value;
    this.max = max;
    this.recordedAt = recordedAt;
    this.createdAt = createdAt;
  }

  /** A score derived from a statement: voided with it, rebuilt with the ledger. */
  public AssessmentScoreEntity fromStatement(String storeId, String statementId, String actorIfi) {
    this.storeId = storeId;
    this.statementId = statementId;
    this.actorIfi = actorIfi;
    return this;
  }

  public String statementId() {
    return statementId;
  }

  public String id() {
    return id;
  }

  public String assessment() {
    return assessment;
  }

  public String source() {
    return source;
  }

  public BigDecimal value() {
    return value;
  }

  public BigDecimal max() {
    return max;
  }

  public OffsetDateTime recordedAt() {
    return recordedAt;
  }

  public String personId() {
    return personId;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  public String storeId() {
    return storeId;
  }

  public String actorIfi() {
    return actorIfi;
  }
}
