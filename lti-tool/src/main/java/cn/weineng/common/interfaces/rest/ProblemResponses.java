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
}
