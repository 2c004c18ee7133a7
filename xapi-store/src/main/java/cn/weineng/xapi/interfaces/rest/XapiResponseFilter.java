package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.domain.XapiVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Every response under /xapi carries the version the LRS answered in. */
@Provider
public class XapiResponseFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!"xapi".equals(request.getUriInfo().getPathSegments().get(0).getPath())) {
      return;
    }
    Object v = request.getProperty(XapiRequestFilter.VERSION);
    String header = v instanceof XapiVersion version ? version.header() : XapiVersion.V1_0_3.header();
    response.getHeaders().putSingle(XapiVersion.HEADER, header);
    if (response.getStatus() == 401) {
      response.getHeaders().putSingle("WWW-Authenticate", "Basic realm=\"Weineng LRS\"");
    }
  }
}
