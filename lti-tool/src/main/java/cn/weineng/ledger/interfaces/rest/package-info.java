/** The ledger's part of the REST API (generated interface {@code LedgerApi}). */
package cn.weineng.ledger.interfaces.rest;
