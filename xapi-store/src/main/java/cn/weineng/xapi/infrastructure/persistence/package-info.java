/**
 * JPA mapping of the LRS tables ({@code lrs_store}, {@code lrs_credential}, {@code
 * xapi_statement}). The schema itself is owned by the Flyway scripts in {@code db/migration/xapi};
 * entities only map it.
 */
package cn.weineng.xapi.infrastructure.persistence;
