/**
 * The hour and credit ledger: the region policies (found with ServiceLoader), the writer that
 * credits stored statements under every policy (live and on replay, one path), the course
 * catalogue, course choices and scores, and learners' standings rule by rule.
 */
package cn.weineng.ledger;
