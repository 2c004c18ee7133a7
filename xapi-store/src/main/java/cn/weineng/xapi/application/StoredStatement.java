package cn.weineng.xapi.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the rest of Weineng reads of a stored statement: the facts, already extracted and checked by
 * the LRS, so that no reader re-derives them from JSON.
 *
 * @param seq storage position, ascending in stored order
 * @param statementId the statement's id (lower case)
 * @param actorIfi the actor's identifier ({@link cn.weineng.xapi.domain.AgentIdentifier}), null for
 *     an anonymous group
 * @param verbId the verb IRI
 * @param activityId the object's IRI when the object is an Activity, else null
 * @param activityType the object activity's definition type, when present
 * @param timestamp when the experience happened
 * @param duration {@code result.duration} when present and exact, else null
 * @param completion {@code result.completion}, or null
 * @param success {@code result.success}, or null
 * @param scoreScaled {@code result.score.scaled}, or null
 * @param scoreRaw {@code result.score.raw}, or null
 * @param scoreMax {@code result.score.max}, or null
 * @param voidingTarget the statement a voiding statement voids, else null
 * @param extensions every extension of the object definition, the result and the context, by IRI,
 *     as its JSON text (a string value without quotes); the context's win over the result's, which
 *     win over the object's
 */
public record StoredStatement(
    Long seq,
    String statementId,
    String actorIfi,
    String verbId,
    String activityId,
    String activityType,
    Instant timestamp,
    Duration duration,
    Boolean completion,
    Boolean success,
    Double scoreScaled,
    Double scoreRaw,
    Double scoreMax,
    String voidingTarget,
    Map<String, String> extensions) {

  public StoredStatement {
    extensions = Map.copyOf(extensions);
  }

  public Optional<String> extension(String iri) {
    return Optional.ofNullable(extensions.get(iri));
  }

  public boolean isVoiding() {
    return voidingTarget != null;
  }
}
