package cn.weineng.launch.application;

import cn.weineng.launch.domain.LoginState;
import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.platform.domain.Platform;
import cn.weineng.platform.infrastructure.PlatformKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Validates an LTI 1.3 launch, step by step, as LTI Core 1.3 §5 and the Security Framework 1.0
 * §5.1.3 require. Any failed step refuses the launch with the step's name; nothing is recorded for
 * a refused launch.
 */
@ApplicationScoped
public class LaunchValidator {

  private static final Logger LOG = Logger.getLogger(LaunchValidator.class.getName());

  /** Clock skew allowed on exp and iat. */
  static final Duration SKEW = Duration.ofSeconds(60);

  /** An id_token issued longer ago than this is refused even if its exp is later. */
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject LoginStates states;
  @Inject PlatformKeys platformKeys;

  /**
   * A launch whose id_token passed every check, the nonce its acceptance uses up, and, when its
   * login put the state in the platform's storage, that storage frame and the platform's origin.
   */
  public record Accepted(
      Launch launch, String nonce, String storageTarget, String platformOrigin) {}

  /**
   * Checks a launch: its state (signed by this tool, unexpired), then the id_token. Writes nothing:
   * the caller records the nonce as used in the transaction that records the launch ({@link
   * LaunchCompletion}), which is what refuses a second use of the state.
   */
  public Accepted validate(String idToken, String state) {
    if (idToken == null || idToken.isBlank()) {
      throw new LtiLaunchException(400, "missing-id-token", "The launch carries no id_token.");
    }
    // Security 5.1.1.3 / OIDC: the state must be one we issued, unexpired, and is used once
    LoginState login =
        states
            .open(state, Instant.now())
            .orElseThrow(
                () ->
                    new LtiLaunchException(
                        401,
                        "unknown-state",
                        "The launch's state is unknown, expired or already used. Start the activity again from the course."));
    Platform platform = em.find(Platform.class, login.platformId());
    if (platform == null) {
      throw new LtiLaunchException(
          401, "unknown-platform", "The platform of this launch is no longer registered.");
    }

    try {
      return new Accepted(
          validate(idToken, login, platform),
          login.nonce(),
          login.storageTarget(),
          LoginService.origin(platform.authUrl()));
    } catch (LtiLaunchException e) {
      throw e.about(platform.issuer(), platform.clientId());
    }
  }

  private Launch validate(String idToken, LoginState login, Platform platform) {
    JWTClaimsSet claims = verify(idToken, platform, login);

    // LTI Core 5.3.1: message type; 5.3.2: version; 5.3.3: deployment; 5.3.4 target; 5.3.5 resource
    // link; 5.3.7 roles
    String messageType = string(claims, LtiClaims.MESSAGE_TYPE);
    boolean deepLinking = LtiClaims.DEEP_LINKING_REQUEST.equals(messageType);
    if (!deepLinking && !LtiClaims.RESOURCE_LINK_REQUEST.equals(messageType)) {
      throw new LtiLaunchException(
          400,
          "bad-message-type",
          "The message type must be LtiResourceLinkRequest or LtiDeepLinkingRequest.");
    }
    if (!LtiClaims.LTI_VERSION.equals(string(claims, LtiClaims.VERSION))) {
      throw new LtiLaunchException(400, "bad-version", "The LTI version must be 1.3.0.");
    }
    String deploymentId = string(claims, LtiClaims.DEPLOYMENT_ID);
    if (deploymentId == null || !platform.deploymentIds().contains(deploymentId)) {
      throw new LtiLaunchException(
          401, "unknown-deployment", "The deployment id is not registered for this platform.");
    }
    String target = string(claims, LtiClaims.TARGET_LINK_URI);
    if (target == null) {
      throw new LtiLaunchException(
          400, "missing-target-link-uri", "The launch lacks target_link_uri.");
    }
    // the launch must be for the target the login was started for
    if (!login.isFor(target)) {
      throw new LtiLaunchException(
          400,
          "target-link-uri-mismatch",
          "The launch's target_link_uri differs from the one its login was started for.");
    }
    Map<String, Object> link = object(claims, LtiClaims.RESOURCE_LINK);
    Launch.DeepLinking settings = deepLinking ? deepLinkingSettings(claims) : null;
    if (deepLinking
        && !cn.weineng.launch.domain.LtiRoles.of(
                stringList(claims, LtiClaims.ROLES) == null
                    ? List.of()
                    : stringList(claims, LtiClaims.ROLES))
            .mayPlaceContent()) {
      throw new LtiLaunchException(
          403,
          "may-not-place-content",
          "Only a course's teachers and administrators choose content for it.");
    }
    String linkId = link != null && link.get("id") instanceof String l ? l : null;
    if (!deepLinking && (linkId == null || linkId.isBlank())) {
      throw new LtiLaunchException(
          400, "missing-resource-link", "The launch lacks resource_link.id.");
    }
    List<String> roles = stringList(claims, LtiClaims.ROLES);
    if (roles == null) {
      throw new LtiLaunchException(400, "missing-roles", "The launch lacks the roles claim.");
    }
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank()) {
      throw new LtiLaunchException(
          400,
          "anonymous-launch",
          "Weineng needs to know who is launching (the sub claim); anonymous launches are not supported.");
    }

