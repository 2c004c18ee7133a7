package cn.weineng.common.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Payara's web container logs a whole SEVERE stack trace for every request whose path has a
 * malformed %-escape ({@code /%ZZ}) — its URI decoder throws, the container swallows the error and
 * answers 200 with an empty body (Payara issue 8000) — so anyone could fill the log with one line
 * of curl. This keeps those records out and says once, at INFO, that such requests arrive; every
 * other record of the container's logger passes as before.
 */
@Singleton
@Startup
public class MalformedUrlLog {

  static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";
  private static final Logger LOG = Logger.getLogger(MalformedUrlLog.class.getName());
  private static final AtomicLong DROPPED = new AtomicLong();

  @PostConstruct
  void install() {
    Logger container = Logger.getLogger(CONTAINER_LOGGER);
    Filter previous = container.getFilter();
    container.setFilter(
        record -> {
          if (fromUriDecoder(record)) {
            if (DROPPED.getAndIncrement() == 0) {
              LOG.info(
                  "a request with a malformed %-escape in its path arrived; the container refuses"
                      + " such requests without running the application (not logged again)");
            }
            return false;
          }
          return previous == null || previous.isLoggable(record);
        });
  }

  static boolean fromUriDecoder(LogRecord record) {
    Throwable t = record.getThrown();
    if (record.getLevel() != Level.SEVERE
        || !(t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
      return false;
    }
    StackTraceElement[] stack = t.getStackTrace();
    for (int i = 0; i < Math.min(4, stack.length); i++) {
      if (stack[i].getClassName().startsWith("org.glassfish.grizzly.http.util.")
          && stack[i].getClassName().endsWith("URLDecoder")) {
        return true;
      }
    }
    return false;
  }
}
