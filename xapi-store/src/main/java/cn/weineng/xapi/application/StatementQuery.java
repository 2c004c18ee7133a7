package cn.weineng.xapi.application;

import java.time.OffsetDateTime;

/**
 * A filtered statement list request (GET /statements without an id).
 *
 * @param agentIfi actor identifier (see {@link cn.weineng.xapi.domain.AgentIdentifier}), or null
 * @param verbId verb IRI, or null
 * @param activityId object activity IRI, or null
 * @param registration registration UUID, or null
 * @param since only statements stored after this, or null
 * @param until only statements stored at or before this, or null
 * @param limit most statements on the page (1..{@link #MAX_LIMIT})
 * @param ascending oldest first when true
 * @param afterSeq continue after this storage position (from a {@code more} link), or null
 * @param relatedAgents match the agent anywhere in the statement, not only as actor or object
 * @param relatedActivities match the activity anywhere in the statement, not only as object
 */
public record StatementQuery(
    String agentIfi,
    String verbId,
    String activityId,
    String registration,
    OffsetDateTime since,
    OffsetDateTime until,
    int limit,
    boolean ascending,
    Long afterSeq,
    boolean relatedAgents,
    boolean relatedActivities) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;
}
