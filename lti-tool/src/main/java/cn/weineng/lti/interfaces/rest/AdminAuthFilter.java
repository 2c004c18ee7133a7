package cn.weineng.lti.interfaces.rest;

import cn.weineng.lti.application.AdminAccounts;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Every REST API resource ({@link AdminApi}) needs the admin's HTTP Basic credentials. The filter
 * runs after Jersey has matched the resource and decides by the matched class, not by the URL's
 * spelling.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

  @Inject AdminAccounts admins;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Class<?> matched = resource.getResourceClass();
    if (matched == null || !matched.isAnnotationPresent(AdminApi.class)) {
      return;
    }
    if (!admins.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      request.abortWith(
          Response.fromResponse(
                  ProblemResponses.of(
                      401,
                      "unauthorized",
                      "Unauthorized",
                      "the admin's HTTP Basic credentials are required",
                      List.of()))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Weineng admin\"")
              .build());
    }
  }
}
