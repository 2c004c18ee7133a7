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

  private LearnerFacts(Builder b) {
    this.learnerId = b.learnerId;
    this.lines = List.copyOf(b.lines);
    this.segment = b.segment;
    this.subject = b.subject;
    this.birthYear = b.birthYear;
    this.courseChoices = List.copyOf(b.courseChoices);
    this.scores = List.copyOf(b.scores);
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

  /** Builds {@link LearnerFacts}. */
  public static final class Builder {
    private final String learnerId;
    private List<LedgerLine> lines = List.of();
    private String segment;
    private String subject;
    private Integer birthYear;
    private List<CourseChoice> courseChoices = List.of();
    private List<Score> scores = List.of();

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

    public LearnerFacts build() {
      return new LearnerFacts(this);
    }
  }
}
