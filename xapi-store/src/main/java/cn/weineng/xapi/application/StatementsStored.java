package cn.weineng.xapi.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CDI event fired inside the storing transaction after statements are written, so that observers
 * (the hour ledger) commit or roll back with them.
 *
 * @param storeId the store written to
 * @param statements the statements as stored (with id, timestamp, stored and authority), in batch
 *     order
 * @param voidedOnArrival ids of statements in the batch that an earlier voiding statement had
 *     already voided: stored, but of no effect
 */
public record StatementsStored(
    String storeId, List<JsonNode> statements, java.util.Set<String> voidedOnArrival) {}
