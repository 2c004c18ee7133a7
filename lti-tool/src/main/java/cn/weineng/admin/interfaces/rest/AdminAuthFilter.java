package cn.weineng.admin.interfaces.rest;

import cn.weineng.admin.application.AdminAccounts;
import cn.weineng.common.interfaces.rest.ProblemResponses;
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

  static final String GENERATED_API_PACKAGE = "cn.weineng.api.server";

  @Inject AdminAccounts admins;

  /**
   * Fails closed: a class is admin-only when it says so, or when it implements any interface
   * generated from openapi.yaml, so a new REST resource that forgets {@link AdminApi} is still
   * protected.
   */
  static boolean isAdminApi(Class<?> matched) {
    if (matched == null) {
      return false;
    }
    if (matched.isAnnotationPresent(AdminApi.class)) {
      return true;
    }
    for (Class<?> c = matched; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getPackageName().equals(GENERATED_API_PACKAGE)) {
          return true;
        }
      }
    }
    return false;
  }

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!isAdminApi(resource.getResourceClass())) {
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
