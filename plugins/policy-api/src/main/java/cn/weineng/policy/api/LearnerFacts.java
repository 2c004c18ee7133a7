package cn.weineng.policy.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything a policy may judge a learner by: their ledger lines under this policy, the attributes
 * the rules need (学段, 学科, a birth year given with consent), their course choices and their scores.
 * Never a name, an identifier of a person beyond the opaque learner id, or an ID number. Built by
 * the host; new kinds of facts arrive as new accessors with empty defaults.
 */
public final class LearnerFacts {

  private final String learnerId;
  private final List<LedgerLine> lines;
  private final String segment;
  private final String subject;
  private final Integer birthYear;
  private final List<CourseChoice> courseChoices;
  private final List<Score> scores;
  private final List<PointFacts> points;
  private final java.util.Set<String> pointRange;

  private LearnerFacts(Builder b) {
    this.learnerId = b.learnerId;
    this.lines = List.copyOf(b.lines);
    this.segment = b.segment;
    this.subject = b.subject;
    this.birthYear = b.birthYear;
    this.courseChoices = List.copyOf(b.courseChoices);
    this.scores = List.copyOf(b.scores);
    this.points = List.copyOf(b.points);
    this.pointRange = b.pointRange == null ? null : java.util.Set.copyOf(b.pointRange);
  }

  public static Builder builder(String learnerId) {
    return new Builder(learnerId);
  }

  /** The host's opaque learner id. */
  public String learnerId() {
    return learnerId;
  }

  /** Every ledger line under this policy and rule set, in no particular order. */
  public List<LedgerLine> lines() {
    return lines;
  }

  /** 任教学段 (学前, 小学, 初中, 高中, 中职, 特殊教育, …), when known. */
  public Optional<String> segment() {
    return Optional.ofNullable(segment);
  }

  /** 任教学科 (语文, 数学, …), when known. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** Year of birth, only when the teacher gave it with consent; never derived from an ID number. */
  public OptionalInt birthYear() {
    return birthYear == null ? OptionalInt.empty() : OptionalInt.of(birthYear);
  }

  public List<CourseChoice> courseChoices() {
    return courseChoices;
  }

  public List<Score> scores() {
    return scores;
  }

  /** The micro-ability points the learner selected, each with its result so far. */
  public List<PointFacts> points() {
    return points;
  }

  /**
   * The point codes the learner's school circled (圈定), when it circled a range; empty when the
   * school has not (its 校本应用考核 is not run here, or not yet).
   */
  public Optional<java.util.Set<String>> pointRange() {
    return Optional.ofNullable(pointRange);
  }

  /** Builds {@link LearnerFacts}. */
  public static final class Builder {
    private final String learnerId;
    private List<LedgerLine> lines = List.of();
    private String segment;
    private String subject;
    private Integer birthYear;
    private List<CourseChoice> courseChoices = List.of();
    private List<Score> scores = List.of();
    private List<PointFacts> points = List.of();
    private java.util.Set<String> pointRange;

    private Builder(String learnerId) {
      this.learnerId = Objects.requireNonNull(learnerId, "learnerId");
    }

    public Builder lines(List<LedgerLine> v) {
      lines = v;
      return this;
    }

    public Builder segment(String v) {
      segment = v;
      return this;
    }

    public Builder subject(String v) {
      subject = v;
      return this;
    }

    public Builder birthYear(Integer v) {
      birthYear = v;
      return this;
    }

    public Builder courseChoices(List<CourseChoice> v) {
      courseChoices = v;
      return this;
    }

    public Builder scores(List<Score> v) {
      scores = v;
      return this;
    }

    public Builder points(List<PointFacts> v) {
      points = v;
      return this;
    }

    public Builder pointRange(java.util.Set<String> v) {
      pointRange = v;
      return this;
    }

    public LearnerFacts build() {
      return new LearnerFacts(this);
    }
  }
}
