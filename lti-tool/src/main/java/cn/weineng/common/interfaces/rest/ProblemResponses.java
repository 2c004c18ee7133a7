package cn.weineng.common.interfaces.rest;

import cn.weineng.common.domain.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem+json responses. */
public final class ProblemResponses {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
  public static final String TYPE_BASE = "https://w3id.org/weineng/problems/";

  private ProblemResponses() {}

  public static Response of(
      int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + slug);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put(
          "errors",
          errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }

  /**
   * Writes a problem straight to a servlet response, for the refusals made before JAX-RS runs (a
   * servlet filter, the container's error page). Slug, title and detail are fixed texts of the
   * caller's: nothing a request held is written.
   */
  public static void write(
      jakarta.servlet.http.HttpServletResponse out,
      int status,
      String slug,
      String title,
      String detail,
      boolean withBody)
      throws java.io.IOException {
    byte[] body =
        ("{\"type\":\""
                + TYPE_BASE
                + slug
                + "\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.setStatus(status);
    out.setContentType("application/problem+json");
    out.setCharacterEncoding("UTF-8");
    out.setContentLength(body.length);
    if (withBody) {
      out.getOutputStream().write(body);
    }
  }
}
