package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One stored statement. Immutable once written, but for the voided flag. */
@Entity
@Table(name = "xapi_statement")
@NamedQuery(
    name = "Statement.byId",
    query = "select s from StatementEntity s where s.storeId = :store and s.statementId = :id")
@NamedQuery(
    name = "Statement.byIds",
    query = "select s from StatementEntity s where s.storeId = :store and s.statementId in :ids")
@NamedQuery(
    name = "Statement.voidingTargets",
    query =
        "select s.voidingTarget from StatementEntity s where s.storeId = :store and s.voidingTarget in :ids")
public class StatementEntity {

  @Id
  @SequenceGenerator(
      name = "statementSeq",
      sequenceName = "xapi_statement_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "statementSeq")
  @Column(name = "seq")
  private Long seq;

  @Column(name = "store_id", nullable = false, updatable = false)
  private String storeId;

  @Column(name = "statement_id", nullable = false, updatable = false)
  private String statementId;

  @Column(name = "verb_id", nullable = false, updatable = false)
  private String verbId;

  @Column(name = "registration", updatable = false)
  private String registration;

  @Column(name = "ts", nullable = false, updatable = false)
  private OffsetDateTime timestamp;

  @Column(name = "stored", nullable = false, updatable = false)
  private OffsetDateTime stored;

  @Column(name = "voided", nullable = false)
  private boolean voided;

  @Column(name = "voiding_target", updatable = false)
  private String voidingTarget;

  @Column(name = "xapi_version", nullable = false, updatable = false)
  private String xapiVersion;

  @Column(name = "payload", nullable = false, updatable = false)
  private String payload;

  protected StatementEntity() {}

  public StatementEntity(
      String storeId,
      String statementId,
      String verbId,
      String registration,
      OffsetDateTime timestamp,
      OffsetDateTime stored,
      String voidingTarget,
      String xapiVersion,
      String payload) {
    this.storeId = storeId;
    this.statementId = statementId;
    this.verbId = verbId;
    this.registration = registration;
    this.timestamp = timestamp;
    this.stored = stored;
    this.voidingTarget = voidingTarget;
    this.xapiVersion = xapiVersion;
    this.payload = payload;
  }

  public Long seq() {
    return seq;
  }

  public String storeId() {
    return storeId;
  }

  public String statementId() {
    return statementId;
  }

  public String verbId() {
    return verbId;
  }

  public OffsetDateTime timestamp() {
    return timestamp;
  }

  public OffsetDateTime stored() {
    return stored;
  }

  public boolean voided() {
    return voided;
  }

  public String voidingTarget() {
    return voidingTarget;
  }

  public String payload() {
    return payload;
  }

  public void markVoided() {
    this.voided = true;
  }
}
