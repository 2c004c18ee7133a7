package cn.weineng.xapi.application;

import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs a unit of work again when its transaction lost a race to another one: a unique key another
 * request inserted first (SQLState class 23), a serialisation failure or deadlock (40001, 40P01),
 * or H2's lock timeout (HYT00). The next attempt sees the other request's rows and answers as if
 * the two had come one after the other. Every other failure is passed on at once.
 */
public final class ConflictRetry {

  private static final Logger LOG = Logger.getLogger(ConflictRetry.class.getName());
  static final int ATTEMPTS = 3;

  private ConflictRetry() {}

  public static <T> T run(String what, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        String state = conflictState(e);
        if (state == null || attempt == ATTEMPTS) {
          throw e;
        }
        int n = attempt;
        LOG.info(
            () -> what + ": attempt " + n + " lost a race (SQLState " + state + "), trying again");
        try {
          Thread.sleep(10L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The SQLState of a lost race in the cause chain, or null. */
  static String conflictState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if (state != null
              && (state.startsWith("23")
                  || state.equals("40001")
                  || state.equals("40P01")
                  || state.equals("HYT00"))) {
            return state;
          }
        }
      }
    }
    return null;
  }
}
