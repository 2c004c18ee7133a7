package cn.weineng.ledger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A learner's choice of a catalogue course. */
@Entity
@Table(name = "course_choice")
@IdClass(CourseChoiceEntity.Key.class)
@NamedQuery(
    name = "CourseChoice.byPeople",
    query =
        "select c from CourseChoiceEntity c where c.personId in :people order by c.chosenAt, c.courseId")
@NamedQuery(
    name = "CourseChoice.byPerson",
    query =
        "select c from CourseChoiceEntity c where c.personId = :person order by c.chosenAt, c.courseId")
public class CourseChoiceEntity {

  @Id
  @Column(name = "person_id")
  private String personId;

  @Id
  @Column(name = "course_id")
  private String courseId;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "chosen_at", nullable = false)
  private OffsetDateTime chosenAt;

  protected CourseChoiceEntity() {}

  public CourseChoiceEntity(
      String personId, String storeId, String courseId, OffsetDateTime chosenAt) {
    this.personId = personId;
    this.storeId = storeId;
    this.courseId = courseId;
    this.chosenAt = chosenAt;
  }

  public String personId() {
    return personId;
  }

  public String storeId() {
    return storeId;
  }

  public String courseId() {
    return courseId;
  }

  public OffsetDateTime chosenAt() {
    return chosenAt;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String personId;
    public String courseId;

    public Key() {}

    public Key(String personId, String courseId) {
      this.personId = personId;
      this.courseId = courseId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(personId, k.personId)
          && Objects.equals(courseId, k.courseId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(personId, courseId);
    }
  }
}
