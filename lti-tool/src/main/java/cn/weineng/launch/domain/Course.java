package cn.weineng.launch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An LTI context (an LMS course) Weineng was launched from. */
@Entity
@Table(name = "course")
@NamedQuery(
    name = "Course.byContext",
    query = "select c from Course c where c.platformId = :platform and c.contextId = :context")
public class Course {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "platform_id", nullable = false)
  private String platformId;

  @Column(name = "context_id", nullable = false)
  private String contextId;

  @Column(name = "title")
  private String title;

  @Column(name = "label")
  private String label;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "memberships_url")
  private String membershipsUrl;

  @Column(name = "lineitems_url")
  private String lineitemsUrl;

  protected Course() {}

  /** Where the platform's roster of this course can be read (NRPS), as its launches say. */
  public void rosterAt(String url) {
    this.membershipsUrl = url;
  }

  /** Where the course's line items are (AGS), as its launches say. */
  public void lineItemsAt(String url) {
    this.lineitemsUrl = url;
  }

  public String lineitemsUrl() {
    return lineitemsUrl;
  }

  public String membershipsUrl() {
    return membershipsUrl;
  }

  public Course(String id, String platformId, String contextId, OffsetDateTime createdAt) {
    this.id = id;
    this.platformId = platformId;
    this.contextId = contextId;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String platformId() {
    return platformId;
  }

  public String contextId() {
    return contextId;
  }

  public String title() {
    return title;
  }

  public String label() {
    return label;
  }

  public void describe(String title, String label) {
    if (title != null) {
      this.title = title.length() > 500 ? title.substring(0, 500) : title;
    }
    if (label != null) {
      this.label = label.length() > 200 ? label.substring(0, 200) : label;
    }
  }
}
