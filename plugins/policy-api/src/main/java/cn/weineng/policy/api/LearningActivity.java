package cn.weineng.policy.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a policy sees of one stored xAPI statement: the facts hour and counter rules are written
 * over, extracted and checked by the host. A policy never sees the raw statement, the actor, or any
 * personal data. Built by the host with {@link #builder(String, String, Instant)}; new facts are
 * added as new optional accessors, so a plugin compiled against an older SPI 2 keeps working.
 */
public final class LearningActivity {

  private final String statementId;
  private final String verbId;
  private final String activityId;
  private final String activityType;
  private final String kind;
  private final Instant timestamp;
  private final Duration duration;
  private final Duration nominalDuration;
  private final Boolean completion;
  private final Boolean success;
  private final Double scoreScaled;
  private final Set<String> topics;
  private final String catalogueCourseId;
  private final boolean completesPerCatalogue;

  private LearningActivity(Builder b) {
    this.statementId = b.statementId;
    this.verbId = b.verbId;
    this.timestamp = b.timestamp;
    this.activityId = b.activityId;
    this.activityType = b.activityType;
    this.kind = b.kind;
    this.duration = b.duration;
    this.nominalDuration = b.nominalDuration;
    this.completion = b.completion;
    this.success = b.success;
    this.scoreScaled = b.scoreScaled;
    this.topics = Set.copyOf(b.topics);
    this.catalogueCourseId = b.catalogueCourseId;
    this.completesPerCatalogue = b.completesPerCatalogue;
  }

  public static Builder builder(String statementId, String verbId, Instant timestamp) {
    return new Builder(statementId, verbId, timestamp);
  }

  /** The statement's UUID. */
  public String statementId() {
    return statementId;
  }

  /** The verb IRI. */
  public String verbId() {
    return verbId;
  }

  /** When the experience happened: the statement's {@code timestamp}. */
  public Instant timestamp() {
    return timestamp;
  }

  /** The object activity's IRI; empty when the object is not an activity. */
  public Optional<String> activityId() {
    return Optional.ofNullable(activityId);
  }

  /** The activity definition's {@code type} IRI, when present. */
  public Optional<String> activityType() {
    return Optional.ofNullable(activityType);
  }

  /**
   * The activity's kind in Weineng's xAPI profile ({@code online-course}, {@code workshop}, {@code
   * practice}, {@code school-based-research}, {@code application-assessment}, {@code
   * smart-classroom-lesson}, {@code assessment}, …): from the institute's catalogue entry for the
   * activity when there is one, else from a profile activity type. Empty when neither says.
   */
  public Optional<String> kind() {
    return Optional.ofNullable(kind);
  }

  /** {@code result.duration}, when present and exact. */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /**
   * The hours the activity is worth by definition rather than by time spent: the catalogue's
   * nominal hours, or the profile's {@code nominal-hours} extension.
   */
  public Optional<Duration> nominalDuration() {
    return Optional.ofNullable(nominalDuration);
  }

  /** {@code result.completion}, when present. */
  public Optional<Boolean> completion() {
    return Optional.ofNullable(completion);
  }

  /** {@code result.success}, when present. */
  public Optional<Boolean> success() {
    return Optional.ofNullable(success);
  }

  /** {@code result.score.scaled}, when present. */
  public OptionalDouble scoreScaled() {
    return scoreScaled == null ? OptionalDouble.empty() : OptionalDouble.of(scoreScaled);
  }

  /** Topic tags (e.g. Jiangxi's mandatory topics 师德师风) from the catalogue or the profile. */
  public Set<String> topics() {
    return topics;
  }

  /** The catalogue course the activity is, when the institute lists it in its course catalogue. */
  public Optional<String> catalogueCourseId() {
    return Optional.ofNullable(catalogueCourseId);
  }

  /**
   * True when the institute's catalogue says this statement's verb completes the activity (e.g.
   * Moodle's {@code submit} on an assignment without completion tracking): a policy then treats it
   * as a completion whatever its own completion verbs are.
   */
  public boolean completesPerCatalogue() {
    return completesPerCatalogue;
  }

  @Override
  public String toString() {
    return "LearningActivity[" + statementId + " " + verbId + " " + activityId + " " + kind + "]";
  }

  /** Builds a {@link LearningActivity}. */
  public static final class Builder {
    private final String statementId;
    private final String verbId;
    private final Instant timestamp;
    private String activityId;
    private String activityType;
    private String kind;
    private Duration duration;
    private Duration nominalDuration;
    private Boolean completion;
    private Boolean success;
    private Double scoreScaled;
    private Set<String> topics = Set.of();
    private String catalogueCourseId;
    private boolean completesPerCatalogue;

    private Builder(String statementId, String verbId, Instant timestamp) {
      this.statementId = Objects.requireNonNull(statementId, "statementId");
      this.verbId = Objects.requireNonNull(verbId, "verbId");
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    public Builder activityId(String v) {
      activityId = v;
      return this;
    }

    public Builder activityType(String v) {
      activityType = v;
      return this;
    }

    public Builder kind(String v) {
      kind = v;
      return this;
    }

    public Builder duration(Duration v) {
      duration = v;
      return this;
    }

    public Builder nominalDuration(Duration v) {
      nominalDuration = v;
      return this;
    }

    public Builder completion(Boolean v) {
      completion = v;
      return this;
    }

    public Builder success(Boolean v) {
      success = v;
      return this;
    }

    public Builder scoreScaled(Double v) {
      scoreScaled = v;
      return this;
    }

    public Builder topics(Set<String> v) {
      topics = v == null ? Set.of() : v;
      return this;
    }

    public Builder catalogueCourseId(String v) {
      catalogueCourseId = v;
      return this;
    }

    public Builder completesPerCatalogue(boolean v) {
      completesPerCatalogue = v;
      return this;
    }

    public LearningActivity build() {
      return new LearningActivity(this);
    }
  }
}
