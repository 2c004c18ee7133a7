package cn.weineng.xapi.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a statement list.
 *
 * @param statements the statements, as stored
 * @param lastSeq storage position of the last statement, for the next page; null when this page is
 *     the last
 */
public record StatementPage(List<JsonNode> statements, Long lastSeq) {}
