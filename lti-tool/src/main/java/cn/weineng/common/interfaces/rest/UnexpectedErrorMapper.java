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
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error, request id " + id, t);
    return ProblemResponses.of(
        500,
        "internal-error",
        "Internal error",
        "the request failed on our side; quote request id " + id + " when reporting it",
        List.of());
  }
}
