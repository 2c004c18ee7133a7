package cn.weineng.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What one statement earned in one bucket under one policy rule set. Derived; can be replayed. */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(
    name = "LedgerEntry.forPerson",
    query =
        "select e from LedgerEntry e where e.personId = :person and e.policyId = :policy and e.rulesetVersion = :ruleset")
@NamedQuery(
    name = "LedgerEntry.deleteForStatement",
    query = "delete from LedgerEntry e where e.storeId = :store and e.statementId = :statement")
public class LedgerEntry {

  @Id
  @SequenceGenerator(name = "ledgerSeq", sequenceName = "ledger_entry_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ledgerSeq")
  @Column(name = "id")
  private Long id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "person_id", nullable = false)
  private String personId;

  @Column(name = "policy_id", nullable = false)
  private String policyId;

  @Column(name = "ruleset_version", nullable = false)
  private String rulesetVersion;

  @Column(name = "statement_id", nullable = false)
  private String statementId;

  @Column(name = "activity_id")
  private String activityId;

  @Column(name = "bucket", nullable = false)
  private String bucket;

  @Column(name = "seconds", nullable = false)
  private long seconds;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "rule_id", nullable = false)
  private String ruleId;

  @Column(name = "recorded_at", nullable = false)
  private OffsetDateTime recordedAt;

  protected LedgerEntry() {}

  public LedgerEntry(
      String storeId,
      String personId,
      String policyId,
      String rulesetVersion,
      String statementId,
      String activityId,
      String bucket,
      long seconds,
      OffsetDateTime occurredAt,
      String ruleId,
      OffsetDateTime recordedAt) {
    this.storeId = storeId;
    this.personId = personId;
    this.policyId = policyId;
    this.rulesetVersion = rulesetVersion;
    this.statementId = statementId;
    this.activityId = activityId;
    this.bucket = bucket;
    this.seconds = seconds;
    this.occurredAt = occurredAt;
    this.ruleId = ruleId;
    this.recordedAt = recordedAt;
  }

  public String statementId() {
    return statementId;
  }

  public String activityId() {
    return activityId;
  }

  public String bucket() {
    return bucket;
  }

  public long seconds() {
    return seconds;
  }

  public OffsetDateTime occurredAt() {
    return occurredAt;
  }

  public String ruleId() {
    return ruleId;
  }
}
