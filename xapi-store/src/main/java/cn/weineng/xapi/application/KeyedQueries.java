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
   * bound by {@link #bindKeyed}.
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

  /** Binds the values and the store of a {@link #keyed} query. */
  public static void bindKeyed(
      PreparedStatement ps, boolean postgresql, String storeId, java.sql.Array values)
      throws SQLException {
    ps.setArray(1, values);
    ps.setString(2, storeId);
  }
}
