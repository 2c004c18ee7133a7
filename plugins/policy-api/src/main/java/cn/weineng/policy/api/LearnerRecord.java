package cn.weineng.policy.api;

import java.util.List;

/**
 * A learner's ledger under one policy: every line, in no particular order.
 *
 * @param learnerId the host's opaque learner id (never a name or a national ID number)
 * @param lines the ledger lines
 */
public record LearnerRecord(String learnerId, List<LedgerLine> lines) {

  public LearnerRecord {
    lines = List.copyOf(lines);
  }
}
