package cn.weineng.lti.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Framing and sniffing rules. The LTI pages must load inside the LMS's iframe: they carry their own
 * {@code Content-Security-Policy: frame-ancestors} naming the platform, so the container's blanket
 * {@code X-Frame-Options: SAMEORIGIN} is switched off (pre-boot command) and set here on everything else.
 */
@Provider
public class SecurityHeadersFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    if (!"lti".equals(request.getUriInfo().getPathSegments().get(0).getPath())) {
      response.getHeaders().putSingle("X-Frame-Options", "DENY");
    }
  }
}
