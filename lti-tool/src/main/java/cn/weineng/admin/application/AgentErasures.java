package cn.weineng.admin.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.ErasureService;
import cn.weineng.xapi.domain.AgentIdentifier;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.Violation;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * An admin's hard delete of one person's xAPI data in a store, and of the ledger facts derived from
 * it, in one transaction: the LRS's erasure ({@link ErasureService}) and the hour and credit facts
 * of the erased statements, so the person's standing is computed again without them.
 */
@ApplicationScoped
public class AgentErasures {

  @Inject ErasureService erasures;
  @Inject CredentialService credentials;

  @Inject cn.weineng.ledger.application.LedgerWriter ledger;

  /** What was erased, and how many ledger facts went with it. */
  public record Result(ErasureService.Erasure erasure, int ledgerFacts) {}

  @Transactional
  public Result erase(String storeId, JsonNode agent, String requestedBy, String reason) {
    if (!credentials.storeExists(storeId)) {
      throw Problem.notFound("store", storeId);
    }
    List<Violation> problems =
        new StatementValidator(XapiVersion.V2_0_0).validateAgent(agent, "agent");
    if (!problems.isEmpty()) {
      throw Problem.invalid(
          "the agent is not a valid xAPI Agent",
          problems.stream().map(v -> new Problem.FieldError(v.path(), v.message())).toList());
    }
    String identifier = AgentIdentifier.of(agent).orElseThrow();
    ErasureService.Erasure erasure = erasures.eraseAgent(storeId, identifier, requestedBy, reason);
    int facts = ledger.forget(storeId, erasure.statementSeqs(), erasure.statementIds());
    return new Result(erasure, facts);
  }
}
