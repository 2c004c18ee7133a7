/** The ledger's records: ledger lines, catalogue courses, course choices, assessment scores. */
package cn.weineng.ledger.domain;
