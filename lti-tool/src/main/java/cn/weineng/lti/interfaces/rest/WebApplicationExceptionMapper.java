package cn.weineng.lti.interfaces.rest;

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
    Response.StatusType s = e.getResponse().getStatusInfo();
    String slug = s.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    return ProblemResponses.of(
        s.getStatusCode(), slug, s.getReasonPhrase(), s.getReasonPhrase(), List.of());
  }
}
