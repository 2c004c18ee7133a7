package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.application.BasicCredentials;
import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.domain.XapiException;
import cn.weineng.xapi.domain.XapiVersion;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Every xAPI request but About: a credential (HTTP Basic) first, then the version header. The
 * client and version are left on the request for the resource.
 */
@Provider
@XapiEndpoint
@Priority(Priorities.AUTHENTICATION)
public class XapiRequestFilter implements ContainerRequestFilter {

  static final String CLIENT = "weineng.xapi.client";
  static final String VERSION = "weineng.xapi.version";

  @Inject CredentialService credentials;

  @Inject cn.weineng.xapi.application.RequestLimits limits;

  @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest http;

  @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<BasicCredentials> basic = BasicCredentials.of(authorization);
    String key = basic.map(BasicCredentials::user).orElse(null);
    String address =
        limits.sourceOf(
            http == null ? null : http.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"));
    // too many failed attempts from this address or for this key: refused before any check
    limits
        .authBlocked("lrs", address, key)
        .ifPresent(
            wait -> {
              throw XapiException.tooMany(
                  "too many failed authentications from this address or for this key; try again"
                      + " later",
                  wait);
            });
    Optional<LrsClient> authenticated =
        basic.flatMap(c -> credentials.authenticate(c.user(), c.password()));
    if (authenticated.isEmpty()) {
      if (authorization != null) {
        // a request without credentials guesses nothing; one with wrong ones counts
        limits.authFailed("lrs", address, key);
      }
      throw new XapiException(
          401, "a valid LRS credential is required (HTTP Basic: key and secret)");
    }
    LrsClient client = authenticated.get();
    String header = request.getHeaderString(XapiVersion.HEADER);
    if (header == null) {
      throw new XapiException(
          400, "the " + XapiVersion.HEADER + " header is required, e.g. 1.0.3 or 2.0.0");
    }
    XapiVersion version =
        XapiVersion.fromHeader(header)
            .orElseThrow(
                () ->
                    new XapiException(
                        400,
                        "the "
                            + XapiVersion.HEADER
                            + " '"
                            + header
                            + "' is not supported; use 1.0.3 or 2.0.0"));
    java.util.Set<String> needed =
        scopesFor(
            resource == null ? null : resource.getResourceClass(),
            resource == null ? null : resource.getResourceMethod(),
            request.getMethod());
    if (!client.may(needed)) {
      throw new XapiException(
          403,
          "this credential may not "
              + request.getMethod()
              + " here: it needs one of the scopes "
              + new java.util.TreeSet<>(needed)
              + " (or all)");
    }
    request.setProperty(CLIENT, client);
    request.setProperty(VERSION, version);
  }

  /**
   * The xAPI scopes, any of which allows a request (besides {@code all}), from the resource method
   * Jersey matched (so no spelling of the path, matrix parameters included, reaches a resource
   * under another's scope); a resource this does not know needs {@code all}.
   */
  static java.util.Set<String> scopesFor(
      Class<?> resourceClass, java.lang.reflect.Method method, String httpMethod) {
    boolean reading = "GET".equals(httpMethod) || "HEAD".equals(httpMethod);
    String own = null;
    if (resourceClass == StatementsResource.class) {
      own = reading ? "statements/read" : "statements/write";
    } else if (resourceClass == DocumentsResource.class && method != null) {
      own = method.getName().contains("State") ? "state" : "profile";
    } else if (resourceClass == ActivitiesAgentsResource.class) {
      own = "profile";
    }
    if (own == null) {
      return java.util.Set.of(cn.weineng.xapi.application.LrsClient.ALL);
    }
    return reading ? java.util.Set.of(own, "all/read") : java.util.Set.of(own);
  }
}
