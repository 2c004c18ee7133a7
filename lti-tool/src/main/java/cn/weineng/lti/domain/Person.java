package cn.weineng.lti.domain;

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
}
