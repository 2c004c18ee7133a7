package cn.weineng.launch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A person's membership of a course, as the last launch described it (roles are LTI role URIs). */
@Entity
@Table(name = "enrolment")
@IdClass(Enrolment.Key.class)
@NamedQuery(
    name = "Enrolment.byCourse",
    query = "select e from Enrolment e where e.courseId = :course")
@NamedQuery(
    name = "Enrolment.countByCourse",
    query = "select count(e) from Enrolment e where e.courseId = :course")
public class Enrolment {

  @Id
  @Column(name = "course_id")
  private String courseId;

  @Id
  @Column(name = "person_id")
  private String personId;

  @Column(name = "roles", nullable = false)
  private String roles;

  @Column(name = "last_launch_at")
  private OffsetDateTime lastLaunchAt;

  /**
   * {@code active}, {@code inactive} (the platform says so) or {@code left} (no longer on the
   * roster).
   */
  @Column(name = "status", nullable = false)
  private String status = "active";

  @Column(name = "synced_at")
  private OffsetDateTime syncedAt;

  protected Enrolment() {}

  public Enrolment(String courseId, String personId, String roles, OffsetDateTime at) {
    this.courseId = courseId;
    this.personId = personId;
    this.roles = roles;
    this.lastLaunchAt = at;
  }

  public String courseId() {
    return courseId;
  }

  public String personId() {
    return personId;
  }

  public String roles() {
    return roles;
  }

  public void launched(String roles, OffsetDateTime at) {
    this.roles = roles;
    this.lastLaunchAt = at;
    this.status = "active";
  }

  /** What the platform's roster says of the member at a sync. */
  public void synced(String roles, String status, OffsetDateTime at) {
    this.roles = roles;
    this.status = status;
    this.syncedAt = at;
  }

  /** No longer on the roster: marked, not deleted. */
  public void left() {
    this.status = "left";
  }

  public String status() {
    return status;
  }

  public OffsetDateTime syncedAt() {
    return syncedAt;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String courseId;
    public String personId;

    public Key() {}

    public Key(String courseId, String personId) {
      this.courseId = courseId;
      this.personId = personId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(courseId, k.courseId)
          && Objects.equals(personId, k.personId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(courseId, personId);
    }
  }
}
