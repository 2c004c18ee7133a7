package cn.weineng.ledger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An entry of an institute's course catalogue: completing the activity is worth its nominal hours,
 * of the given kind in Weineng's xAPI profile, with the given topics.
 */
@Entity
@Table(name = "catalogue_course")
@IdClass(CatalogueCourse.Key.class)
@NamedQuery(
    name = "CatalogueCourse.byActivity",
    query = "select c from CatalogueCourse c where c.storeId = :store and c.activityId = :activity")
@NamedQuery(
    name = "CatalogueCourse.byStore",
    query = "select c from CatalogueCourse c where c.storeId = :store order by c.id")
public class CatalogueCourse {

  @Id
  @Column(name = "store_id")
  private String storeId;

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "activity_id", nullable = false)
  private String activityId;

  @Column(name = "title", nullable = false)
  private String title;

  @Column(name = "nominal_seconds", nullable = false)
  private long nominalSeconds;

  @Column(name = "kind", nullable = false)
  private String kind;

  @Column(name = "topics")
  private String topics;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "verbs")
  private String verbs;

  protected CatalogueCourse() {}

  public CatalogueCourse(
      String storeId,
      String id,
      String activityId,
      String title,
      long nominalSeconds,
      String kind,
      List<String> topics,
      OffsetDateTime createdAt) {
    this.storeId = storeId;
    this.id = id;
    this.activityId = activityId;
    this.title = title;
    this.nominalSeconds = nominalSeconds;
    this.kind = kind;
    this.topics = topics == null || topics.isEmpty() ? null : String.join("|", topics);
    this.createdAt = createdAt;
  }

  /** Corrects the entry: everything but its store and id. */
  public CatalogueCourse correct(
      String activityId, String title, long nominalSeconds, String kind, List<String> topics) {
    this.activityId = activityId;
    this.title = title;
    this.nominalSeconds = nominalSeconds;
    this.kind = kind;
    this.topics = topics == null || topics.isEmpty() ? null : String.join("|", topics);
    return this;
  }

  public String storeId() {
    return storeId;
  }

  public String id() {
    return id;
  }

  public String activityId() {
    return activityId;
  }

  public String title() {
    return title;
  }

  public long nominalSeconds() {
    return nominalSeconds;
  }

  public String kind() {
    return kind;
  }

  public List<String> topics() {
    return topics == null ? List.of() : Arrays.asList(topics.split("\\|"));
  }

  /** The verbs that complete the activity; empty: the policy's own (completed, passed). */
  public List<String> verbs() {
    return verbs == null ? List.of() : Arrays.asList(verbs.split("\\|"));
  }

  public CatalogueCourse completedBy(List<String> verbs) {
    this.verbs = verbs == null || verbs.isEmpty() ? null : String.join("|", verbs);
    return this;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String storeId;
    public String id;

    public Key() {}

    public Key(String storeId, String id) {
      this.storeId = storeId;
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(storeId, k.storeId) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
      return Objects.hash(storeId, id);
    }
  }
}
