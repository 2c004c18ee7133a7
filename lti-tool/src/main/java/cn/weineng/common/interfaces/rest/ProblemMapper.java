package cn.weineng.common.interfaces.rest;

import cn.weineng.common.domain.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The application's own refusals. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {
  @Override
  public Response toResponse(Problem p) {
    Response r = ProblemResponses.of(p.status(), p.slug(), p.title(), p.getMessage(), p.errors());
    if (p.retryAfterSeconds().isPresent()) {
      return Response.fromResponse(r).header("Retry-After", p.retryAfterSeconds().get()).build();
    }
    return r;
  }
}
