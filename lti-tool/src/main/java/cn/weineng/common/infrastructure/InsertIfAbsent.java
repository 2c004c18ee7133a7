package cn.weineng.common.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts a row unless one with the same key exists, inside the caller's transaction, without
 * failing when another transaction inserts the same key at the same moment. PostgreSQL: {@code
 * INSERT … ON CONFLICT DO NOTHING}, which waits for the other transaction and then does nothing. H2
 * (embedded, one node): {@code INSERT … SELECT … WHERE NOT EXISTS}, which closes the window to the
 * few microseconds between two transactions' checks.
 */
@ApplicationScoped
public class InsertIfAbsent {

  @Inject SchemaMigrator schema;

  /** Which database, asked of the migrator once (a call through the EJB container each time). */
  private volatile Boolean postgreSql;

  private boolean postgreSql() {
    Boolean pg = postgreSql;
    if (pg == null) {
      pg = schema.isPostgreSql();
      postgreSql = pg;
    }
    return pg;
  }

  /**
   * @param table the table
   * @param values column to value, in insert order
   * @param key the key columns (a unique or primary key)
   * @return true when this call inserted the row
   */
  public boolean insert(
      EntityManager em, String table, Map<String, Object> values, List<String> key) {
    List<String> columns = new ArrayList<>(values.keySet());
    String cols = String.join(", ", columns);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    Query q;
    if (postgreSql()) {
      q =
          em.createNativeQuery(
              "insert into "
                  + table
                  + " ("
                  + cols
                  + ") values ("
                  + marks
                  + ") on conflict do nothing");
    } else {
      String where = String.join(" and ", key.stream().map(k -> k + " = ?").toList());
      q =
          em.createNativeQuery(
              "insert into "
                  + table
                  + " ("
                  + cols
                  + ") select "
                  + marks
                  + " from (values (0)) as one(x)"
                  + " where not exists (select 1 from "
                  + table
                  + " where "
                  + where
                  + ")");
    }
    int i = 1;
    for (String c : columns) {
      q.setParameter(i++, values.get(c));
    }
    if (!postgreSql()) {
      for (String k : key) {
        q.setParameter(i++, values.get(k));
      }
    }
    return q.executeUpdate() == 1;
  }

  /** Convenience for building the ordered value map. */
  public static Map<String, Object> row(Object... columnsAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      m.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return m;
  }
}
