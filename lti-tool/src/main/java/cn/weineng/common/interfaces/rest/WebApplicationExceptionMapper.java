package cn.weineng.common.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** JAX-RS's own refusals (404 unknown path, 405, 406, 415 ...) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    // a query or path parameter Jersey could not convert (a malformed date-time): the converter's
    // own refusal says what was wrong; it is bad input, not a missing resource
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof cn.weineng.common.domain.Problem p) {
        return ProblemResponses.of(p.status(), p.slug(), p.title(), p.getMessage(), p.errors());
      }
    }
    Response.StatusType s = e.getResponse().getStatusInfo();
    String slug = s.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    return ProblemResponses.of(
        s.getStatusCode(), slug, s.getReasonPhrase(), s.getReasonPhrase(), List.of());
  }
}
