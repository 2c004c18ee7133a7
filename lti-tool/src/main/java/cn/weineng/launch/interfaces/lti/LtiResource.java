package cn.weineng.launch.interfaces.lti;

import cn.weineng.launch.application.Launch;
import cn.weineng.launch.application.LaunchCompletion;
import cn.weineng.launch.application.LaunchRecorder;
import cn.weineng.launch.application.LaunchValidator;
import cn.weineng.launch.application.LoginService;
import cn.weineng.platform.application.ToolKeys;
import cn.weineng.xapi.application.ConflictRetry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** LTI 1.3: OIDC login initiation, the launch, and the tool's public keys. */
@Path("lti")
@RequestScoped
public class LtiResource {

  static final String STATE_COOKIE = "weineng_lti_state";

  /** Login states a browser may have in flight at once (base64url states never contain a dot). */
  static final int MAX_COOKIE_STATES = 4;

  @Inject LoginService login;
  @Inject LaunchValidator validator;
  @Inject LaunchCompletion completion;
  @Inject ToolKeys keys;
  @Inject LaunchPage page;

  @GET
  @Path("login")
  public Response loginGet(
      @QueryParam("iss") String iss,
      @QueryParam("login_hint") String loginHint,
      @QueryParam("target_link_uri") String target,
      @QueryParam("lti_message_hint") String messageHint,
      @QueryParam("client_id") String clientId,
      @QueryParam("lti_deployment_id") String deploymentId,
      @QueryParam("lti_storage_target") String storageTarget,
      @CookieParam(STATE_COOKIE) String cookieStates) {
    String address =
        limits.sourceOf(
            http == null ? null : http.getRemoteAddr(),
            http == null ? null : http.getHeader("X-Forwarded-For"));
    java.util.Optional<java.time.Duration> wait =
        limits.login(address, iss + "|" + (clientId == null ? "" : clientId));
    if (wait.isPresent()) {
      throw new cn.weineng.launch.application.LtiLaunchException(
              429,
              "too-many-logins",
              "Too many logins were started from this address or for this platform in the last minute; try again shortly.")
          .retryAfter(wait.get())
          .about(iss, clientId);
    }
    try {
      LoginService.Initiation in =
          new LoginService.Initiation(
              iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget);
      return redirect(login.initiate(in), cookieStates);
    } catch (cn.weineng.launch.application.LtiLaunchException e) {
      throw e.about(iss, clientId);
    }
  }

  /** Moodle POSTs the login initiation. */
  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response loginPost(
      @FormParam("iss") String iss,
      @FormParam("login_hint") String loginHint,
      @FormParam("target_link_uri") String target,
      @FormParam("lti_message_hint") String messageHint,
      @FormParam("client_id") String clientId,
      @FormParam("lti_deployment_id") String deploymentId,
      @FormParam("lti_storage_target") String storageTarget,
      @CookieParam(STATE_COOKIE) String cookieStates) {
    return loginGet(
        iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget, cookieStates);
  }

  /**
   * The state also goes into a cookie, which keeps the browser's few most recent login states (a
   * course page may start several launches at once). When the browser sends the cookie back, the
   * launch's state must be in it: the browser that started the login finishes it. When third-party
   * cookies are blocked it does not come back, and the database state, single-use and bound to the
   * nonce, is what protects the launch (ADR 0001).
   */
  private static Response redirect(LoginService.Redirect r, String cookieStates) {
    List<String> states = new ArrayList<>(List.of(r.state()));
    for (String old : states(cookieStates)) {
      if (states.size() < MAX_COOKIE_STATES && !states.contains(old)) {
        states.add(old);
      }
    }
    String cookie = partitioned(stateCookie(String.join(".", states), 600));
    if (r.storageTarget() != null) {
      // the platform offers its storage: the state goes there too (PlatformStoragePages)
      return PlatformStoragePages.put(
          r.state(),
          r.nonce(),
          r.storageTarget(),
          r.platformOrigin(),
          r.location().toString(),
          r.withoutStorage(),
          cookie);
    }
    return Response.status(302)
        .location(r.location())
        .header("Set-Cookie", cookie)
        .header("Cache-Control", "no-store")
        .build();
  }

  static List<String> states(String cookie) {
    if (cookie == null || cookie.isBlank()) {
      return List.of();
    }
    return List.of(cookie.split("\\."));
  }

  /**
   * The cookie with {@code Partitioned} (CHIPS): a browser that blocks third-party cookies still
   * keeps it for the LMS's frame. The launch does not depend on it; it only tells a second window's
   * launch apart.
   */
  static String partitioned(NewCookie c) {
    return jakarta.ws.rs.ext.RuntimeDelegate.getInstance()
            .createHeaderDelegate(NewCookie.class)
            .toString(c)
        + ";Partitioned";
  }

  private static NewCookie stateCookie(String value, int maxAge) {
    return new NewCookie.Builder(STATE_COOKIE)
        .value(value)
        .path("/lti")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(true)
        .sameSite(NewCookie.SameSite.NONE)
        .build();
  }

  @POST
  @Path("launch")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
  public Response launch(
      @FormParam("id_token") String idToken,
      @FormParam("state") String state,
      @FormParam("error") String error,
      @FormParam("error_description") String errorDescription,
      @FormParam("lti_storage") String storageChecked,
      @CookieParam(STATE_COOKIE) String cookieStates) {
    if (error != null) {
      throw new cn.weineng.launch.application.LtiLaunchException(
          400,
          "platform-error",
          "The platform refused the login: "
              + error
              + (errorDescription == null ? "" : " (" + errorDescription + ")"));
    }
    List<String> pending = states(cookieStates);
    if (!pending.isEmpty() && state != null && !pending.contains(state)) {
      throw new cn.weineng.launch.application.LtiLaunchException(
          401,
          "state-mismatch",
          "This launch was started in another browser window; start the activity again from the course.");
    }
    LaunchValidator.Accepted accepted = validator.validate(idToken, state);
    if (accepted.storageTarget() != null
        && pending.isEmpty()
        && !"checked".equals(storageChecked)) {
      // no cookie came back, and the login put the state in the platform's storage: the browser
      // checks that it holds this state before the launch is recorded (PlatformStoragePages)
      return PlatformStoragePages.check(
          idToken, state, accepted.storageTarget(), accepted.platformOrigin(), login.launchUrl());
    }
    Launch launch = accepted.launch();
    // a concurrent launch may create the same course or person first; the next attempt finds the
    // rows
    LaunchCompletion.Completed done =
        ConflictRetry.run("recording a launch", () -> completion.complete(accepted));
    String token = done.frameToken();
    LaunchRecorder.Recorded recorded = done.recorded();
    return Response.fromResponse(framePages.response(launch, recorded.personId(), token, null, 200))
        .header("Set-Cookie", partitioned(remaining(pending, state)))
        .build();
  }

  /** The cookie without the state just used; removed when none is left. */
  private static NewCookie remaining(List<String> pending, String used) {
    List<String> rest = pending.stream().filter(x -> !x.equals(used)).toList();
    return rest.isEmpty() ? stateCookie("", 0) : stateCookie(String.join(".", rest), 600);
  }

  @GET
  @Path("jwks")
  @Produces(MediaType.APPLICATION_JSON)
  public Response jwks() {
    return Response.ok(keys.publicJwks()).header("Cache-Control", "max-age=300").build();
  }

  @Inject FramePages framePages;

  @Inject cn.weineng.xapi.application.RequestLimits limits;

  @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest http;
}
