/**
 * The datasource (H2 file by default, PostgreSQL by environment), Flyway migrations at start-up,
 * inserts that tolerate a concurrent insert of the same key, and the public URL.
 */
package cn.weineng.common.infrastructure;
