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
  @Inject cn.weineng.xapi.application.RequestLimits limits;

  @Context jakarta.servlet.http.HttpServletRequest http;

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
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String user =
        cn.weineng.xapi.application.BasicCredentials.of(authorization)
            .map(cn.weineng.xapi.application.BasicCredentials::user)
            .orElse(null);
    String address =
        limits.sourceOf(
            http == null ? null : http.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"));
    java.util.Optional<java.time.Duration> blocked = limits.authBlocked("admin", address, user);
    if (blocked.isPresent()) {
      request.abortWith(
          Response.fromResponse(
                  ProblemResponses.of(
                      429,
                      "too-many-failed-logins",
                      "Too many failed logins",
                      "too many failed logins from this address or for this user; try again later",
                      List.of()))
              .header("Retry-After", Math.max(1, blocked.get().getSeconds()))
              .build());
      return;
    }
    if (!admins.authenticate(authorization)) {
      if (authorization != null) {
        // a request without credentials guesses nothing; one with wrong ones counts
        limits.authFailed("admin", address, user);
      }
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
