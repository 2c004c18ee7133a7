/**
 * Technical plumbing: the datasource (H2 file by default, PostgreSQL by environment), Flyway
 * migrations at start-up, password hashing, the platform JWKS cache and the data directory.
 */
package cn.weineng.lti.infrastructure;
