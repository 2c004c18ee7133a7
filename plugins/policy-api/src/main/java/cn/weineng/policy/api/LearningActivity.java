package cn.weineng.policy.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a policy sees of one xAPI statement: the facts hour rules are written over, already
 * extracted and checked by the host. A policy never sees the raw statement or any personal data.
 *
 * @param statementId the statement's UUID
 * @param verbId the verb IRI
 * @param activityId the object activity's IRI, or null when the object is not an activity
 * @param activityType the activity definition's type IRI, or null when absent
 * @param timestamp when the experience happened (the statement's timestamp)
 * @param duration {@code result.duration} when present and expressible as an exact duration, else
 *     null
 * @param completion {@code result.completion}, or null when absent
 * @param success {@code result.success}, or null when absent
 */
public record LearningActivity(
    String statementId,
    String verbId,
    String activityId,
    String activityType,
    Instant timestamp,
    Duration duration,
    Boolean completion,
    Boolean success) {

  public LearningActivity {
    Objects.requireNonNull(statementId, "statementId");
    Objects.requireNonNull(verbId, "verbId");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