    Map<String, Object> context = object(claims, LtiClaims.CONTEXT);
    Map<String, Object> presentation = object(claims, LtiClaims.LAUNCH_PRESENTATION);
    Map<String, Object> toolPlatform = object(claims, LtiClaims.TOOL_PLATFORM);
    Map<String, Object> customClaim = object(claims, LtiClaims.CUSTOM);
    Map<String, String> custom = new LinkedHashMap<>();
    if (customClaim != null) {
      customClaim.forEach((k, v) -> custom.put(k, String.valueOf(v)));
    }
    Map<String, Object> lis = object(claims, LtiClaims.PREFIX + "lis");
    // only the platform's own claim: a custom parameter can be set by anyone who edits a course
    String sourced =
        lis != null && lis.get("person_sourcedid") instanceof String ps && !ps.isBlank()
            ? ps.trim()
            : null;
    if (sourced != null
        && (!sourced.matches("[A-Za-z0-9._-]{1,100}")
            || cn.weineng.people.domain.IdNumbers.looksLikeOne(sourced))) {
      sourced = null; // not an id Weineng keeps (never an ID number); the launch goes on unlinked
    }
    return new Launch(
        platform.id(),
        platform.issuer(),
        deploymentId,
        sub,
        name(claims),
        roles,
        linkId,
        link != null && link.get("title") instanceof String t ? t : null,
        context != null && context.get("id") instanceof String c ? c : null,
        context != null && context.get("title") instanceof String ct ? ct : null,
        context != null && context.get("label") instanceof String cl ? cl : null,
        presentation != null && presentation.get("locale") instanceof String l ? l : null,
        target,
        toolPlatform != null && toolPlatform.get("product_family_code") instanceof String pf
            ? pf
            : null,
        custom,
        sourced,
        settings,
        ags(claims),
        memberships(claims));
  }

  /** NRPS 2.0 §3.6.1: the context's membership URL, when the platform offers the service. */
  private static String memberships(JWTClaimsSet claims) {
    Map<String, Object> n = object(claims, LtiClaims.NRPS);
    return n != null
            && n.get("context_memberships_url") instanceof String u
            && (u.startsWith("https://") || u.startsWith("http://"))
        ? u
        : null;
  }

  /** AGS 2.0 §3.1: the endpoint claim, when the platform offers the service for this launch. */
  private static Launch.Ags ags(JWTClaimsSet claims) {
    Map<String, Object> e = object(claims, LtiClaims.AGS_ENDPOINT);
    if (e == null) {
      return null;
    }
    String lineitem = e.get("lineitem") instanceof String l && l.startsWith("http") ? l : null;
    String lineitems = e.get("lineitems") instanceof String l && l.startsWith("http") ? l : null;
    if (lineitem == null && lineitems == null) {
      return null;
    }
    return new Launch.Ags(strings(e.get("scope")), lineitems, lineitem);
  }

  /**
   * Deep Linking 2.0 §4.4.1: the settings claim must give a return URL, and the platform must take
   * LTI resource links, the only kind Weineng offers.
   */
  private static Launch.DeepLinking deepLinkingSettings(JWTClaimsSet claims) {
    Map<String, Object> s = object(claims, LtiClaims.DEEP_LINKING_SETTINGS);
    if (s == null) {
      throw new LtiLaunchException(
          400,
          "missing-deep-linking-settings",
          "The deep linking request lacks its deep_linking_settings claim.");
    }
    Object url = s.get("deep_link_return_url");
    if (!(url instanceof String returnUrl)
        || !(returnUrl.startsWith("https://") || returnUrl.startsWith("http://"))) {
      throw new LtiLaunchException(
          400,
          "missing-deep-link-return-url",
          "The deep linking request lacks an http(s) deep_link_return_url.");
    }
    List<String> accept = strings(s.get("accept_types"));
    if (!accept.contains("ltiResourceLink")) {
      throw new LtiLaunchException(
          400,
          "no-accepted-type",
          "The platform does not accept ltiResourceLink items, the only kind Weineng offers.");
    }
    return new Launch.DeepLinking(
        returnUrl,
        accept,
        strings(s.get("accept_presentation_document_targets")),
        Boolean.TRUE.equals(s.get("accept_multiple")),
        Boolean.TRUE.equals(s.get("auto_create")),
        s.get("data") instanceof String d ? d : null,
        s.get("title") instanceof String t ? t : null);
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /** Signature, issuer, audience, authorised party, expiry and issue time, nonce. */
  private JWTClaimsSet verify(String idToken, Platform platform, LoginState login) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    // Security 5.1.3 step 1: RS256 signature with a key from the platform's JWKS
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.RS256, platformKeys.forJwksUrl(platform.jwksUrl())));
    // steps 2-3: iss exact, aud contains our client id; step 7: exp with skew; step 8: nonce is the
    // state's
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            platform.clientId(),
            new JWTClaimsSet.Builder()
                .issuer(platform.issuer())
                .claim("nonce", login.nonce())
                .build(),
            Set.of("sub", "exp", "iat", "nonce", LtiClaims.MESSAGE_TYPE));
    verifier.setMaxClockSkew((int) SKEW.getSeconds());
    processor.setJWTClaimsSetVerifier(verifier);
    JWTClaimsSet claims;
    try {
      claims = processor.process(idToken, null);
    } catch (ParseException e) {
      throw new LtiLaunchException(400, "malformed-id-token", "The id_token is not a JWT.");
    } catch (BadJWTException e) {
      // fixed messages: the library's text can carry claim values (our nonce, the token's audience)
      String check = claimCheck(e.getMessage());
      throw new LtiLaunchException(
          401,
          check,
          "The id_token was refused: "
              + CHECK_MESSAGES.getOrDefault(check, "its claims are not valid for this tool")
              + ".");
    } catch (BadJOSEException e) {
      throw new LtiLaunchException(
          401,
          "bad-signature",
          "The id_token's signature does not verify with the platform's keys.");
    } catch (JOSEException e) {
      LOG.warning(
          () ->
              "could not verify an id_token from platform "
                  + platform.id()
                  + ": "
                  + e.getMessage());
      throw new LtiLaunchException(
          502,
          "platform-keys-unavailable",
          "The platform's public keys could not be fetched; try again.");
    }
    // step 4: with several audiences, azp must be present; when present it must be our client id
    List<String> aud = claims.getAudience();
    Object azp = claims.getClaim("azp");
    if ((aud.size() > 1 && azp == null) || (azp != null && !platform.clientId().equals(azp))) {
      throw new LtiLaunchException(
          401, "bad-azp", "The id_token's authorised party (azp) is not this tool.");
    }
    // step 7: iat not in the future (beyond skew) and not too old
    Date iat = claims.getIssueTime();
    Instant now = Instant.now();
    if (iat.toInstant().isAfter(now.plus(SKEW)) || iat.toInstant().isBefore(now.minus(MAX_AGE))) {
      throw new LtiLaunchException(
          401, "bad-iat", "The id_token's issue time (iat) is outside the accepted window.");
    }
    return claims;
  }

  private static final Map<String, String> CHECK_MESSAGES =
      Map.of(
          "missing-claims", "it lacks a required claim (sub, exp, iat, nonce or message_type)",
          "bad-audience", "its audience (aud) is not this tool",
          "expired", "it has expired",
          "bad-nonce", "its nonce is not the one this login issued",
          "bad-issuer", "its issuer (iss) is not the registered platform");

  private static String claimCheck(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("missing required claims")) {
      return "missing-claims";
    }
    if (m.contains("aud")) {
      return "bad-audience";
    }
    if (m.contains("expired")) {
      return "expired";
    }
    if (m.contains("nonce")) {
      return "bad-nonce";
    }
    if (m.contains("iss")) {
      return "bad-issuer";
    }
    return "bad-claims";
  }

  private static String name(JWTClaimsSet c) {
    Object n = c.getClaim("name");
    if (n instanceof String s && !s.isBlank()) {
      return s;
    }
    Object given = c.getClaim("given_name");
    Object family = c.getClaim("family_name");
    String joined =
        ((family instanceof String f ? f : "") + (given instanceof String g ? g : "")).trim();
    return joined.isEmpty() ? null : joined;
  }

  private static String string(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    return v instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static List<String> stringList(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return null;
  }
}
