package cn.weineng.ledger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one statement earned under one policy rule set: seconds in a bucket or a count on a counter.
 * Derived from the LRS; carries the policy id and rule-set version; rebuilt by replay.
 */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(
    name = "LedgerEntry.forPerson",
    query =
        "select e from LedgerEntry e where e.personId = :person and e.policyId = :policy and e.rulesetVersion = :ruleset")
@NamedQuery(
    name = "LedgerEntry.deleteForStatement",
    query = "delete from LedgerEntry e where e.storeId = :store and e.statementId = :statement")
@NamedQuery(
    name = "LedgerEntry.deleteForStore",
    query = "delete from LedgerEntry e where e.storeId = :store")
public class LedgerEntry {

  public static final String SECONDS = "seconds";
  public static final String COUNT = "count";

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

  @Column(name = "unit", nullable = false)
  private String unit;

  @Column(name = "seconds", nullable = false)
  private long amount;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "rule_id", nullable = false)
  private String ruleId;

  @Column(name = "topics")
  private String topics;

  @Column(name = "catalogue_course_id")
  private String catalogueCourseId;

  @Column(name = "recorded_at", nullable = false)
  private OffsetDateTime recordedAt;

  @Column(name = "actor_ifi")
  private String actorIfi;

  protected LedgerEntry() {}

  /**
   * @param key the bucket or counter
   * @param unit {@link #SECONDS} or {@link #COUNT}
   * @param amount seconds or count
   */
  public LedgerEntry(
      String storeId,
      String personId,
      String policyId,
      String rulesetVersion,
      String statementId,
      String activityId,
      String key,
      String unit,
      long amount,
      OffsetDateTime occurredAt,
      String ruleId,
      Set<String> topics,
      String catalogueCourseId,
      String actorIfi,
      OffsetDateTime recordedAt) {
    this.storeId = storeId;
    this.personId = personId;
    this.policyId = policyId;
    this.rulesetVersion = rulesetVersion;
    this.statementId = statementId;
    this.activityId = activityId;
    this.bucket = key;
    this.unit = unit;
    this.amount = amount;
    this.occurredAt = occurredAt;
    this.ruleId = ruleId;
    this.topics = topics.isEmpty() ? null : String.join("|", new TreeSet<>(topics));
    this.catalogueCourseId = catalogueCourseId;
    this.actorIfi = actorIfi;
    this.recordedAt = recordedAt;
  }

  public String storeId() {
    return storeId;
  }

  public String personId() {
    return personId;
  }

  public String policyId() {
    return policyId;
  }

  public String rulesetVersion() {
    return rulesetVersion;
  }

  public OffsetDateTime recordedAt() {
    return recordedAt;
  }

  public String actorIfi() {
    return actorIfi;
  }

  /** The topics as stored: sorted, |-separated, or null. */
  public String topicsColumn() {
    return topics;
  }

  public String statementId() {
    return statementId;
  }

  public String activityId() {
    return activityId;
  }

  public String key() {
    return bucket;
  }

  public String unit() {
    return unit;
  }

  public long amount() {
    return amount;
  }

  public OffsetDateTime occurredAt() {
    return occurredAt;
  }

  public String ruleId() {
    return ruleId;
  }

  public Set<String> topics() {
    return topics == null ? Set.of() : Set.copyOf(Arrays.asList(topics.split("\\|")));
  }

  public String catalogueCourseId() {
    return catalogueCourseId;
  }
}
