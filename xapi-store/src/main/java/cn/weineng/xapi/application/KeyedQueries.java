package cn.weineng.xapi.application;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Look-ups of a store's rows by a list of keys, in the one form each database serves from the
 * {@code (store_id, key)} index whatever it knows of the table. The LRS's ingest path uses them,
 * and so may the application for its own tables in the same database (the ledger's look-up of known
 * learners and catalogue entries).
 */
public final class KeyedQueries {

  private KeyedQueries() {}

  /**
   * A query for the rows of a store whose key column holds one of an array of values, written so
   * that each value is looked up on the {@code (store_id, key)} index, whatever the database knows
   * of the table: H2 uses an index for a list only on the index's first column (and otherwise reads
   * every row of the store), so the values are joined as a table; PostgreSQL, before it has
   * statistics, reads the store's rows and filters them for {@code key = any(?)} or for a plain
   * join, so each value is looked up in a lateral subquery it cannot flatten. The parameters are
   * the values (an array) and then the store; {@link #forEach} runs one.
   *
   * @param columns the columns of {@code s} to select
   * @param where more conditions on {@code s}, starting with {@code " and "}, or empty
   */
  public static String keyed(
      boolean postgresql, String columns, String table, String key, String where) {
    return postgresql
        ? "select "
            + columns
            + " from unnest(cast(? as varchar[])) as k(id) cross join lateral"
            + " (select * from "
            + table
            + " s where s.store_id = ? and s."
            + key
            + " = k.id"
            + where
            + " offset 0) s"
        : "select "
            + columns
            + " from table(id varchar = ?) k join "
            + table
            + " s on s.store_id = ? and s."
            + key
            + " = k.id"
            + where;
  }

  /** Reads one row of a {@link #forEach} query. */
  @FunctionalInterface
  public interface Row {
    void read(java.sql.ResultSet r) throws SQLException;
  }

  /**
   * Runs a {@link #keyed} query for the store's rows whose key is one of {@code values}, handing
   * each row to {@code row}; nothing is asked when there are no values.
   */
  public static void forEach(
      java.sql.Connection c,
      boolean postgresql,
      String columns,
      String table,
      String key,
      String where,
      String storeId,
      java.util.Collection<String> values,
      Row row)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = prepare(c, keyed(postgresql, columns, table, key, where))) {
      ps.setArray(1, c.createArrayOf("varchar", values.toArray(new String[0])));
      ps.setString(2, storeId);
      try (java.sql.ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          row.read(r);
        }
      }
    }
  }

  /**
   * Prepares a lookup or a walk so that PostgreSQL plans it for the values of each run. Once a
   * connection has run a statement five times, the driver keeps it prepared on the server, and
   * PostgreSQL may then keep one generic plan for it; made while a store was small, with an array
   * of keys counted as ten, such a plan read a store's whole index once per key after the store had
   * grown (50 s for one POST of 100 statements at 100 thousand, seen in the store benchmark). An
   * unnamed statement is planned for its values each time. Nothing changes on H2, which plans a
   * statement each time it is prepared.
   */
  public static PreparedStatement prepare(java.sql.Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
    }
    return ps;
  }
}
