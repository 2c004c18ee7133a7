package cn.weineng.xapi.application;

import java.util.List;
import java.util.Set;

/**
 * CDI event fired inside the storing transaction after statements are written, so that observers
 * (the hour ledger) commit or roll back with them.
 *
 * @param storeId the store written to
 * @param statements the statements as stored, in batch order
 * @param voidedOnArrival ids of statements in the batch that an earlier voiding statement had
 *     already voided: stored, but of no effect
 */
public record StatementsStored(
    String storeId, List<StoredStatement> statements, Set<String> voidedOnArrival) {}
