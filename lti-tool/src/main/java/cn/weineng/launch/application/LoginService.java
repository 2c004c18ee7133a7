package cn.weineng.launch.application;

import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.launch.domain.LoginState;
import cn.weineng.platform.domain.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OIDC third-party login initiation (LTI Security Framework 1.0 §5.1.1): the platform sends the
 * user here first; we answer with a redirect to the platform's authorisation endpoint carrying a
 * fresh state and nonce; the state is signed and carries the nonce, so nothing is written here
 * ({@link LoginStates}).
 */
@ApplicationScoped
public class LoginService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject LoginStates states;

  @Inject PublicUrl publicUrl;

  /** The parameters of a login initiation request (GET query or POST form). */
  public record Initiation(
      String iss,
      String loginHint,
      String targetLinkUri,
      String ltiMessageHint,
      String clientId,
      String deploymentId,
      String storageTarget) {

    /** An initiation without LTI platform storage. */
    public Initiation(
        String iss,
        String loginHint,
        String targetLinkUri,
        String ltiMessageHint,
        String clientId,
        String deploymentId) {
      this(iss, loginHint, targetLinkUri, ltiMessageHint, clientId, deploymentId, null);
    }
  }

  /**
   * The authorisation redirect and the state it carries; with LTI platform storage, also the nonce
   * and the storage frame the browser puts them in first, the platform's origin, and the same login
   * without platform storage (where the browser goes when the platform does not answer).
   */
  public record Redirect(
      URI location,
      String state,
      String nonce,
      String storageTarget,
      String platformOrigin,
      String withoutStorage) {}

  public Redirect initiate(Initiation in) {
    // §5.1.1.1: iss, login_hint and target_link_uri are required
    require(in.iss(), "iss");
    require(in.loginHint(), "login_hint");
    require(in.targetLinkUri(), "target_link_uri");
    Platform platform = platform(in.iss(), in.clientId());
    if (in.deploymentId() != null
        && !in.deploymentId().isBlank()
        && !platform.deploymentIds().contains(in.deploymentId())) {
      throw new LtiLaunchException(
          400, "unknown-deployment", "The deployment id is not registered for this platform.");
    }
    // the target must be this tool: a login must not be turned into a redirect elsewhere
    if (!in.targetLinkUri().startsWith(base() + "/")) {
      throw new LtiLaunchException(
          400, "foreign-target", "target_link_uri does not point at this tool (" + base() + ").");
    }
    String storage = LoginState.isStorageTarget(in.storageTarget()) ? in.storageTarget() : null;
    LoginStates.Issued issued =
        states.issue(platform.id(), in.targetLinkUri(), storage, Instant.now());
    String state = issued.state();
    String nonce = issued.nonce();

    // §5.1.1.2: the authentication request
    Map<String, String> q = new LinkedHashMap<>();
    q.put("scope", "openid");
    q.put("response_type", "id_token");
    q.put("response_mode", "form_post");
    q.put("prompt", "none");
    q.put("client_id", platform.clientId());
    q.put("redirect_uri", launchUrl());
    q.put("login_hint", in.loginHint());
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("lti_message_hint", in.ltiMessageHint());
    String withoutStorage = null;
    if (storage != null) {
      Map<String, String> again = new LinkedHashMap<>();
      again.put("iss", in.iss());
      again.put("login_hint", in.loginHint());
      again.put("target_link_uri", in.targetLinkUri());
      again.put("lti_message_hint", in.ltiMessageHint());
      again.put("client_id", in.clientId());
      again.put("lti_deployment_id", in.deploymentId());
      withoutStorage = withQuery(base() + "/lti/login", again);
    }
    return new Redirect(
        URI.create(withQuery(platform.authUrl(), q)),
        state,
        nonce,
        storage,
        origin(platform.authUrl()),
        withoutStorage);
  }

  private Platform platform(String iss, String clientId) {
    List<Platform> found;
    if (clientId != null && !clientId.isBlank()) {
      found =
          em.createNamedQuery("Platform.byIssuerAndClient", Platform.class)
              .setParameter("issuer", iss)
              .setParameter("clientId", clientId)
              .getResultList();
    } else {
      found =
          em.createNamedQuery("Platform.byIssuer", Platform.class)
              .setParameter("issuer", iss)
              .getResultList();
      if (found.size() > 1) {
        throw new LtiLaunchException(
            400,
            "client-id-needed",
            "Several registrations share this issuer; the platform must send client_id.");
      }
    }
    if (found.isEmpty()) {
      throw new LtiLaunchException(
          400,
          "unknown-platform",
          "This platform (issuer and client id) is not registered with Weineng. Ask the administrator to register it.");
    }
    return found.get(0);
  }

  /** The origin (scheme, host, port) of a URL, the target of the platform's postMessages. */
  static String origin(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  String base() {
    return publicUrl.base();
  }

  public String launchUrl() {
    return base() + "/lti/launch";
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new LtiLaunchException(
          400, "missing-parameter", "The login request lacks the parameter " + name + ".");
    }
  }

  /** {@code url} with the parameters that have a value added to its query. */
  private static String withQuery(String url, Map<String, String> q) {
    StringBuilder u = new StringBuilder(url);
    char sep = url.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (e.getValue() != null) {
        u.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        sep = '&';
      }
    }
    return u.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
