package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.domain.XapiVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Every response under /xapi carries the version the LRS answered in. */
@Provider
public class XapiResponseFilter implements ContainerResponseFilter {

  static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";

  /** Now, to the millisecond, in UTC: statements stored before it are visible to queries. */
  static String consistentThrough() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!"xapi".equals(request.getUriInfo().getPathSegments().get(0).getPath())) {
      return;
    }
    // documents are served as they were stored, in any media type: never as a page of this origin
    response.getHeaders().putSingle("Content-Security-Policy", "sandbox; default-src 'none'");
    Object v = request.getProperty(XapiRequestFilter.VERSION);
    // the version the request asked for; when it named none the LRS could use, its newest
    String header =
        v instanceof XapiVersion version ? version.header() : XapiVersion.V2_0_0.header();
    response.getHeaders().putSingle(XapiVersion.HEADER, header);
    // every answer to a statement GET says how far the LRS is consistent, errors included
    // (Communication 2.1.3)
    List<PathSegment> segments = request.getUriInfo().getPathSegments();
    if (("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
        && segments.size() > 1
        && "statements".equals(segments.get(1).getPath())
        && !response.getHeaders().containsKey(CONSISTENT_THROUGH)) {
      response.getHeaders().putSingle(CONSISTENT_THROUGH, consistentThrough());
    }
    if (response.getStatus() == 401) {
      response.getHeaders().putSingle("WWW-Authenticate", "Basic realm=\"Weineng LRS\"");
    }
  }
}
