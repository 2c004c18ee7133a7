/**
 * People as the ledger and the organisation see them: a person and the identities they are known
 * by.
 */
package cn.weineng.people.domain;
