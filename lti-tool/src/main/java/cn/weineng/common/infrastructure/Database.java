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
 * org.postgresql.ds.PGSimpleDataSource} for PostgreSQL). H2 is reached through its {@code
 * java.sql.Driver}: its only DataSource class is also an XADataSource, which makes Payara run every
 * transaction through the distributed (JTS) coordinator, at a cost on each commit. Payara resolves
 * the {@code ${ENV=NAME:default}} expressions at deployment.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/weineng",
    className = "${ENV=WEINENG_DB_CLASS:org.h2.Driver}",
    url = "${ENV=WEINENG_DB_URL:jdbc:h2:file:./weineng-data/db/weineng;WRITE_DELAY=0}",
    user = "${ENV=WEINENG_DB_USER:weineng}",
    password = "${ENV=WEINENG_DB_PASSWORD:weineng}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      // each pooled connection keeps its prepared statements: the same few dozen statements run
      // on every request, and H2 otherwise parses each one again
      "fish.payara.statement-cache-size=${ENV=WEINENG_DB_STATEMENT_CACHE:200}",
      // a blank type is the least-recently-used cache (an absent one fails: Payara issue 6647)
      "fish.payara.statement-cache-type= "
    })
@ApplicationScoped
public class Database {}
