package cn.weineng.platform.interfaces.lti;

import cn.weineng.common.domain.Problem;
import cn.weineng.platform.application.DynamicRegistration;
import cn.weineng.platform.domain.Platform;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The registration URL an LMS opens (LTI Dynamic Registration 1.0 §3.3): registers Weineng with the
 * platform and answers a page that tells the LMS's window to close ({@code
 * org.imsglobal.lti.close}, §3.7), or says why it could not.
 */
@Path("lti/register")
@RequestScoped
public class RegistrationResource {

  /** The page's only script: tell the LMS the registration is done. */
  static final String CLOSE =
      "(window.opener||window.parent).postMessage({subject:'org.imsglobal.lti.close'},'*');";

  static final String CLOSE_HASH = "'sha256-" + sha256Base64(CLOSE) + "'";

  @Inject DynamicRegistration registration;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response register(
      @QueryParam("invite") String invite,
      @QueryParam("openid_configuration") String openidConfiguration,
      @QueryParam("registration_token") String registrationToken) {
    if (openidConfiguration == null || openidConfiguration.isBlank()) {
      return page(
          400,
          "这是 Weineng 的注册地址 · This is Weineng's registration URL",
          "Paste it into your LMS (Moodle: Manage tools → Tool URL → Add LTI Advantage); opened"
              + " by itself it does nothing.",
          false,
          "'none'");
    }
    String lms = origin(openidConfiguration);
    Platform p;
    try {
      p = registration.register(invite, openidConfiguration, registrationToken);
    } catch (DynamicRegistration.RegistrationException e) {
      return page(400, "注册未完成 · Registration not done", e.getMessage(), false, lms);
    } catch (Problem e) {
      return page(e.status(), "注册未完成 · Registration not done", e.getMessage(), false, lms);
    }
    return page(
        200,
        "已注册 · Weineng is registered",
        "Weineng is registered with "
            + p.issuer()
            + " (client id "
            + p.clientId()
            + "). In Moodle, activate the tool under Manage tools, then teachers can add it to"
            + " their courses.",
        true,
        lms);
  }

  /** The LMS's origin, where its window frames this page. */
  static String origin(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      if (u.getScheme() == null || u.getAuthority() == null || !u.getScheme().startsWith("http")) {
        return "'none'";
      }
      return u.getScheme() + "://" + u.getAuthority();
    } catch (IllegalArgumentException e) {
      return "'none'";
    }
  }

  private static Response page(
      int status, String title, String detail, boolean close, String frameAncestors) {
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Weineng</title></head>"
            + "<body style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1 id=\"title\" style=\"font-size:1.2rem\">"
            + esc(title)
            + "</h1><p id=\"detail\">"
            + esc(detail)
            + "</p>"
            + (close ? "<script>" + CLOSE + "</script>" : "")
            + "</body></html>";
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(html)
        .header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src "
                + CLOSE_HASH
                + "; frame-ancestors 'self' "
                + frameAncestors)
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String sha256Base64(String s) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
