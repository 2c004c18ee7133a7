package cn.weineng.xapi.application;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Hard delete of one actor's data in a store (an admin operation, for PIPL requests and learners
 * who leave): every statement that mentions the actor anywhere (as actor or object, in a context, a
 * team, a sub-statement or as authority), with its index rows; the actor's State and Agent Profile
 * documents; and the attachments no remaining statement refers to. Audited in {@code lrs_erasure}
 * with the SHA-256 of the identifier, never the identifier itself.
 */
public interface ErasureService {

  /**
   * What an erasure removed.
   *
   * @param statementSeqs the stored positions of the statements removed, for whatever was derived
   *     from them
   * @param statementIds their ids
   */
  record Erasure(
      String id,
      String storeId,
      int statements,
      int documents,
      int attachments,
      OffsetDateTime erasedAt,
      List<Long> statementSeqs,
      List<String> statementIds) {}

  /** Erases everything of the actor with this identifier (see AgentIdentifier) in the store. */
  Erasure eraseAgent(String storeId, String agentIdentifier, String requestedBy, String reason);
}
