/**
 * The ledger's use cases: {@link cn.weineng.ledger.application.LedgerWriter} (statements to ledger
 * lines), {@link cn.weineng.ledger.application.LedgerRebuild} (replay through the LRS's cursor),
 * {@link cn.weineng.ledger.application.StandingService} (facts to a standing), {@link
 * cn.weineng.ledger.application.LedgerFacts} (catalogue, choices, scores).
 */
package cn.weineng.ledger.application;
