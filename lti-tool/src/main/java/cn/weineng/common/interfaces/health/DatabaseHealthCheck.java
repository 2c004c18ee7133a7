package cn.weineng.common.interfaces.health;

import cn.weineng.common.infrastructure.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and the schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  @Resource(lookup = "java:app/jdbc/weineng")
  DataSource dataSource;

  @Inject SchemaMigrator schema;

  @Override
  public HealthCheckResponse call() {
    try (Connection c = dataSource.getConnection()) {
      boolean valid = c.isValid(2);
      return HealthCheckResponse.named("database")
          .status(valid && schema.schemaVersion() != null)
          .withData("product", c.getMetaData().getDatabaseProductName())
          .withData("schema", String.valueOf(schema.schemaVersion()))
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", "no connection")
          .build();
    }
  }
}
