package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.domain.Violation;
import cn.weineng.xapi.domain.XapiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** xAPI refusals as RFC 9457 problem+json with the xAPI status and each violation's path. */
@Provider
public class XapiExceptionMapper implements ExceptionMapper<XapiException> {

  static final MediaType PROBLEM = new MediaType("application", "problem+json");

  @Override
  public Response toResponse(XapiException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://w3id.org/weineng/problems/xapi-" + e.status());
    body.put("title", title(e.status()));
    body.put("status", e.status());
    body.put("detail", e.getMessage());
    if (!e.violations().isEmpty()) {
      List<Map<String, String>> v =
          e.violations().stream()
              .map((Violation x) -> Map.of("path", x.path(), "message", x.message()))
              .toList();
      body.put("violations", v);
    }
    Response.ResponseBuilder r = Response.status(e.status()).type(PROBLEM).entity(Json.write(body));
    if (e.retryAfter() != null) {
      r.header("Retry-After", Math.max(1, e.retryAfter().getSeconds()));
    }
    return r.build();
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad xAPI request";
      case 401 -> "Credential required";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict with a stored statement";
      case 412 -> "Precondition failed";
      case 413 -> "Request too large";
      case 429 -> "Too many requests";
      default -> "xAPI error";
    };
  }
}
