package cn.weineng.common.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unexpected: logged with a request id, answered with that id and nothing else. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable t) {
    if (lostRace(t)) {
      // two requests wrote the same new record at once (a teacher's double click on submit): the
      // later one is rolled back whole and can be sent again
      LOG.info("a request lost a race for a unique key and was rolled back");
      return ProblemResponses.of(
          409,
          "concurrent-change",
          "Concurrent change",
          "another request changed the same record at the same moment; nothing was changed by this"
              + " one; send it again",
          List.of());
    }
    if (unstorableCharacter(t)) {
      // a value only the database refused (PostgreSQL keeps no NUL character in text): bad input,
      // and its transaction was rolled back whole
      return ProblemResponses.of(
          400,
          "unstorable-character",
          "Unstorable character",
          "a value cannot be stored: it holds a NUL character or is longer than its field allows",
          List.of());
    }
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error, request id " + id, t);
    return ProblemResponses.of(
        500,
        "internal-error",
        "Internal error",
        "the request failed on our side; quote request id " + id + " when reporting it",
        List.of());
  }

  /**
   * Whether the database refused a value: a character it cannot store (SQLState 22021, 22P05) or a
   * value longer than its column (22001).
   */
  static boolean unstorableCharacter(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.sql.SQLException e
          && ("22021".equals(e.getSQLState())
              || "22P05".equals(e.getSQLState())
              || "22001".equals(e.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a unique or primary key refused the write (SQLState 23505) somewhere in the causes. */
  static boolean lostRace(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.sql.SQLException e
          && e.getSQLState() != null
          && e.getSQLState().equals("23505")) {
        return true;
      }
    }
    return false;
  }
}
