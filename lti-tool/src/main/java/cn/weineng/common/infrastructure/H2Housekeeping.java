package cn.weineng.common.infrastructure;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded H2 file from growing without bound. Every commit is written to the file before
 * it is acknowledged ({@code WRITE_DELAY=0}, see {@link Database}), and with that setting H2 runs
 * no background housekeeping of its own: each commit writes a new chunk of pages, and a chunk that
 * keeps a few live pages is never freed, so the file grew by the size of every commit (tens of GB
 * per million statements). This job does that housekeeping: every second, when less than {@value
 * #TARGET_FILL_RATE} % of the chunks' space is live, it rewrites the live pages of mostly dead
 * chunks and moves chunks together ({@code MVStore.compactFile}), holding up commits for at most
 * about {@value #MAX_COMPACT_MILLIS} ms, so that the file stays near the size of what it holds.
 *
 * <p>{@code compactFile} also sets H2's retention time to 0: a freed chunk may be overwritten at
 * once rather than after 45 s. The retention time guards against a disk that writes blocks out of
 * order after a power loss; Weineng on H2 promises that an acknowledged write survives the process
 * being killed, not a power loss (see {@link Database}), and the crash trials ({@code
 * scripts/crash-test.sh}) check that promise with this housekeeping running. It does nothing on
 * PostgreSQL.
 */
@Singleton
public class H2Housekeeping {

  private static final Logger LOG = Logger.getLogger(H2Housekeeping.class.getName());

  /** Below this share of live space in the chunks, a turn compacts. */
  static final int TARGET_FILL_RATE = 80;

  /** The longest a turn holds up commits. */
  static final int MAX_COMPACT_MILLIS = 100;

  @Resource(lookup = "java:app/jdbc/weineng")
  DataSource dataSource;

  @Inject SchemaMigrator schema;

  private volatile boolean failed;

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void compact() {
    if (schema.isPostgreSql() || failed) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      Connection physical = physical(c);
      if (!(physical instanceof JdbcConnection h2)) {
        return;
      }
      MVStore store = ((SessionLocal) h2.getSession()).getDatabase().getStore().getMvStore();
      if (store.getFileStore().getChunksFillRate() < TARGET_FILL_RATE) {
        // rewrites the live pages of mostly dead chunks and moves chunks together, for at most
        // MAX_COMPACT_MILLIS, holding the store's lock (commits wait meanwhile)
        store.compactFile(MAX_COMPACT_MILLIS);
      }
    } catch (Exception | LinkageError e) {
      // an H2 reached another way (a server, another version): stop trying, say so once
      failed = true;
      LOG.log(Level.WARNING, "the H2 file's housekeeping is off: " + e, e);
    }
  }

  /**
   * The driver's own connection under the pool's handle: Payara's handle answers {@code unwrap}
   * only for interfaces, and H2's connection is a class; the handle's {@code getConnection()} gives
   * it.
   */
  private static Connection physical(Connection handle) throws ReflectiveOperationException {
    if (handle instanceof JdbcConnection) {
      return handle;
    }
    return (Connection) handle.getClass().getMethod("getConnection").invoke(handle);
  }
}
