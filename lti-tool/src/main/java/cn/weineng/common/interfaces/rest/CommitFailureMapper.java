package cn.weineng.common.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that failed to commit (the database refused it at the end): a lost race for a
 * unique key answers 409 and can be sent again; anything else is an unexpected error. Registered
 * ahead of the mapper Jersey's CDI integration brings for the same exception, which answers with
 * the container's HTML error page.
 */
@Provider
@Priority(1)
public class CommitFailureMapper implements ExceptionMapper<TransactionalException> {

  @Override
  public Response toResponse(TransactionalException e) {
    return new UnexpectedErrorMapper().toResponse(e);
  }
}
