package cn.weineng.policy.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A course a teacher chose from the institute's catalogue (Fuyu: 50 hours chosen after the
 * diagnostic test). The host refuses a choice outside the catalogue before a policy sees it.
 */
public final class CourseChoice {

  private final String courseId;
  private final Duration nominalDuration;
  private final String kind;
  private final Instant chosenAt;

  private CourseChoice(String courseId, Duration nominalDuration, String kind, Instant chosenAt) {
    this.courseId = Objects.requireNonNull(courseId, "courseId");
    this.nominalDuration = Objects.requireNonNull(nominalDuration, "nominalDuration");
    this.kind = kind;
    this.chosenAt = Objects.requireNonNull(chosenAt, "chosenAt");
  }

  public static CourseChoice of(
      String courseId, Duration nominalDuration, String kind, Instant chosenAt) {
    return new CourseChoice(courseId, nominalDuration, kind, chosenAt);
  }

  /** The catalogue course's id (not an activity IRI: the catalogue maps one to the other). */
  public String courseId() {
    return courseId;
  }

  /** The course's nominal hours. */
  public Duration nominalDuration() {
    return nominalDuration;
  }

  /** The course's kind in the profile, when the catalogue says. */
  public Optional<String> kind() {
    return Optional.ofNullable(kind);
  }

  public Instant chosenAt() {
    return chosenAt;
  }
}
