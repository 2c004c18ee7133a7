package cn.weineng.common.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's datasource, {@code java:app/jdbc/weineng}.
 *
 * <p>Default: an embedded H2 database in a file under {@code ./weineng-data/db/} of the working
 * directory, which survives restarts and opens no network port. {@code WRITE_DELAY=0} writes every
 * commit to the file before it is acknowledged, so an acknowledged write survives the process being
 * killed (H2 does not fsync each commit: for power-loss durability use PostgreSQL). PostgreSQL (or
 * another H2 path) is chosen by environment: {@code WEINENG_DB_URL}, {@code WEINENG_DB_USER},
 * {@code WEINENG_DB_PASSWORD} and {@code WEINENG_DB_CLASS} (the driver's DataSource class, {@code
 * org.postgresql.ds.PGSimpleDataSource} for PostgreSQL). Payara resolves the {@code
 * ${ENV=NAME:default}} expressions at deployment.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/weineng",
    className = "${ENV=WEINENG_DB_CLASS:org.h2.jdbcx.JdbcDataSource}",
    url = "${ENV=WEINENG_DB_URL:jdbc:h2:file:./weineng-data/db/weineng;WRITE_DELAY=0}",
    user = "${ENV=WEINENG_DB_USER:weineng}",
    password = "${ENV=WEINENG_DB_PASSWORD:weineng}",
    minPoolSize = 2,
    maxPoolSize = 32)
@ApplicationScoped
public class Database {}
