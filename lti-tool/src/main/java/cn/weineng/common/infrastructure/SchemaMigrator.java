package cn.weineng.common.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything else runs: the LRS's scripts ({@code
 * db/migration/xapi}, versions 1.x, with the few whose indexes differ per database in {@code
 * db/migration/xapi-h2} and {@code xapi-postgresql}) then the application's ({@code
 * db/migration/app}, versions 2.x and up). Migrations never drop data; some replace an index.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Resource(lookup = "java:app/jdbc/weineng")
  DataSource dataSource;

  private String schemaVersion;
  private boolean postgreSql;

  @PostConstruct
  void migrate() {
    try (java.sql.Connection c = dataSource.getConnection()) {
      postgreSql =
          c.getMetaData()
              .getDatabaseProductName()
              .toLowerCase(java.util.Locale.ROOT)
              .contains("postgres");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("the database did not answer", e);
    }
    MigrateResult result =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations(locations(postgreSql))
            // the LRS numbers its scripts 1.x and the application 2.x: a new LRS script lands
            // below the application's latest and must still run
            .outOfOrder(true)
            .load()
            .migrate();
    schemaVersion =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    try (java.sql.Connection c = dataSource.getConnection()) {
      if (!postgreSql) {
        ownerOnly(c.getMetaData().getURL());
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("the database did not answer after migrating", e);
    }
    LOG.info(
        () ->
            "database schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }

  /**
   * An embedded H2 database lives in files: they are made owner-only (rw-------), and so is their
   * directory (rwx------) when it holds nothing but the database's files (the default {@code
   * weineng-data/db}), so that other accounts on the machine can read neither the database nor what
   * H2 adds beside it. A directory shared with other files is left as it is.
   */
  static void ownerOnly(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:file:")) {
      return;
    }
    java.nio.file.Path db =
        java.nio.file.Path.of(jdbcUrl.substring("jdbc:h2:file:".length()).split(";", 2)[0])
            .toAbsolutePath();
    java.nio.file.Path dir = db.getParent();
    String name = db.getFileName().toString();
    try {
      if (dir == null
          || !java.nio.file.Files.isDirectory(dir)
          || !java.nio.file.FileSystems.getDefault()
              .supportedFileAttributeViews()
              .contains("posix")) {
        return;
      }
      boolean dedicated = true;
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
        for (java.nio.file.Path f : files.toList()) {
          if (f.getFileName().toString().startsWith(name + ".")) {
            java.nio.file.Files.setPosixFilePermissions(
                f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
          } else {
            dedicated = false;
          }
        }
      }
      if (dedicated) {
        java.nio.file.Files.setPosixFilePermissions(
            dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    } catch (java.io.IOException | UnsupportedOperationException e) {
      LOG.warning(() -> "could not make the database's files owner-only: " + e.getMessage());
    }
  }

  /**
   * Where the migrations are: the LRS's, the few whose indexes differ between H2 and PostgreSQL,
   * and the application's.
   */
  public static String[] locations(boolean postgreSql) {
    return new String[] {
      "classpath:db/migration/xapi",
      postgreSql ? "classpath:db/migration/xapi-postgresql" : "classpath:db/migration/xapi-h2",
      "classpath:db/migration/app"
    };
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  /**
   * Whether the database is PostgreSQL (else H2), for the few statements whose SQL differs. Asked
   * on every ingest: read-locked and outside any transaction, so that the call costs no more than a
   * field read through the bean's proxy.
   */
  @jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public boolean isPostgreSql() {
    return postgreSql;
  }
}
