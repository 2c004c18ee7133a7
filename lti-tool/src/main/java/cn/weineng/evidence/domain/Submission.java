package cn.weineng.evidence.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One upload of one evidence item of a selected point: the file (kept as an LRS attachment under
 * its SHA-256), the statement recording it, and where it stands: waiting for review ({@code
 * pending}) or graded ({@code excellent}, {@code pass}, {@code fail}); and its resource-promotion
 * stage where the region has them. A 不合格 item is submitted again as the next attempt.
 */
@Entity
@Table(name = "ma_submission")
@NamedQuery(
    name = "Submission.ofPerson",
    query =
        "select s from Submission s where s.personId = :person and s.frameworkId = :framework"
            + " order by s.code, s.item, s.attempt")
@NamedQuery(
    name = "Submission.ofPeople",
    query =
        "select s from Submission s where s.personId in :people"
            + " order by s.personId, s.code, s.item, s.attempt")
@NamedQuery(
    name = "Submission.ofItem",
    query =
        "select s from Submission s where s.personId = :person and s.frameworkId = :framework"
            + " and s.code = :code and s.item = :item order by s.attempt desc")
@NamedQuery(
    name = "Submission.pendingOf",
    query =
        "select s from Submission s where s.status = 'pending' and s.personId in :people"
            + " order by s.submittedAt, s.id")
public class Submission {

  public static final String PENDING = "pending";

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "person_id", nullable = false)
  private String personId;

  @Column(name = "framework_id", nullable = false)
  private String frameworkId;

  @Column(name = "code", nullable = false)
  private String code;

  @Column(name = "item", nullable = false)
  private String item;

  @Column(name = "attempt", nullable = false)
  private int attempt;

  @Column(name = "filename")
  private String filename;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "length", nullable = false)
  private long length;

  @Column(name = "sha256", nullable = false)
  private String sha256;

  @Column(name = "duration_seconds")
  private Integer durationSeconds;

  @Column(name = "submitted_at", nullable = false)
  private OffsetDateTime submittedAt;

  @Column(name = "statement_id", nullable = false)
  private String statementId;

  @Column(name = "status", nullable = false)
  private String status;

  @Column(name = "stage")
  private String stage;

  protected Submission() {}

  public Submission(
      String id,
      String storeId,
      String personId,
      String frameworkId,
      String code,
      String item,
      int attempt,
      String filename,
      String contentType,
      long length,
      String sha256,
      Integer durationSeconds,
      OffsetDateTime submittedAt,
      String stage) {
    this.id = id;
    this.storeId = storeId;
    this.personId = personId;
    this.frameworkId = frameworkId;
    this.code = code;
    this.item = item;
    this.attempt = attempt;
    this.filename = filename;
    this.contentType = contentType;
    this.length = length;
    this.sha256 = sha256;
    this.durationSeconds = durationSeconds;
    this.submittedAt = submittedAt;
    this.status = PENDING;
    this.stage = stage;
  }

  /** The xAPI statement recording this submission. */
  public void recordedAs(String statementId) {
    this.statementId = statementId;
  }

  /** Records the reviewer's grade ({@code excellent}, {@code pass} or {@code fail}). */
  public void graded(String level) {
    this.status = level;
  }

  public void promotedTo(String stage) {
    this.stage = stage;
  }

  public String id() {
    return id;
  }

  public String storeId() {
    return storeId;
  }

  public String personId() {
    return personId;
  }

  public String frameworkId() {
    return frameworkId;
  }

  public String code() {
    return code;
  }

  public String item() {
    return item;
  }

  public int attempt() {
    return attempt;
  }

  public String filename() {
    return filename;
  }

  public String contentType() {
    return contentType;
  }

  public long length() {
    return length;
  }

  public String sha256() {
    return sha256;
  }

  public Integer durationSeconds() {
    return durationSeconds;
  }

  public OffsetDateTime submittedAt() {
    return submittedAt;
  }

  public String statementId() {
    return statementId;
  }

  public String status() {
    return status;
  }

  public String stage() {
    return stage;
  }

  public boolean pending() {
    return PENDING.equals(status);
  }
}
