package cn.weineng.evidence.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A reviewer's grade of one submission, with the role they graded in and their comment. */
@Entity
@Table(name = "ma_review")
@NamedQuery(
    name = "Review.ofSubmissions",
    query = "select r from ReviewEntity r where r.submissionId in :ids order by r.decidedAt")
public class ReviewEntity {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "submission_id", nullable = false)
  private String submissionId;

  @Column(name = "reviewer_id", nullable = false)
  private String reviewerId;

  @Column(name = "role", nullable = false)
  private String role;

  @Column(name = "level", nullable = false)
  private String level;

  @Column(name = "comment")
  private String comment;

  @Column(name = "decided_at", nullable = false)
  private OffsetDateTime decidedAt;

  @Column(name = "statement_id", nullable = false)
  private String statementId;

  protected ReviewEntity() {}

  public ReviewEntity(
      String id,
      String submissionId,
      String reviewerId,
      String role,
      String level,
      String comment,
      OffsetDateTime decidedAt,
      String statementId) {
    this.id = id;
    this.submissionId = submissionId;
    this.reviewerId = reviewerId;
    this.role = role;
    this.level = level;
    this.comment = comment;
    this.decidedAt = decidedAt;
    this.statementId = statementId;
  }

  public String id() {
    return id;
  }

  public String submissionId() {
    return submissionId;
  }

  public String reviewerId() {
    return reviewerId;
  }

  public String role() {
    return role;
  }

  public String level() {
    return level;
  }

  public String comment() {
    return comment;
  }

  public OffsetDateTime decidedAt() {
    return decidedAt;
  }

  public String statementId() {
    return statementId;
  }
}
