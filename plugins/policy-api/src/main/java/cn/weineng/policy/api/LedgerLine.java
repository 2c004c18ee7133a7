package cn.weineng.policy.api;

import java.time.Instant;

/**
 * One line of a learner's hour ledger, as the host hands it back to the policy for evaluation.
 *
 * @param statementId the statement the credit came from
 * @param activityId the activity the credit is for (repeated completions of one activity share it)
 * @param bucket the bucket credited
 * @param seconds credited time in seconds
 * @param occurredAt when the experience happened
 * @param rule the rule that produced the credit
 */
public record LedgerLine(
    String statementId,
    String activityId,
    String bucket,
    long seconds,
    Instant occurredAt,
    String rule) {}
