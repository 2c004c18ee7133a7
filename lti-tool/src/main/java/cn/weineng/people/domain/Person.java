package cn.weineng.people.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A learner in one store, whatever systems they are known in. Holds no national ID number: that,
 * when a region's report needs it, will live in a separate encrypted vault.
 */
@Entity
@Table(name = "person")
@jakarta.persistence.NamedQuery(
    name = "Person.byExternalId",
    query = "select p from Person p where p.storeId = :store and p.externalId = :ext")
public class Person {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "home_platform_id")
  private String homePlatformId;

  @Column(name = "lti_subject")
  private String ltiSubject;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "segment")
  private String segment;

  @Column(name = "subject")
  private String subject;

  @Column(name = "birth_year")
  private Integer birthYear;

  @Column(name = "birth_year_consent_at")
  private OffsetDateTime birthYearConsentAt;

  @Column(name = "school_id")
  private String schoolId;

  @Column(name = "external_id")
  private String externalId;

  protected Person() {}

  public Person(String id, String storeId, OffsetDateTime createdAt) {
    this.id = id;
    this.storeId = storeId;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String storeId() {
    return storeId;
  }

  public String displayName() {
    return displayName;
  }

  public String homePlatformId() {
    return homePlatformId;
  }

  public String ltiSubject() {
    return ltiSubject;
  }

  /**
   * Records what an LTI launch says about the person; a launch without a name keeps the known one.
   */
  public void launchedFrom(String platformId, String subject, String name) {
    this.homePlatformId = platformId;
    this.ltiSubject = subject;
    if (name != null && !name.isBlank()) {
      this.displayName = name.length() > 200 ? name.substring(0, 200) : name;
    }
  }

  /** 任教学段, when known. */
  public String segment() {
    return segment;
  }

  /** 任教学科, when known. */
  public String subject() {
    return subject;
  }

  /** Year of birth, only when given with consent. */
  public Integer birthYear() {
    return birthYear;
  }

  /**
   * Sets the attributes the rules need. A birth year needs the teacher's consent, recorded with its
   * time; without a birth year the consent is cleared too.
   */
  public void describe(
      String segment, String subject, Integer birthYear, OffsetDateTime consentAt) {
    this.segment = segment;
    this.subject = subject;
    this.birthYear = birthYear;
    this.birthYearConsentAt = birthYear == null ? null : consentAt;
  }

  /** The school the teacher works at (工作单位), an organisation unit id, when known. */
  public String schoolId() {
    return schoolId;
  }

  /** The institute's own id of the teacher (工号), when known. */
  public String externalId() {
    return externalId;
  }

  /** Sets 学段 and 学科 only (a roster's columns), keeping the birth year and its consent. */
  public void teach(String segment, String subject) {
    this.segment = segment;
    this.subject = subject;
  }

  public void placeAt(String schoolId) {
    this.schoolId = schoolId;
  }

  public void identifyAs(String externalId) {
    this.externalId = externalId;
  }

  /** Sets the name an institute's roster gives, when no LMS has given one. */
  public void nameIfUnknown(String name) {
    if (this.displayName == null && name != null && !name.isBlank()) {
      this.displayName = name.length() > 200 ? name.substring(0, 200) : name;
    }
  }
}
