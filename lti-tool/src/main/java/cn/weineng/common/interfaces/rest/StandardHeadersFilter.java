package cn.weineng.common.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Headers every answer carries: {@code Date} (RFC 9110 §6.6.1; the container does not add it, and
 * xAPI clients use it to measure clock skew against {@code X-Experience-API-Consistent-Through}),
 * and framing and sniffing rules. The LTI pages must load inside the LMS's iframe: they carry their
 * own {@code Content-Security-Policy: frame-ancestors} naming the platform, so the container's
 * blanket {@code X-Frame-Options: SAMEORIGIN} is switched off (pre-boot command) and set here on
 * everything else.
 */
@Provider
public class StandardHeadersFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!response.getHeaders().containsKey("Date")) {
      response
          .getHeaders()
          .putSingle(
              "Date",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    if (!"lti".equals(request.getUriInfo().getPathSegments().get(0).getPath())) {
      response.getHeaders().putSingle("X-Frame-Options", "DENY");
    }
  }
}
