package cn.weineng.launch.interfaces.lti;

import cn.weineng.common.interfaces.rest.ProblemResponses;
import cn.weineng.launch.application.LtiLaunchException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Logger;

/**
 * A refused login or launch: an HTML page for the user in the LMS frame, or problem+json for a
 * client that asks for JSON. Either names the failed check.
 */
@Provider
public class LtiLaunchExceptionMapper implements ExceptionMapper<LtiLaunchException> {

  private static final Logger LOG = Logger.getLogger(LtiLaunchExceptionMapper.class.getName());

  @Context HttpHeaders headers;
  @Context jakarta.ws.rs.core.UriInfo uri;
  @Context jakarta.servlet.http.HttpServletRequest request;
  @jakarta.inject.Inject cn.weineng.launch.application.LaunchRefusals refusals;

  @Override
  public Response toResponse(LtiLaunchException e) {
    LOG.info(() -> "LTI request refused: " + e.check());
    record(e);
    boolean json =
        headers != null
            && headers.getAcceptableMediaTypes().stream()
                .anyMatch(
                    t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType());
    if (json) {
      Response problem =
          ProblemResponses.of(
              e.status(), "lti-" + e.check(), "LTI launch refused", e.getMessage(), List.of());
      return e.retryAfter() == null
          ? problem
          : Response.fromResponse(problem)
              .header("Retry-After", Math.max(1, e.retryAfter().getSeconds()))
              .build();
    }
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Weineng</title></head><body style=\"font-family:system-ui,sans-serif;margin:2rem\">"
            + "<h1 style=\"font-size:1.2rem\">无法启动 · Launch refused</h1><p id=\"detail\">"
            + LaunchPage.esc(e.getMessage())
            + "</p>"
            + "<p style=\"color:#666\">check: <code id=\"check\">"
            + LaunchPage.esc(e.check())
            + "</code></p></body></html>";
    Response.ResponseBuilder r =
        Response.status(e.status())
            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
            .entity(html);
    if (e.retryAfter() != null) {
      r.header("Retry-After", Math.max(1, e.retryAfter().getSeconds()));
    }
    return r.build();
  }

  /**
   * Keeps the refusal for the admin's diagnostics, with the issuer and client the request named.
   */
  private void record(LtiLaunchException e) {
    try {
      String path = uri == null ? "" : uri.getPath();
      String endpoint = path.substring(path.lastIndexOf('/') + 1);
      String issuer = e.issuer();
      String client = e.clientId();
      if (issuer == null && request != null) {
        issuer = request.getParameter("iss");
        client = request.getParameter("client_id");
      }
      refusals.record(endpoint, e.check(), e.status(), e.getMessage(), issuer, client);
    } catch (RuntimeException failed) {
      LOG.warning(() -> "could not record an LTI refusal: " + failed.getClass().getSimpleName());
    }
  }
}
